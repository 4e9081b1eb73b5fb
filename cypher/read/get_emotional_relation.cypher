// Purpose: read EMOTIONAL relationships with their endpoints, by id
// Generated from the record kinds in genogram_service/records/spec.py by
//   `genogram schemas cypher`: change the spec, not this file
// Params: $ids: LIST<STRING>
// Returns: props MAP, refs MAP (from_id, to_id)
UNWIND $ids AS id
MATCH (a:Person)-[r:EMOTIONAL {id: id}]->(b:Person)
RETURN r {.*} AS props, {from_id: a.id, to_id: b.id} AS refs
