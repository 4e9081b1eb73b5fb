// Purpose: create or replace Case nodes by id (single writes and bulk import batches)
// Generated from the record kinds in genogram_service/records/spec.py by
//   `genogram schemas cypher`: change the spec, not this file
// Params: $rows: list of {id: STRING, props: MAP, person_ids: LIST<STRING>}
//   reference lists are complete: relationships to ids not in the list are removed
// Returns: written INTEGER
UNWIND $rows AS row
MERGE (n:Case {id: row.id})
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
RETURN count(*) AS written
