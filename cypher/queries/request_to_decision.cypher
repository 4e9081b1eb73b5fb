// Purpose: days from the request (verzoek, by the Raad voor de Kinderbescherming) to the court's
//   decision for child-protection measures, per region and month
// Audience: analyst, admin
// Params: one `Param:` line each
// Param: start DATE optional — only requests on or after this day
// Param: end DATE optional — only requests on or before this day
// Param: kinds LIST<STRING> optional choices=ots|voorlopige_ots|machtiging_uithuisplaatsing|voogdij|jeugdreclassering|other — only these kinds (default: all)
// Param: include_extensions BOOLEAN default=false — extensions (verlengingen) are requested by
//   the GI, not the Raad: left out unless asked for
// Returns: one row per region (of the deciding court) and month of the request, in that order;
//   measures with both a request and a decision date only
// Column: region STRING other
// Column: month STRING other — YYYY-MM of the request
// Column: measures INTEGER count
// Column: median_days INTEGER other — nearest-rank median
// Column: p90_days INTEGER other
// Column: max_days INTEGER other
// Example: {"start": "2024-01-01", "kinds": ["ots", "voorlopige_ots"]}
MATCH (m:Measure)
WHERE m.requested_date IS NOT NULL AND m.decision_date IS NOT NULL
  AND ($start IS NULL OR m.requested_date >= $start)
  AND ($end IS NULL OR m.requested_date <= $end)
  AND ($kinds IS NULL OR m.kind IN $kinds)
  AND ($include_extensions OR NOT EXISTS { (m)-[:EXTENDS]->(:Measure) })
OPTIONAL MATCH (m)-[:DECIDED_BY]->(court:Organisation)
WITH court.region AS region, substring(toString(m.requested_date), 0, 7) AS month,
     duration.inDays(m.requested_date, m.decision_date).days AS days
RETURN region, month, count(*) AS measures, percentileDisc(days, 0.5) AS median_days,
       percentileDisc(days, 0.9) AS p90_days, max(days) AS max_days
ORDER BY region, month
