// Purpose: read SafetyAssessment nodes with their references, by id
// Generated from the record kinds in genogram_service/records/spec.py by
//   `genogram schemas cypher`: change the spec, not this file
// Params: $ids: LIST<STRING>
// Returns: props MAP, refs MAP (reference lists, sorted)
UNWIND $ids AS id
MATCH (n:SafetyAssessment {id: id})
RETURN n {.*} AS props,
  {case_id: COLLECT { MATCH (n)-[:FOR_CASE]->(x:Case) RETURN x.id ORDER BY x.id },
   author_id: COLLECT { MATCH (n)-[:AUTHORED_BY]->(x:Professional) RETURN x.id ORDER BY x.id }} AS refs
