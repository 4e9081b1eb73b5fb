// Purpose: read CHILD_OF relationships with their endpoints, by id
// Generated from the record kinds in genogram_service/records/spec.py by
//   `genogram schemas cypher`: change the spec, not this file
// Params: $ids: LIST<STRING>
// Returns: props MAP, refs MAP (child_id, union_id)
UNWIND $ids AS id
MATCH (a:Person)-[r:CHILD_OF {id: id}]->(b:Union)
RETURN r {.*} AS props, {child_id: a.id, union_id: b.id} AS refs
