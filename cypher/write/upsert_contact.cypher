// Purpose: create or replace Contact nodes by id (single writes and bulk import batches)
// Generated from the record kinds in genogram_service/records/spec.py by
//   `genogram schemas cypher`: change the spec, not this file
// Params: $rows: list of {id: STRING, props: MAP, professional_ids: LIST<STRING>, person_ids: LIST<STRING>, case_id: LIST<STRING>}
//   reference lists are complete: relationships to ids not in the list are removed
//   a single reference goes as a list of zero or one id
// Returns: written INTEGER
UNWIND $rows AS row
MERGE (n:Contact {id: row.id})
SET n = row.props
WITH n, row
CALL (n, row) {
  MATCH (x)-[old:ATTENDED]->(n)
  WHERE NOT x.id IN row.professional_ids
  DELETE old
}
CALL (n, row) {
  UNWIND row.professional_ids AS ref
  MATCH (x:Professional {id: ref})
  MERGE (x)-[:ATTENDED]->(n)
}
WITH n, row
CALL (n, row) {
  MATCH (n)-[old:WITH]->(x)
  WHERE NOT x.id IN row.person_ids
  DELETE old
}
CALL (n, row) {
  UNWIND row.person_ids AS ref
  MATCH (x:Person {id: ref})
  MERGE (n)-[:WITH]->(x)
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
