// Purpose: signals past their retention: meldingen that never became part of a case, dated
//   before the cut-off (default: 2 years ago)
// Params: $signal_cutoff: DATE
// Returns: id STRING, date DATE, persons LIST<STRING>
MATCH (r:Report)
WHERE r.date < $signal_cutoff AND NOT EXISTS { (r)-[:IN_CASE]->(:Case) }
RETURN r.id AS id, r.date AS date,
       COLLECT { MATCH (r)-[:CONCERNS]->(p:Person) RETURN p.id ORDER BY p.id } AS persons
ORDER BY r.id
