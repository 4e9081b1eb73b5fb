// Purpose: the headline count: how many distinct professionals (and organisations, contacts)
//   had a contact with one person between two dates
// Audience: auditor, admin
// Params: one `Param:` line each
// Param: person_id STRING required subject — the person
// Param: start DATE default=today-4y — first day of the window (inclusive)
// Param: end DATE default=today — last day of the window (inclusive)
// Returns: one row (none when the person does not exist); organisations are the employers on
//   the contact dates
// Column: person_id STRING person_id
// Column: professionals INTEGER other — distinct professionals
// Column: organisations INTEGER other — distinct employing organisations
// Column: contacts INTEGER other
// Column: first_contact DATE other
// Column: last_contact DATE other
// Example: {"person_id": "p-s1-000120-00", "start": "2022-11-01", "end": "2026-10-31"}
MATCH (p:Person {id: $person_id})
USING INDEX p:Person(id)
OPTIONAL MATCH (p)<-[:WITH]-(c:Contact)<-[:ATTENDED]-(pro:Professional)
  WHERE $start <= c.date <= $end
OPTIONAL MATCH (pro)-[e:EMPLOYED_BY]->(org:Organisation)
  WHERE coalesce(e.start_date, c.date) <= c.date <= coalesce(e.end_date, c.date)
RETURN p.id AS person_id, count(DISTINCT pro) AS professionals,
       count(DISTINCT org) AS organisations, count(DISTINCT c) AS contacts,
       min(c.date) AS first_contact, max(c.date) AS last_contact
