// Purpose: create or replace Union nodes by id (single writes and bulk import batches)
// Generated from the record kinds in genogram_service/records/spec.py by
//   `genogram schemas cypher`: change the spec, not this file
// Params: $rows: list of {id: STRING, props: MAP, partner_ids: LIST<STRING>}
//   reference lists are complete: relationships to ids not in the list are removed
// Returns: written INTEGER
UNWIND $rows AS row
MERGE (n:Union {id: row.id})
SET n = row.props
WITH n, row
CALL (n, row) {
  MATCH (x)-[old:PARTNER_IN]->(n)
  WHERE NOT x.id IN row.partner_ids
  DELETE old
}
CALL (n, row) {
  UNWIND row.partner_ids AS ref
  MATCH (x:Person {id: ref})
  MERGE (x)-[:PARTNER_IN]->(n)
}
RETURN count(*) AS written
