// Purpose: create or replace HANDED_OVER_TO relationships by id (single writes and bulk import batches)
// Generated from the record kinds in genogram_service/records/spec.py by
//   `genogram schemas cypher`: change the spec, not this file
// Params: $rows: list of {id: STRING, props: MAP, from_assignment_id: STRING, to_assignment_id: STRING}
//   a relationship whose endpoints changed is moved (deleted and created again);
//   a row whose endpoints do not both exist writes nothing
// Returns: written INTEGER
UNWIND $rows AS row
MATCH (a:Assignment {id: row.from_assignment_id})
MATCH (b:Assignment {id: row.to_assignment_id})
CALL (row, a, b) {
  MATCH (x)-[old:HANDED_OVER_TO {id: row.id}]->(y)
  WHERE x <> a OR y <> b
  DELETE old
}
MERGE (a)-[r:HANDED_OVER_TO {id: row.id}]->(b)
SET r = row.props
RETURN count(*) AS written
