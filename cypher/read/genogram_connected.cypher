// Purpose: the whole family connected to a person through partners and children (the
//   "connected" genogram), with the unions and child links between them; the use case
//   applies the date; no depth limit, so meant for one family, not a whole registry
// Params: $person_id: STRING
// Returns: persons, unions, links as read/genogram_relatives (parts/genogram_family); no
//   row when the person does not exist
MATCH (start:Person {id: $person_id})
CALL (start) {
  MATCH (start)-[:CHILD_OF|PARTNER_IN*0..]-(p:Person)
  WITH DISTINCT p
  RETURN collect(p) AS persons
}
// @include parts/genogram_family
