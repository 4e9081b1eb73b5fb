// Purpose: which of the given ids exist as Union nodes (reference checks)
// Params: $ids: LIST<STRING>
// Returns: id STRING
UNWIND $ids AS id
MATCH (n:Union {id: id})
RETURN n.id AS id
