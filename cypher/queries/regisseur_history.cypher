// Purpose: the regisseur history of one case: who held the role, from when to when, on behalf
//   of which organisation, and the handovers in and out with their reasons
// Audience: analyst, auditor, admin
// Params: one `Param:` line each
// Param: case_id STRING required — the case
// Param: role STRING default=regisseur choices=regisseur|duo_partner|wijkteammedewerker|veilig_thuis_medewerker|raadsonderzoeker|jeugdbeschermer|voogd|jeugdreclasseerder|jeugdhulpverlener|gedragswetenschapper|other — the assignment role to follow
// Returns: one row per assignment in the role (more when an assignment has several handovers),
//   in order of start date
// Column: assignment_id STRING other
// Column: professional_id STRING other
// Column: professional_name STRING other
// Column: organisation_id STRING other
// Column: organisation_name STRING other
// Column: start_date DATE other
// Column: end_date DATE other
// Column: received_from STRING other — the assignment handed over to this one
// Column: received_from_role STRING other
// Column: received_on DATE other
// Column: received_reason STRING other
// Column: handed_over_to STRING other — the assignment this one was handed over to
// Column: handed_over_to_role STRING other
// Column: handed_over_on DATE other
// Column: handover_reason STRING other
// Example: {"case_id": "c-s1-000075-1"}
MATCH (c:Case {id: $case_id})<-[:ON_CASE]-(a:Assignment)<-[:HAS_ASSIGNMENT]-(pro:Professional)
USING INDEX c:Case(id)
WHERE a.role = $role
OPTIONAL MATCH (a)-[:ON_BEHALF_OF]->(org:Organisation)
OPTIONAL MATCH (prev:Assignment)-[hin:HANDED_OVER_TO]->(a)
OPTIONAL MATCH (a)-[hout:HANDED_OVER_TO]->(next:Assignment)
RETURN a.id AS assignment_id, pro.id AS professional_id, pro.name AS professional_name,
       org.id AS organisation_id, org.name AS organisation_name, a.start_date AS start_date,
       a.end_date AS end_date, prev.id AS received_from, prev.role AS received_from_role,
       hin.date AS received_on, hin.reason AS received_reason, next.id AS handed_over_to,
       next.role AS handed_over_to_role, hout.date AS handed_over_on,
       hout.reason AS handover_reason
ORDER BY start_date, assignment_id, received_on, received_from, handed_over_on, handed_over_to
