// Purpose: the safety assessments (veiligheidskaarten) of the cases about one person, for the
//   web viewer: the newest version per case first
// Params: $person_id: STRING
// Returns: case_id STRING, props MAP (the assessment), author_name STRING; by case, newest
//   version first
MATCH (:Person {id: $person_id})<-[:CONCERNS]-(c:Case)<-[:FOR_CASE]-(sa:SafetyAssessment)
OPTIONAL MATCH (sa)-[:AUTHORED_BY]->(pro:Professional)
RETURN c.id AS case_id, sa {.*} AS props, pro.name AS author_name
ORDER BY case_id, sa.version DESC, sa.date DESC, sa.id
