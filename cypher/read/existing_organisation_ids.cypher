// Purpose: which of the given ids exist as Organisation nodes (reference checks)
// Params: $ids: LIST<STRING>
// Returns: id STRING
UNWIND $ids AS id
MATCH (n:Organisation {id: id})
RETURN n.id AS id
