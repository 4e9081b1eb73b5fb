// Purpose: the headline question: the distinct professionals who had a contact with one person
//   between two dates, grouped by the organisation employing them on the contact date, with
//   first and last contact and the number of contacts. Anchored on the person, whatever the
//   surname of the child or the family.
// Audience: auditor, admin
// Params: one `Param:` line each
// Param: person_id STRING required subject — the person (mother, child, anyone in a family)
// Param: start DATE default=today-4y — first day of the window (inclusive)
// Param: end DATE default=today — last day of the window (inclusive)
// Returns: one row per organisation and professional (a professional who changed employer
//   within the window appears under each employer); ordered by organisation type, organisation
//   name and first contact. Contacts on a day no employment covers have no organisation.
// Column: organisation_type STRING other — e.g. gi, veilig_thuis, lokaal_team
// Column: organisation_id STRING other
// Column: organisation_name STRING other
// Column: professional_id STRING other
// Column: professional_name STRING other
// Column: professional_role STRING other
// Column: first_contact DATE other
// Column: last_contact DATE other
// Column: contacts INTEGER other — contacts with this person in the window
// Example: {"person_id": "p-s1-000120-00", "start": "2022-11-01", "end": "2026-10-31"}
MATCH (p:Person {id: $person_id})<-[:WITH]-(c:Contact)<-[:ATTENDED]-(pro:Professional)
USING INDEX p:Person(id)
WHERE $start <= c.date <= $end
OPTIONAL MATCH (pro)-[e:EMPLOYED_BY]->(org:Organisation)
  WHERE coalesce(e.start_date, c.date) <= c.date <= coalesce(e.end_date, c.date)
WITH org, pro, min(c.date) AS first_contact, max(c.date) AS last_contact,
     count(DISTINCT c) AS contacts
RETURN org.type AS organisation_type, org.id AS organisation_id, org.name AS organisation_name,
       pro.id AS professional_id, pro.name AS professional_name, pro.role AS professional_role,
       first_contact, last_contact, contacts
ORDER BY organisation_type, organisation_name, organisation_id, first_contact, professional_id
