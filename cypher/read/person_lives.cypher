// Purpose: birth and death dates of persons, to check that dated records fall within their lives
// Params: $ids: LIST<STRING>
// Returns: id STRING, birth_date DATE, death_date DATE
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN p.id AS id, p.birth_date AS birth_date, p.death_date AS death_date
