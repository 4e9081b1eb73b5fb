// Purpose: the persons a case is about (subjects of records that hang on a case)
// Params: $case_ids: LIST<STRING>
// Returns: id STRING
UNWIND $case_ids AS case_id
MATCH (:Case {id: case_id})-[:CONCERNS]->(p:Person)
RETURN DISTINCT p.id AS id
