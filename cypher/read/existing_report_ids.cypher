// Purpose: which of the given ids exist as Report nodes (reference checks)
// Params: $ids: LIST<STRING>
// Returns: id STRING
UNWIND $ids AS id
MATCH (n:Report {id: id})
RETURN n.id AS id
