// Purpose: create or replace Report nodes by id (single writes and bulk import batches)
// Generated from the record kinds in genogram_service/records/spec.py by
//   `genogram schemas cypher`: change the spec, not this file
// Params: $rows: list of {id: STRING, props: MAP, person_ids: LIST<STRING>, organisation_id: LIST<STRING>, case_id: LIST<STRING>}
//   reference lists are complete: relationships to ids not in the list are removed
//   a single reference goes as a list of zero or one id
// Returns: written INTEGER
UNWIND $rows AS row
MERGE (n:Report {id: row.id})
SET n = row.props
WITH n, row
CALL (n, row) {
  MATCH (n)-[old:CONCERNS]->(x)
  WHERE NOT x.id IN row.person_ids
  DELETE old
}
CALL (n, row) {
  UNWIND row.person_ids AS ref
  MATCH (x:Person {id: ref})
  MERGE (n)-[:CONCERNS]->(x)
}
WITH n, row
CALL (n, row) {
  MATCH (n)-[old:RECEIVED_BY]->(x)
  WHERE NOT x.id IN row.organisation_id
  DELETE old
}
CALL (n, row) {
  UNWIND row.organisation_id AS ref
  MATCH (x:Organisation {id: ref})
  MERGE (n)-[:RECEIVED_BY]->(x)
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
RETURN count(*) AS written
