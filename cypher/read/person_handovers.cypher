// Purpose: the handovers (overdrachten) between assignments on the cases about one person, for
//   the involvement timeline of the web viewer
// Params: $person_id: STRING
// Returns: case_id, date, reason, from/to assignment id, role, professional name and
//   organisation name; by date
MATCH (:Person {id: $person_id})<-[:CONCERNS]-(c:Case)<-[:ON_CASE]-(a:Assignment)
      -[h:HANDED_OVER_TO]->(b:Assignment)
OPTIONAL MATCH (a)<-[:HAS_ASSIGNMENT]-(pa:Professional)
OPTIONAL MATCH (b)<-[:HAS_ASSIGNMENT]-(pb:Professional)
OPTIONAL MATCH (a)-[:ON_BEHALF_OF]->(oa:Organisation)
OPTIONAL MATCH (b)-[:ON_BEHALF_OF]->(ob:Organisation)
RETURN DISTINCT c.id AS case_id, h.date AS date, h.reason AS reason,
       a.id AS from_assignment_id, a.role AS from_role, pa.name AS from_name,
       oa.name AS from_organisation, b.id AS to_assignment_id, b.role AS to_role,
       pb.name AS to_name, ob.name AS to_organisation
ORDER BY date, case_id, from_assignment_id, to_assignment_id
