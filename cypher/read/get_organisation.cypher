// Purpose: read Organisation nodes with their references, by id
// Params: $ids: LIST<STRING>
// Returns: props MAP, refs MAP (reference lists, sorted)
UNWIND $ids AS id
MATCH (n:Organisation {id: id})
RETURN n {.*} AS props,
  {} AS refs
