// Purpose: the cases of the given assignments (subjects of assignments and handovers)
// Params: $assignment_ids: LIST<STRING>
// Returns: case_id STRING
UNWIND $assignment_ids AS assignment_id
MATCH (:Assignment {id: assignment_id})-[:ON_CASE]->(c:Case)
RETURN DISTINCT c.id AS case_id
