// Purpose: the households of the given persons on a date (genogram household overlay):
//   memberships and households whose periods include the date
// Params: $person_ids: LIST<STRING>, $at: DATE
// Returns: id STRING, name STRING, member_ids LIST<STRING>
UNWIND $person_ids AS pid
MATCH (p:Person {id: pid})
WITH p
MATCH (p)-[m:MEMBER_OF]->(h:Household)
WITH p, m, h WHERE coalesce(m.start_date, $at) <= $at AND $at <= coalesce(m.end_date, $at)
  AND coalesce(h.start_date, $at) <= $at AND $at <= coalesce(h.end_date, $at)
WITH h, collect(DISTINCT p.id) AS member_ids
RETURN h.id AS id, h.name AS name, member_ids
ORDER BY id
