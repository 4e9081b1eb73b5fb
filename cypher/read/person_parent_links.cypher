// Purpose: the stored child links of the given persons with the partners of each union: one
//   generation up (ancestry check before an import writes)
// Params: $ids: LIST<STRING>
// Returns: child_id STRING, link_id STRING, union_id STRING, partner_ids LIST<STRING>
UNWIND $ids AS id
MATCH (c:Person {id: id})-[l:CHILD_OF]->(u:Union)
RETURN c.id AS child_id, l.id AS link_id, u.id AS union_id,
  COLLECT { MATCH (p:Person)-[:PARTNER_IN]->(u) RETURN p.id } AS partner_ids
