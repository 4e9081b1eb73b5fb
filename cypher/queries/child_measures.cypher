// Purpose: the measures about one child over time (OTS with its extensions, voorlopige OTS,
//   placements, voogdij, jeugdreclassering), each with its extension chain
// Audience: auditor, admin
// Params: one `Param:` line each
// Param: child_id STRING required subject — the child
// Param: as_of DATE default=today — measures without an end, or ending later, count until this day
// Returns: one row per measure, in order of start (then id). A chain is a measure with the
//   measures that extend it (verlengingen); chain_id is its first measure and extension the
//   number of extensions before this one (0 for the first).
// Column: measure_id STRING other
// Column: kind STRING other
// Column: requested_date DATE other
// Column: decision_date DATE other
// Column: start_date DATE other
// Column: end_date DATE other
// Column: days INTEGER other — days from start to end (or as_of), inclusive; 0 if it starts later
// Column: chain_id STRING other
// Column: extension INTEGER other
// Column: extends_id STRING other
// Column: gi_id STRING other
// Column: gi_name STRING other
// Column: court_id STRING other
// Column: case_id STRING person_id — pseudonymised for analysts like a person
// Example: {"child_id": "p-s1-000127-07"}
MATCH (child:Person {id: $child_id})<-[:CONCERNS]-(m:Measure)
USING INDEX child:Person(id)
MATCH path = (m)-[:EXTENDS]->*(first:Measure)
WHERE NOT EXISTS { (first)-[:EXTENDS]->(:Measure) }
OPTIONAL MATCH (m)-[:EXTENDS]->(prev:Measure)
OPTIONAL MATCH (m)-[:EXECUTED_BY]->(gi:Organisation)
OPTIONAL MATCH (m)-[:DECIDED_BY]->(court:Organisation)
OPTIONAL MATCH (m)-[:IN_CASE]->(c:Case)
WITH m, first, length(path) AS extension, prev, gi, court, c,
     CASE WHEN m.end_date IS NULL OR m.end_date > $as_of THEN $as_of ELSE m.end_date END AS until
RETURN m.id AS measure_id, m.kind AS kind, m.requested_date AS requested_date,
       m.decision_date AS decision_date, m.start_date AS start_date, m.end_date AS end_date,
       CASE WHEN m.start_date > until THEN 0
            ELSE duration.inDays(m.start_date, until).days + 1 END AS days,
       first.id AS chain_id, extension, prev.id AS extends_id, gi.id AS gi_id,
       gi.name AS gi_name, court.id AS court_id, c.id AS case_id
ORDER BY start_date, measure_id
