// Purpose: read Contact nodes with their references, by id
// Generated from the record kinds in genogram_service/records/spec.py by
//   `genogram schemas cypher`: change the spec, not this file
// Params: $ids: LIST<STRING>
// Returns: props MAP, refs MAP (reference lists, sorted)
UNWIND $ids AS id
MATCH (n:Contact {id: id})
RETURN n {.*} AS props,
  {professional_ids: COLLECT { MATCH (x:Professional)-[:ATTENDED]->(n) RETURN x.id ORDER BY x.id },
   person_ids: COLLECT { MATCH (n)-[:WITH]->(x:Person) RETURN x.id ORDER BY x.id },
   case_id: COLLECT { MATCH (n)-[:IN_CASE]->(x:Case) RETURN x.id ORDER BY x.id }} AS refs
