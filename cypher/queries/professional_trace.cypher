// Purpose: the involvement trace of one professional (auditors): every person and case they
//   were involved with, in which role, on behalf of which organisation, and when
// Audience: auditor, admin
// Params: one `Param:` line each
// Param: professional_id STRING required — the professional
// Param: start DATE optional — only involvement on or after this day
// Param: end DATE optional — only involvement on or before this day
// Returns: assignment rows (one per assignment and person the case concerns; role is the
//   assignment role; the period is the assignment's) and contact rows (one per person, case
//   and employer on the contact date: first and last contact, number of contacts); ordered
//   by person, start, involvement, case and organisation
// Column: involvement STRING other — assignment or contact
// Column: person_id STRING person_id
// Column: person_name STRING person_name
// Column: case_id STRING other
// Column: role STRING other — the assignment role (contacts: null)
// Column: organisation_id STRING other
// Column: start_date DATE other
// Column: end_date DATE other
// Column: contacts INTEGER other — contact rows only
// Example: {"professional_id": "pro-00057", "start": "2024-01-01"}
MATCH (pro:Professional {id: $professional_id})
USING INDEX pro:Professional(id)
CALL (pro) {
  MATCH (pro)-[:HAS_ASSIGNMENT]->(a:Assignment)-[:ON_CASE]->(c:Case)-[:CONCERNS]->(p:Person)
  WHERE ($end IS NULL OR a.start_date <= $end)
    AND ($start IS NULL OR a.end_date IS NULL OR a.end_date >= $start)
  OPTIONAL MATCH (a)-[:ON_BEHALF_OF]->(o:Organisation)
  RETURN 'assignment' AS involvement, p, c.id AS case_id, a.role AS role, o.id AS organisation_id,
         a.start_date AS start_date, a.end_date AS end_date, null AS contacts
  UNION ALL
  MATCH (pro)-[:ATTENDED]->(ct:Contact)-[:WITH]->(p:Person)
  WHERE ($start IS NULL OR ct.date >= $start) AND ($end IS NULL OR ct.date <= $end)
  OPTIONAL MATCH (ct)-[:IN_CASE]->(c:Case)
  OPTIONAL MATCH (pro)-[e:EMPLOYED_BY]->(o:Organisation)
    WHERE coalesce(e.start_date, ct.date) <= ct.date <= coalesce(e.end_date, ct.date)
  WITH p, c, o, min(ct.date) AS start_date, max(ct.date) AS end_date,
       count(DISTINCT ct) AS contacts
  RETURN 'contact' AS involvement, p, c.id AS case_id, null AS role, o.id AS organisation_id,
         start_date, end_date, contacts
}
RETURN involvement, p.id AS person_id,
       trim(coalesce(p.given_names + ' ', '') + coalesce(p.prefix + ' ', '')
            + coalesce(p.surname, '')) AS person_name,
       case_id, role, organisation_id, start_date, end_date, contacts
ORDER BY person_id, start_date, involvement, case_id, organisation_id, role, end_date
