// Purpose: create or replace Measure nodes by id (single writes and bulk import batches)
// Generated from the record kinds in genogram_service/records/spec.py by
//   `genogram schemas cypher`: change the spec, not this file
// Params: $rows: list of {id: STRING, props: MAP, child_id: LIST<STRING>, court_id: LIST<STRING>, gi_id: LIST<STRING>, case_id: LIST<STRING>, extends_id: LIST<STRING>}
//   reference lists are complete: relationships to ids not in the list are removed
//   a single reference goes as a list of zero or one id
// Returns: written INTEGER
UNWIND $rows AS row
MERGE (n:Measure {id: row.id})
SET n = row.props
WITH n, row
CALL (n, row) {
  MATCH (n)-[old:CONCERNS]->(x)
  WHERE NOT x.id IN row.child_id
  DELETE old
}
CALL (n, row) {
  UNWIND row.child_id AS ref
  MATCH (x:Person {id: ref})
  MERGE (n)-[:CONCERNS]->(x)
}
WITH n, row
CALL (n, row) {
  MATCH (n)-[old:DECIDED_BY]->(x)
  WHERE NOT x.id IN row.court_id
  DELETE old
}
CALL (n, row) {
  UNWIND row.court_id AS ref
  MATCH (x:Organisation {id: ref})
  MERGE (n)-[:DECIDED_BY]->(x)
}
WITH n, row
CALL (n, row) {
  MATCH (n)-[old:EXECUTED_BY]->(x)
  WHERE NOT x.id IN row.gi_id
  DELETE old
}
CALL (n, row) {
  UNWIND row.gi_id AS ref
  MATCH (x:Organisation {id: ref})
  MERGE (n)-[:EXECUTED_BY]->(x)
}
WITH n, row
CALL (n, row) {
  MATCH (n)-[old:IN_CASE]->(x)
  WHERE NOT x.id IN row.case_id
  DELETE old
}
CALL (n, row) {
  UNWIND row.case_id AS ref
  MATCH (x:Case {id: ref})
  MERGE (n)-[:IN_CASE]->(x)
}
WITH n, row
CALL (n, row) {
  MATCH (n)-[old:EXTENDS]->(x)
  WHERE NOT x.id IN row.extends_id
  DELETE old
}
CALL (n, row) {
  UNWIND row.extends_id AS ref
  MATCH (x:Measure {id: ref})
  MERGE (n)-[:EXTENDS]->(x)
}
RETURN count(*) AS written
