// Purpose: the referral monitor: referrals to second-line care per month, started or not, and
//   days from request (JW315) to start (JW305)
// Audience: analyst, admin
// Params: one `Param:` line each
// Param: provider_types LIST<STRING> default=jeugdhulpaanbieder,ggz choices=gemeente|lokaal_team|veilig_thuis|rvdk|gi|rechtbank|openbaar_ministerie|politie|jeugdhulpaanbieder|ggz|jgz|school|huisarts — second-line care
// Param: start DATE optional — only requests on or after this day
// Param: end DATE optional — only requests on or before this day
// Param: municipality STRING optional — only referrals in cases of this gemeente
// Returns: one row per month of the request and provider type, in that order
// Column: month STRING other — YYYY-MM of the request
// Column: provider_type STRING other
// Column: requested INTEGER count
// Column: started INTEGER count
// Column: not_started INTEGER count
// Column: stopped INTEGER count — with a JW307 (stopped or cancelled)
// Column: median_days_to_start INTEGER other — nearest-rank median over the started ones
// Example: {"start": "2025-01-01", "end": "2025-12-31"}
MATCH (rf:Referral)-[:PROVIDED_BY]->(prov:Organisation)
WHERE prov.type IN $provider_types
  AND ($start IS NULL OR rf.requested_date >= $start)
  AND ($end IS NULL OR rf.requested_date <= $end)
OPTIONAL MATCH (rf)-[:IN_CASE]->(c:Case)
WITH rf, prov, c
WHERE $municipality IS NULL OR c.municipality = $municipality
WITH substring(toString(rf.requested_date), 0, 7) AS month, prov.type AS provider_type, rf,
     duration.inDays(rf.requested_date, rf.started_date).days AS days_to_start
RETURN month, provider_type, count(*) AS requested, count(rf.started_date) AS started,
       count(*) - count(rf.started_date) AS not_started, count(rf.stopped_date) AS stopped,
       percentileDisc(days_to_start, 0.5) AS median_days_to_start
ORDER BY month, provider_type
