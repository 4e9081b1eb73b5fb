// Purpose: read MEMBER_OF relationships with their endpoints, by id
// Generated from the record kinds in genogram_service/records/spec.py by
//   `genogram schemas cypher`: change the spec, not this file
// Params: $ids: LIST<STRING>
// Returns: props MAP, refs MAP (person_id, household_id)
UNWIND $ids AS id
MATCH (a:Person)-[r:MEMBER_OF {id: id}]->(b:Household)
RETURN r {.*} AS props, {person_id: a.id, household_id: b.id} AS refs
