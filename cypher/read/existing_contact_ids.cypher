// Purpose: which of the given ids exist as Contact nodes (reference checks)
// Params: $ids: LIST<STRING>
// Returns: id STRING
UNWIND $ids AS id
MATCH (n:Contact {id: id})
RETURN n.id AS id
