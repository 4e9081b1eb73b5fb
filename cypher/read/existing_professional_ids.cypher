// Purpose: which of the given ids exist as Professional nodes (reference checks, what an import updates)
// Generated from the record kinds in genogram_service/records/spec.py by
//   `genogram schemas cypher`: change the spec, not this file
// Params: $ids: LIST<STRING>
// Returns: ids LIST<STRING> (one row: those of $ids that exist)
UNWIND $ids AS id
MATCH (n:Professional {id: id})
RETURN collect(n.id) AS ids
