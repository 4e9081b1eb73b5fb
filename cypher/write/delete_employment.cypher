// Purpose: delete one EMPLOYED_BY relationship by id
// Generated from the record kinds in genogram_service/records/spec.py by
//   `genogram schemas cypher`: change the spec, not this file
// Params: $id: STRING
// Returns: found BOOLEAN, deleted BOOLEAN, dependents LIST (always empty)
OPTIONAL MATCH ()-[r:EMPLOYED_BY {id: $id}]->()
DELETE r
RETURN r IS NOT NULL AS found, r IS NOT NULL AS deleted, [] AS dependents
