// Purpose: the professionals who had contact with the given persons in a period (the ecomap
//   overlay of a genogram): per professional the contacts with each person (number, first and
//   last date), the organisation they acted for at their last contact (the assignment's
//   ON_BEHALF_OF on that date, else the employer on that date), the roles of their
//   assignments in the period on cases about these persons, and whether one of those is the
//   $regisseur role active on $at
// Params: $person_ids: LIST<STRING>, $start: DATE, $end: DATE, $at: DATE,
//   $regisseur: STRING (the regisseur role)
// Returns: id STRING, name STRING, role STRING (the professional's own role),
//   contacts INTEGER (distinct contacts with any of the persons),
//   links LIST<MAP> (person_id, contacts, first, last), organisation MAP (id, name, type) or
//   null, roles LIST<STRING>, regisseur BOOLEAN
UNWIND $person_ids AS pid
MATCH (p:Person {id: pid})
CALL (p) {
  MATCH (p)<-[:WITH]-(c:Contact)<-[:ATTENDED]-(pro:Professional)
  WHERE $start <= c.date <= $end
  RETURN c, pro
}
WITH pro, count(DISTINCT c) AS total, collect({p: p, c: c}) AS seen
UNWIND seen AS s
WITH pro, total, s.p AS p, count(s.c) AS contacts, min(s.c.date) AS first,
     max(s.c.date) AS last
WITH pro, total, collect({person_id: p.id, contacts: contacts, first: first, last: last})
     AS links, max(last) AS last
CALL (pro, last) {
  MATCH (pro)-[:HAS_ASSIGNMENT]->(a:Assignment)
  WITH a WHERE a.start_date <= last AND last <= coalesce(a.end_date, last)
  MATCH (a)-[:ON_BEHALF_OF]->(o:Organisation)
  WITH a, o ORDER BY a.start_date DESC
  RETURN head(collect(o {.id, .name, .type})) AS by_assignment
}
CALL (pro, last) {
  MATCH (pro)-[e:EMPLOYED_BY]->(o:Organisation)
  WITH e, o WHERE coalesce(e.start_date, last) <= last AND last <= coalesce(e.end_date, last)
  WITH e, o ORDER BY e.start_date DESC
  RETURN head(collect(o {.id, .name, .type})) AS by_employment
}
CALL (pro) {
  MATCH (pro)-[:HAS_ASSIGNMENT]->(a:Assignment)
  WITH a WHERE a.start_date <= $end AND $start <= coalesce(a.end_date, $end)
  MATCH (a)-[:ON_CASE]->(:Case)-[:CONCERNS]->(q:Person)
  WITH DISTINCT a, q WHERE q.id IN $person_ids
  WITH DISTINCT a
  RETURN [x IN collect(a) | x.role] AS roles,
         any(x IN collect(a) WHERE x.role = $regisseur AND x.start_date <= $at
             AND $at <= coalesce(x.end_date, $at)) AS regisseur
}
RETURN pro.id AS id, pro.name AS name, pro.role AS role, total AS contacts, links,
       coalesce(by_assignment, by_employment) AS organisation, roles, regisseur
ORDER BY id
