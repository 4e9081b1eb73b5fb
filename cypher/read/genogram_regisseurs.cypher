// Purpose: the regisseurs on a date of the cases about the given persons (so that the current
//   regisseur is on the ecomap overlay even without a contact in the period)
// Params: $person_ids: LIST<STRING>, $at: DATE, $regisseur: STRING (the regisseur role)
// Returns: id STRING, name STRING, organisation MAP (id, name, type) or null,
//   person_ids LIST<STRING> (the given persons the case is about)
UNWIND $person_ids AS pid
MATCH (p:Person {id: pid})
WITH p
MATCH (p)<-[:CONCERNS]-(:Case)<-[:ON_CASE]-(a:Assignment)
WITH p, a WHERE a.role = $regisseur AND a.start_date <= $at
  AND $at <= coalesce(a.end_date, $at)
MATCH (a)<-[:HAS_ASSIGNMENT]-(pro:Professional)
OPTIONAL MATCH (a)-[:ON_BEHALF_OF]->(o:Organisation)
WITH pro, head(collect(o {.id, .name, .type})) AS organisation, collect(DISTINCT p.id) AS ids
RETURN pro.id AS id, pro.name AS name, organisation, ids AS person_ids
ORDER BY id
