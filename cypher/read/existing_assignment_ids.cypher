// Purpose: which of the given ids exist as Assignment nodes (reference checks)
// Params: $ids: LIST<STRING>
// Returns: id STRING
UNWIND $ids AS id
MATCH (n:Assignment {id: id})
RETURN n.id AS id
