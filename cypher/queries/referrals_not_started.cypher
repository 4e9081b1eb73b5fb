// Purpose: referrals to youth care that were requested (JW315) but never started (no JW305)
// Audience: analyst, admin
// Params: one `Param:` line each
// Param: as_of DATE default=today — waiting time is counted up to this day
// Param: min_days INTEGER default=0 min=0 — only referrals waiting at least this many days
// Param: provider_types LIST<STRING> optional choices=gemeente|lokaal_team|veilig_thuis|rvdk|gi|rechtbank|openbaar_ministerie|politie|jeugdhulpaanbieder|ggz|jgz|school|huisarts — only providers of these types (default: all)
// Param: municipality STRING optional — only referrals in cases of this gemeente
// Returns: one row per referral without a start requested on or before as_of minus min_days,
//   longest waiting first (then id)
// Column: referral_id STRING other
// Column: person_id STRING person_id
// Column: provider_id STRING other
// Column: provider_name STRING other
// Column: provider_type STRING other
// Column: requested_date DATE other
// Column: stopped_date DATE other — JW307 without JW305: cancelled
// Column: days_waiting INTEGER other
// Column: case_id STRING person_id
// Column: municipality STRING other — of the case
// Example: {"min_days": 90, "provider_types": ["jeugdhulpaanbieder", "ggz"]}
MATCH (rf:Referral)-[:PROVIDED_BY]->(prov:Organisation)
WHERE rf.started_date IS NULL
  AND rf.requested_date <= $as_of - duration({days: $min_days})
  AND ($provider_types IS NULL OR prov.type IN $provider_types)
MATCH (rf)-[:CONCERNS]->(p:Person)
OPTIONAL MATCH (rf)-[:IN_CASE]->(c:Case)
WITH rf, prov, p, c
WHERE $municipality IS NULL OR c.municipality = $municipality
RETURN rf.id AS referral_id, p.id AS person_id, prov.id AS provider_id,
       prov.name AS provider_name, prov.type AS provider_type,
       rf.requested_date AS requested_date, rf.stopped_date AS stopped_date,
       duration.inDays(rf.requested_date, $as_of).days AS days_waiting, c.id AS case_id,
       c.municipality AS municipality
ORDER BY days_waiting DESC, referral_id
