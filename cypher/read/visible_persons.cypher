// Purpose: need-to-know: which of the given persons a professional may see, because they have
//   an assignment active in [$since, $today] on a case about that person's family. The family
//   of a case: its persons and everyone within two family steps of them (parents, children,
//   partners, siblings, half-siblings, grandparents, grandchildren, aunts and uncles), i.e. at
//   most 4 PARTNER_IN/CHILD_OF hops through unions.
// Params: $professional_id: STRING, $ids: LIST<STRING>, $today: DATE, $since: DATE
// Returns: id STRING
MATCH (:Professional {id: $professional_id})-[:HAS_ASSIGNMENT]->(a:Assignment)-[:ON_CASE]->(c:Case)
WHERE a.start_date <= $today AND (a.end_date IS NULL OR a.end_date >= $since)
MATCH (c)-[:CONCERNS]->(cp:Person)
MATCH (cp)-[:CHILD_OF|PARTNER_IN*0..4]-(x:Person)
WHERE x.id IN $ids
RETURN DISTINCT x.id AS id
