// Purpose: the emotional relations among the given persons on a date (genogram overlay)
// Params: $person_ids: LIST<STRING>, $at: DATE
// Returns: id STRING, from_id STRING, to_id STRING, kind STRING, directed BOOLEAN
UNWIND $person_ids AS pid
MATCH (a:Person {id: pid})
WITH a
MATCH (a)-[e:EMOTIONAL]->(b:Person)
WITH a, e, b WHERE b.id IN $person_ids
  AND coalesce(e.start_date, $at) <= $at AND $at <= coalesce(e.end_date, $at)
RETURN e.id AS id, a.id AS from_id, b.id AS to_id, e.kind AS kind,
       coalesce(e.directed, false) AS directed
ORDER BY id
