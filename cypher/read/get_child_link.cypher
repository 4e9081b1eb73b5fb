// Purpose: read CHILD_OF relationships with their endpoints, by id
// Params: $ids: LIST<STRING>
// Returns: props MAP, refs MAP (child_id, union_id)
UNWIND $ids AS id
MATCH (a:Person)-[r:CHILD_OF {id: id}]->(b:Union)
RETURN r {.*} AS props, {child_id: a.id, union_id: b.id} AS refs
