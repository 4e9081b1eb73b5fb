// Purpose: read Report nodes with their references, by id
// Generated from the record kinds in genogram_service/records/spec.py by
//   `genogram schemas cypher`: change the spec, not this file
// Params: $ids: LIST<STRING>
// Returns: props MAP, refs MAP (reference lists, sorted)
UNWIND $ids AS id
MATCH (n:Report {id: id})
RETURN n {.*} AS props,
  {person_ids: COLLECT { MATCH (n)-[:CONCERNS]->(x:Person) RETURN x.id ORDER BY x.id },
   organisation_id: COLLECT { MATCH (n)-[:RECEIVED_BY]->(x:Organisation) RETURN x.id ORDER BY x.id },
   case_id: COLLECT { MATCH (n)-[:IN_CASE]->(x:Case) RETURN x.id ORDER BY x.id }} AS refs
