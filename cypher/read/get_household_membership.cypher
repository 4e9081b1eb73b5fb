// Purpose: read MEMBER_OF relationships with their endpoints, by id
// Params: $ids: LIST<STRING>
// Returns: props MAP, refs MAP (person_id, household_id)
UNWIND $ids AS id
MATCH (a:Person)-[r:MEMBER_OF {id: id}]->(b:Household)
RETURN r {.*} AS props, {person_id: a.id, household_id: b.id} AS refs
