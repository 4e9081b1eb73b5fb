// Purpose: read Measure nodes with their references, by id
// Generated from the record kinds in genogram_service/records/spec.py by
//   `genogram schemas cypher`: change the spec, not this file
// Params: $ids: LIST<STRING>
// Returns: props MAP, refs MAP (reference lists, sorted)
UNWIND $ids AS id
MATCH (n:Measure {id: id})
RETURN n {.*} AS props,
  {child_id: COLLECT { MATCH (n)-[:CONCERNS]->(x:Person) RETURN x.id ORDER BY x.id },
   court_id: COLLECT { MATCH (n)-[:DECIDED_BY]->(x:Organisation) RETURN x.id ORDER BY x.id },
   gi_id: COLLECT { MATCH (n)-[:EXECUTED_BY]->(x:Organisation) RETURN x.id ORDER BY x.id },
   case_id: COLLECT { MATCH (n)-[:IN_CASE]->(x:Case) RETURN x.id ORDER BY x.id },
   extends_id: COLLECT { MATCH (n)-[:EXTENDS]->(x:Measure) RETURN x.id ORDER BY x.id }} AS refs
