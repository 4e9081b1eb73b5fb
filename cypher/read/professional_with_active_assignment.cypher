// Purpose: a professional with an assignment active today (to link the demo case-worker account)
// Params: $today: DATE
// Returns: professional_id STRING
MATCH (p:Professional)-[:HAS_ASSIGNMENT]->(a:Assignment)
WHERE a.start_date <= $today AND (a.end_date IS NULL OR a.end_date >= $today)
RETURN p.id AS professional_id
ORDER BY p.id
LIMIT 1
