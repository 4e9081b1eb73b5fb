// Purpose: create or replace SafetyAssessment nodes by id (single writes and bulk import batches)
// Generated from the record kinds in genogram_service/records/spec.py by
//   `genogram schemas cypher`: change the spec, not this file
// Params: $rows: list of {id: STRING, props: MAP, case_id: LIST<STRING>, author_id: LIST<STRING>}
//   reference lists are complete: relationships to ids not in the list are removed
//   a single reference goes as a list of zero or one id
// Returns: written INTEGER
UNWIND $rows AS row
MERGE (n:SafetyAssessment {id: row.id})
SET n = row.props
WITH n, row
CALL (n, row) {
  MATCH (n)-[old:FOR_CASE]->(x)
  WHERE NOT x.id IN row.case_id
  DELETE old
}
CALL (n, row) {
  UNWIND row.case_id AS ref
  MATCH (x:Case {id: ref})
  MERGE (n)-[:FOR_CASE]->(x)
}
WITH n, row
CALL (n, row) {
  MATCH (n)-[old:AUTHORED_BY]->(x)
  WHERE NOT x.id IN row.author_id
  DELETE old
}
CALL (n, row) {
  UNWIND row.author_id AS ref
  MATCH (x:Professional {id: ref})
  MERGE (n)-[:AUTHORED_BY]->(x)
}
RETURN count(*) AS written
