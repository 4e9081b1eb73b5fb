// Purpose: which of the given ids exist as Measure nodes (reference checks)
// Params: $ids: LIST<STRING>
// Returns: id STRING
UNWIND $ids AS id
MATCH (n:Measure {id: id})
RETURN n.id AS id
