// Purpose: create or replace Organisation nodes by id (single writes and bulk import batches)
// Generated from the record kinds in genogram_service/records/spec.py by
//   `genogram schemas cypher`: change the spec, not this file
// Params: $rows: list of {id: STRING, props: MAP}
// Returns: written INTEGER
UNWIND $rows AS row
MERGE (n:Organisation {id: row.id})
SET n = row.props
RETURN count(*) AS written
