// Purpose: which of the given ids exist as Professional nodes (reference checks)
// Params: $ids: LIST<STRING>
// Returns: id STRING
UNWIND $ids AS id
MATCH (n:Professional {id: id})
RETURN n.id AS id
