// Purpose: which of the given ids exist as SafetyAssessment nodes (reference checks)
// Params: $ids: LIST<STRING>
// Returns: id STRING
UNWIND $ids AS id
MATCH (n:SafetyAssessment {id: id})
RETURN n.id AS id
