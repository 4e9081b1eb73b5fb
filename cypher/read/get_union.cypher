// Purpose: read Union nodes with their references, by id
// Generated from the record kinds in genogram_service/records/spec.py by
//   `genogram schemas cypher`: change the spec, not this file
// Params: $ids: LIST<STRING>
// Returns: props MAP, refs MAP (reference lists, sorted)
UNWIND $ids AS id
MATCH (n:Union {id: id})
RETURN n {.*} AS props,
  {partner_ids: COLLECT { MATCH (x:Person)-[:PARTNER_IN]->(n) RETURN x.id ORDER BY x.id }} AS refs
