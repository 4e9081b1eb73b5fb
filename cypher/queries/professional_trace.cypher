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
// Example: {"professional_id": "pro-s1-00057", "start": "2024-01-01"}
MATCH (pro:Professional {id: $professional_id})
USING INDEX pro:Professional(id)
CALL (pro) {
  // @include parts/assignment_involvements
  RETURN 'assignment' AS involvement, p, c.id AS case_id, a.role AS role, o.id AS organisation_id,
         a.start_date AS start_date, a.end_date AS end_date, null AS contacts
  UNION ALL
  // @include parts/contact_involvements
  RETURN 'contact' AS involvement, p, c.id AS case_id, null AS role, o.id AS organisation_id,
         start_date, end_date, contacts
}
RETURN involvement, p.id AS person_id,
       trim(coalesce(p.given_names + ' ', '') + coalesce(p.prefix + ' ', '')
            + coalesce(p.surname, '')) AS person_name,
       case_id, role, organisation_id, start_date, end_date, contacts
ORDER BY person_id, start_date, involvement, case_id, organisation_id, role, end_date
