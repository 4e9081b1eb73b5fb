// Purpose: create or replace MEMBER_OF relationships by id (single writes and bulk import batches)
// Generated from the record kinds in genogram_service/records/spec.py by
//   `genogram schemas cypher`: change the spec, not this file
// Params: $rows: list of {id: STRING, props: MAP, person_id: STRING, household_id: STRING}
//   a relationship whose endpoints changed is moved (deleted and created again);
//   a row whose endpoints do not both exist writes nothing
// Returns: written INTEGER
UNWIND $rows AS row
MATCH (a:Person {id: row.person_id})
MATCH (b:Household {id: row.household_id})
CALL (row, a, b) {
  MATCH (x)-[old:MEMBER_OF {id: row.id}]->(y)
  WHERE x <> a OR y <> b
  DELETE old
}
MERGE (a)-[r:MEMBER_OF {id: row.id}]->(b)
SET r = row.props
RETURN count(*) AS written
