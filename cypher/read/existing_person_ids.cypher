// Purpose: which of the given ids exist as Person nodes (reference checks)
// Params: $ids: LIST<STRING>
// Returns: id STRING
UNWIND $ids AS id
MATCH (n:Person {id: id})
RETURN n.id AS id
