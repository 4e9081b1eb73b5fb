// Purpose: the persons in a family role (e.g. mothers) with more than N distinct organisations (employers of the professionals on the contact date) with a contact
//   in a window
// Audience: analyst, admin
// Params: one `Param:` line each
// Param: role STRING default=mother choices=mother|father|parent|child|concerned — child: a
//   person concerned by a case who was under 18 when it opened; mother and father: a woman or
//   man who is a partner in a union with such a child (link kind in link_kinds); parent:
//   either; concerned: anyone concerned by a case
// Param: link_kinds LIST<STRING> default=birth,adopted choices=birth|adopted|foster|step — the
//   child links that make a parent (add step or foster for step- and foster parents)
// Param: start DATE default=today-4y — first day of the window (inclusive)
// Param: end DATE default=today — last day of the window (inclusive)
// Param: threshold INTEGER default=9 min=0 — list persons with more than this many
// Returns: one row per person above the threshold, most first
// Column: person_id STRING person_id
// Column: birth_date DATE birth_date
// Column: death_date DATE birth_date
// Column: organisations INTEGER other
// Column: contacts INTEGER other — their contacts in the window
// Example: {"role": "mother", "threshold": 6, "start": "2022-11-01", "end": "2026-10-31"}
CALL () {
  MATCH (c:Case)-[:CONCERNS]->(child:Person)-[l:CHILD_OF]->(:Union)<-[:PARTNER_IN]-(p:Person)
  WHERE $role IN ['mother', 'father', 'parent'] AND l.kind IN $link_kinds
    AND child.birth_date > c.opened - duration({years: 18})
    AND CASE $role WHEN 'mother' THEN p.sex = 'female' WHEN 'father' THEN p.sex = 'male'
        ELSE true END
  RETURN p
  UNION
  MATCH (c:Case)-[:CONCERNS]->(p:Person)
  WHERE $role = 'child' AND p.birth_date > c.opened - duration({years: 18})
  RETURN p
  UNION
  MATCH (:Case)-[:CONCERNS]->(p:Person)
  WHERE $role = 'concerned'
  RETURN p
}
WITH p
WHERE (p.death_date IS NULL OR p.death_date >= $start) AND (p.birth_date IS NULL OR p.birth_date <= $end)
CALL (p) {
  OPTIONAL MATCH (p)<-[:WITH]-(ct:Contact)<-[:ATTENDED]-(:Professional)-[e:EMPLOYED_BY]->(org:Organisation)
    WHERE $start <= ct.date <= $end
      AND coalesce(e.start_date, ct.date) <= ct.date <= coalesce(e.end_date, ct.date)
  RETURN count(DISTINCT org) AS n, count(DISTINCT ct) AS contacts
}
WITH p, n, contacts
WHERE n > $threshold
RETURN p.id AS person_id, p.birth_date AS birth_date, p.death_date AS death_date,
       n AS organisations, contacts
ORDER BY organisations DESC, person_id
