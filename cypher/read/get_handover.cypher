// Purpose: read HANDED_OVER_TO relationships with their endpoints, by id
// Generated from the record kinds in genogram_service/records/spec.py by
//   `genogram schemas cypher`: change the spec, not this file
// Params: $ids: LIST<STRING>
// Returns: props MAP, refs MAP (from_assignment_id, to_assignment_id)
UNWIND $ids AS id
MATCH (a:Assignment)-[r:HANDED_OVER_TO {id: id}]->(b:Assignment)
RETURN r {.*} AS props, {from_assignment_id: a.id, to_assignment_id: b.id} AS refs
