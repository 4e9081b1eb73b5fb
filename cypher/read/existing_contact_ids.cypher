// Purpose: which of the given ids exist as Contact nodes (reference checks)
// Generated from the record kinds in genogram_service/records/spec.py by
//   `genogram schemas cypher`: change the spec, not this file
// Params: $ids: LIST<STRING>
// Returns: id STRING
UNWIND $ids AS id
MATCH (n:Contact {id: id})
RETURN n.id AS id
