// Purpose: read HANDED_OVER_TO relationships with their endpoints, by id
// Params: $ids: LIST<STRING>
// Returns: props MAP, refs MAP (from_assignment_id, to_assignment_id)
UNWIND $ids AS id
MATCH (a:Assignment)-[r:HANDED_OVER_TO {id: id}]->(b:Assignment)
RETURN r {.*} AS props, {from_assignment_id: a.id, to_assignment_id: b.id} AS refs
