// Purpose: the family subgraph for naming a kinship between two persons: everyone within 16
//   partner/child hops (8 generations) of either person, with the unions and child links
//   between them; the use case searches paths in it with networkx
// Params: $ids: LIST<STRING> (the two persons)
// Returns: persons LIST<MAP> (id, sex), unions LIST<MAP> (id, kind, end_reason, partner_ids),
//   links LIST<MAP> (child_id, union_id, kind); one row, with empty lists when neither exists
CALL () {
  UNWIND $ids AS pid
  MATCH (s:Person {id: pid})
  MATCH (s)-[:CHILD_OF|PARTNER_IN*0..16]-(p:Person)
  WITH DISTINCT p
  RETURN collect(p) AS persons
}
CALL (persons) {
  // @include parts/union_partners
  RETURN collect(u {.id, .kind, .end_reason, partner_ids: partner_ids}) AS unions
}
CALL (persons) {
  UNWIND persons AS p
  MATCH (p)-[l:CHILD_OF]->(u:Union)
  RETURN collect({child_id: p.id, union_id: u.id, kind: l.kind}) AS links
}
RETURN [p IN persons | p {.id, .sex}] AS persons, unions, links
