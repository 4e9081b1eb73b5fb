// Purpose: which of the given ids exist as Referral nodes (reference checks)
// Params: $ids: LIST<STRING>
// Returns: id STRING
UNWIND $ids AS id
MATCH (n:Referral {id: id})
RETURN n.id AS id
