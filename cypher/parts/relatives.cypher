// Part: the person $person_id (start; no row when there is none) and persons, a list of every
//   person within 18 partner/child hops of them (9 generations of steps), start included
MATCH (start:Person {id: $person_id})
CALL (start) {
  MATCH (start)-[:CHILD_OF|PARTNER_IN*0..18]-(p:Person)
  WITH DISTINCT p
  RETURN collect(p) AS persons
}
