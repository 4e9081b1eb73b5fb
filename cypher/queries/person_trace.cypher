// Purpose: the involvement trace of one person (auditors): every professional and organisation
//   involved with them, in which role, and when
// Audience: auditor, admin
// Params: one `Param:` line each
// Param: person_id STRING required subject — the person
// Param: start DATE optional — only involvement on or after this day
// Param: end DATE optional — only involvement on or before this day
// Returns: one row per involvement, ordered by start, involvement, organisation, professional:
//   assignment (a professional assigned to a case that concerns the person; role: the
//   assignment role), contact (contacts with a professional, per employer on the contact date
//   and case: first and last, number), measure (the GI executing a measure about the person;
//   role: the measure kind), decision (the court deciding it; period: decision date), referral
//   (the provider; role: referral; period: request to stop) and melding (the Veilig Thuis
//   receiving a report about the person; period: the report date)
// Column: involvement STRING other
// Column: professional_id STRING other
// Column: professional_name STRING other
// Column: organisation_id STRING other
// Column: organisation_name STRING other
// Column: organisation_type STRING other
// Column: role STRING other
// Column: case_id STRING other
// Column: start_date DATE other
// Column: end_date DATE other
// Column: contacts INTEGER other — contact rows only
// Example: {"person_id": "p-s1-000120-00", "start": "2022-11-01"}
MATCH (p:Person {id: $person_id})
USING INDEX p:Person(id)
CALL (p) {
  // @include parts/assignment_involvements
  RETURN 'assignment' AS involvement, pro, o, a.role AS role, c.id AS case_id,
         a.start_date AS start_date, a.end_date AS end_date, null AS contacts
  UNION ALL
  // @include parts/contact_involvements
  RETURN 'contact' AS involvement, pro, o, null AS role, c.id AS case_id, start_date, end_date,
         contacts
  UNION ALL
  MATCH (p)<-[:CONCERNS]-(m:Measure)
  WHERE ($end IS NULL OR m.start_date <= $end)
    AND ($start IS NULL OR m.end_date IS NULL OR m.end_date >= $start)
  OPTIONAL MATCH (m)-[:EXECUTED_BY]->(o:Organisation)
  OPTIONAL MATCH (m)-[:IN_CASE]->(c:Case)
  RETURN 'measure' AS involvement, null AS pro, o, m.kind AS role, c.id AS case_id,
         m.start_date AS start_date, m.end_date AS end_date, null AS contacts
  UNION ALL
  MATCH (p)<-[:CONCERNS]-(m:Measure)-[:DECIDED_BY]->(o:Organisation)
  WHERE m.decision_date IS NOT NULL
    AND ($start IS NULL OR m.decision_date >= $start) AND ($end IS NULL OR m.decision_date <= $end)
  OPTIONAL MATCH (m)-[:IN_CASE]->(c:Case)
  RETURN 'decision' AS involvement, null AS pro, o, m.kind AS role, c.id AS case_id,
         m.decision_date AS start_date, m.decision_date AS end_date, null AS contacts
  UNION ALL
  MATCH (p)<-[:CONCERNS]-(rf:Referral)-[:PROVIDED_BY]->(o:Organisation)
  WHERE ($end IS NULL OR rf.requested_date <= $end)
    AND ($start IS NULL OR rf.stopped_date IS NULL OR rf.stopped_date >= $start)
  OPTIONAL MATCH (rf)-[:IN_CASE]->(c:Case)
  RETURN 'referral' AS involvement, null AS pro, o, 'referral' AS role, c.id AS case_id,
         rf.requested_date AS start_date, rf.stopped_date AS end_date, null AS contacts
  UNION ALL
  MATCH (p)<-[:CONCERNS]-(r:Report)
  WHERE ($start IS NULL OR r.date >= $start) AND ($end IS NULL OR r.date <= $end)
  OPTIONAL MATCH (r)-[:RECEIVED_BY]->(o:Organisation)
  OPTIONAL MATCH (r)-[:IN_CASE]->(c:Case)
  RETURN 'melding' AS involvement, null AS pro, o, r.reporter_type AS role, c.id AS case_id,
         r.date AS start_date, r.date AS end_date, null AS contacts
}
RETURN involvement, pro.id AS professional_id, pro.name AS professional_name,
       o.id AS organisation_id, o.name AS organisation_name, o.type AS organisation_type, role,
       case_id, start_date, end_date, contacts
ORDER BY start_date, involvement, organisation_id, professional_id, case_id, role, end_date
