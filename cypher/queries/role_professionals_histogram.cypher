// Purpose: per person in a family role (e.g. every mother): the number of distinct professionals with a contact
//   in a window, as a histogram
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
// Param: bucket_width INTEGER default=1 min=1 max=1000 — width of a bucket
// Returns: one row per bucket from 0 to the largest, empty buckets included.
//   Everyone in the role counts, with zero when nobody saw them; persons who died before the
//   window or were born after it are left out.
// Column: bucket_from INTEGER other — professionals from (inclusive)
// Column: bucket_to INTEGER other — professionals to (inclusive)
// Column: persons INTEGER count — persons in the role with that many professionals
// Example: {"role": "mother", "start": "2022-11-01", "end": "2026-10-31"}
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
  OPTIONAL MATCH (p)<-[:WITH]-(ct:Contact)<-[:ATTENDED]-(pro:Professional)
    WHERE $start <= ct.date <= $end
  RETURN count(DISTINCT pro) AS n
}
WITH n / $bucket_width AS b, count(*) AS persons
WITH collect({b: b, persons: persons}) AS groups, max(b) AS top
UNWIND range(0, coalesce(top, -1)) AS b
RETURN b * $bucket_width AS bucket_from, (b + 1) * $bucket_width - 1 AS bucket_to,
       coalesce([g IN groups WHERE g.b = b | g.persons][0], 0) AS persons
ORDER BY bucket_from
