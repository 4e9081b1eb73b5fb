// Purpose: everyone who was ever a member of the given households (subjects of a household)
// Params: $household_ids: LIST<STRING>
// Returns: id STRING
UNWIND $household_ids AS household_id
MATCH (p:Person)-[:MEMBER_OF]->(:Household {id: household_id})
RETURN DISTINCT p.id AS id
