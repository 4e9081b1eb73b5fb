// Purpose: read Professional nodes with their references, by id
// Params: $ids: LIST<STRING>
// Returns: props MAP, refs MAP (reference lists, sorted)
UNWIND $ids AS id
MATCH (n:Professional {id: id})
RETURN n {.*} AS props,
  {} AS refs
