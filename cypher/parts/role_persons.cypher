// Part: the persons in the family role $role (parents by the child links in $link_kinds) who
//   were alive at some time from $start to $end: one row per person, p (see parts/role_params)
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
