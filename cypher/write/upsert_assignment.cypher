// Purpose: create or replace Assignment nodes by id (single writes and bulk import batches)
// Generated from the record kinds in genogram_service/records/spec.py by
//   `genogram schemas cypher`: change the spec, not this file
// Params: $rows: list of {id: STRING, props: MAP, professional_id: LIST<STRING>, case_id: LIST<STRING>, organisation_id: LIST<STRING>}
//   reference lists are complete: relationships to ids not in the list are removed
//   a single reference goes as a list of zero or one id
// Returns: written INTEGER
UNWIND $rows AS row
MERGE (n:Assignment {id: row.id})
SET n = row.props
WITH n, row
CALL (n, row) {
  MATCH (x)-[old:HAS_ASSIGNMENT]->(n)
  WHERE NOT x.id IN row.professional_id
  DELETE old
}
CALL (n, row) {
  UNWIND row.professional_id AS ref
  MATCH (x:Professional {id: ref})
  MERGE (x)-[:HAS_ASSIGNMENT]->(n)
}
WITH n, row
CALL (n, row) {
  MATCH (n)-[old:ON_CASE]->(x)
  WHERE NOT x.id IN row.case_id
  DELETE old
}
CALL (n, row) {
  UNWIND row.case_id AS ref
  MATCH (x:Case {id: ref})
  MERGE (n)-[:ON_CASE]->(x)
}
WITH n, row
CALL (n, row) {
  MATCH (n)-[old:ON_BEHALF_OF]->(x)
  WHERE NOT x.id IN row.organisation_id
  DELETE old
}
CALL (n, row) {
  UNWIND row.organisation_id AS ref
  MATCH (x:Organisation {id: ref})
  MERGE (n)-[:ON_BEHALF_OF]->(x)
}
RETURN count(*) AS written
