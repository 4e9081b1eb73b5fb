// Purpose: who was involved with which family (household), from when to when, and whom they met
//   there: the input of the networkx analytics (collaboration network, coordination load)
// Audience: analyst, admin
// Params: one `Param:` line each
// Param: start DATE default=today-4y — first day of the window (inclusive)
// Param: end DATE default=today — last day of the window (inclusive)
// Param: household_id STRING optional — one family only
// Returns: one row per family (a household with a member ever concerned by a case) and
//   professional with a contact with a member, in the window, while that member lived in the
//   household; by household and professional. The organisation is the employer on the first
//   of those contacts (the first by id when several employ them that day).
// Column: household_id STRING person_id — pseudonymised for analysts like a person
// Column: professional_id STRING other
// Column: professional_name STRING other
// Column: organisation_id STRING other
// Column: organisation_name STRING other
// Column: organisation_type STRING other
// Column: first_contact DATE other
// Column: last_contact DATE other
// Column: contacts INTEGER other
// Column: met LIST<STRING> other — professionals at the same contacts, sorted (CSV: ';')
// Example: {"household_id": "h-s1-000146-2", "start": "2022-11-01", "end": "2026-10-31"}
CALL () {
  // one family: found by its id (index seek); all families: from the cases
  MATCH (h:Household {id: $household_id})
  WHERE EXISTS { (h)<-[:MEMBER_OF]-(:Person)<-[:CONCERNS]-(:Case) }
  RETURN h
  UNION
  MATCH (:Case)-[:CONCERNS]->(:Person)-[:MEMBER_OF]->(h:Household)
  WHERE $household_id IS NULL
  RETURN h
}
MATCH (h)<-[m:MEMBER_OF]-(:Person)<-[:WITH]-(ct:Contact)
WHERE $start <= ct.date <= $end
  AND coalesce(m.start_date, ct.date) <= ct.date <= coalesce(m.end_date, ct.date)
WITH DISTINCT h, ct
MATCH (ct)<-[:ATTENDED]-(pro:Professional)
WITH h, ct, collect(pro) AS team
UNWIND team AS pro
WITH h, pro, count(ct) AS contacts, min(ct.date) AS first_contact,
     max(ct.date) AS last_contact, collect(team) AS teams
CALL (pro, first_contact) {
  OPTIONAL MATCH (pro)-[e:EMPLOYED_BY]->(o:Organisation)
    WHERE coalesce(e.start_date, first_contact) <= first_contact
          <= coalesce(e.end_date, first_contact)
  WITH o ORDER BY o.id
  RETURN head(collect(o)) AS org
}
CALL (pro, teams) {
  UNWIND teams AS team
  UNWIND team AS other
  WITH DISTINCT other
  WHERE other <> pro
  WITH other ORDER BY other.id
  RETURN collect(other.id) AS met
}
RETURN h.id AS household_id, pro.id AS professional_id, pro.name AS professional_name,
       org.id AS organisation_id, org.name AS organisation_name, org.type AS organisation_type,
       first_contact, last_contact, contacts, met
ORDER BY household_id, professional_id
