// Purpose: read Professional nodes with their references, by id
// Generated from the record kinds in genogram_service/records/spec.py by
//   `genogram schemas cypher`: change the spec, not this file
// Params: $ids: LIST<STRING>
// Returns: props MAP, refs MAP (empty: the kind has no references)
UNWIND $ids AS id
MATCH (n:Professional {id: id})
RETURN n {.*} AS props,
  {} AS refs
