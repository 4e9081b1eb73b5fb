// Part: the unions that `persons` (a list of Person nodes) are partners in, each once with the
//   ids of all its partners: rows of u (a Union) and partner_ids (LIST<STRING>); for a CALL
//   (persons) subquery that collects them
UNWIND persons AS p
MATCH (p)-[:PARTNER_IN]->(u:Union)
WITH DISTINCT u
MATCH (q:Person)-[:PARTNER_IN]->(u)
WITH u, collect(q.id) AS partner_ids
