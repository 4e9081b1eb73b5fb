// Purpose: which of the given ids exist as Household nodes (reference checks)
// Params: $ids: LIST<STRING>
// Returns: id STRING
UNWIND $ids AS id
MATCH (n:Household {id: id})
RETURN n.id AS id
