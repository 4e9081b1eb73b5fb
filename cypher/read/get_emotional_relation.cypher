// Purpose: read EMOTIONAL relationships with their endpoints, by id
// Params: $ids: LIST<STRING>
// Returns: props MAP, refs MAP (from_id, to_id)
UNWIND $ids AS id
MATCH (a:Person)-[r:EMOTIONAL {id: id}]->(b:Person)
RETURN r {.*} AS props, {from_id: a.id, to_id: b.id} AS refs
