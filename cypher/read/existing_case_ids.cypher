// Purpose: which of the given ids exist as Case nodes (reference checks)
// Params: $ids: LIST<STRING>
// Returns: id STRING
UNWIND $ids AS id
MATCH (n:Case {id: id})
RETURN n.id AS id
