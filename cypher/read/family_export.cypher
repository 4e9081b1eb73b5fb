// Purpose: the family around a person for a GEDCOM export: every person within 18
//   partner/child hops (the use case selects generations from this, as for a genogram), with
//   all their family facts, the unions and child links between them and the emotional
//   relations among them; never the BSN
// Params: $person_id: STRING
// Returns: persons LIST<MAP> (every property; bsn_enc and bsn_hash always null),
//   unions LIST<MAP> (every property, partner_ids), links LIST<MAP> (every property,
//   child_id, union_id), emotional LIST<MAP> (every property, from_id, to_id);
//   no row when the person does not exist
// @include parts/relatives
CALL (persons) {
  // @include parts/union_partners
  RETURN collect(u {.*, partner_ids: partner_ids}) AS unions
}
CALL (persons) {
  UNWIND persons AS p
  MATCH (p)-[l:CHILD_OF]->(u:Union)
  RETURN collect(l {.*, child_id: p.id, union_id: u.id}) AS links
}
CALL (persons) {
  UNWIND persons AS p
  MATCH (p)-[e:EMOTIONAL]->(q:Person)
  WHERE q IN persons
  RETURN collect(e {.*, from_id: p.id, to_id: q.id}) AS emotional
}
RETURN [p IN persons | p {.*, bsn_enc: null, bsn_hash: null}] AS persons, unions, links,
       emotional
