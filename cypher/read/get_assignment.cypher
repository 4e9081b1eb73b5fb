// Purpose: read Assignment nodes with their references, by id
// Generated from the record kinds in genogram_service/records/spec.py by
//   `genogram schemas cypher`: change the spec, not this file
// Params: $ids: LIST<STRING>
// Returns: props MAP, refs MAP (reference lists, sorted)
UNWIND $ids AS id
MATCH (n:Assignment {id: id})
RETURN n {.*} AS props,
  {professional_id: COLLECT { MATCH (x:Professional)-[:HAS_ASSIGNMENT]->(n) RETURN x.id ORDER BY x.id },
   case_id: COLLECT { MATCH (n)-[:ON_CASE]->(x:Case) RETURN x.id ORDER BY x.id },
   organisation_id: COLLECT { MATCH (n)-[:ON_BEHALF_OF]->(x:Organisation) RETURN x.id ORDER BY x.id }} AS refs
