// Purpose: the family around a person for a genogram: every person within 18 partner/child
//   hops (9 generations of steps), with the unions and child links between them; the use case
//   selects from this by generation, siblings and partners, as of a date
// Params: $person_id: STRING
// Returns: persons LIST<MAP> (id, given_names, prefix, surname, sex, birth_date, death_date,
//   and their _to, _precision, _text), unions LIST<MAP> (id, kind, start_date, end_date,
//   end_reason, partner_ids, and the dates' _to, _precision, _text),
//   links LIST<MAP> (child_id, union_id, kind, start_date, end_date);
//   no row when the person does not exist
MATCH (start:Person {id: $person_id})
CALL (start) {
  MATCH (start)-[:CHILD_OF|PARTNER_IN*0..18]-(p:Person)
  WITH DISTINCT p
  RETURN collect(p) AS persons
}
CALL (persons) {
  UNWIND persons AS p
  MATCH (p)-[:PARTNER_IN]->(u:Union)
  WITH DISTINCT u
  MATCH (q:Person)-[:PARTNER_IN]->(u)
  WITH u, collect(q.id) AS partner_ids
  RETURN collect(u {.id, .kind, .start_date, .end_date, .end_reason,
                    .start_date_to, .start_date_precision, .start_date_text,
                    .end_date_to, .end_date_precision, .end_date_text,
                    partner_ids: partner_ids}) AS unions
}
CALL (persons) {
  UNWIND persons AS p
  MATCH (p)-[l:CHILD_OF]->(u:Union)
  RETURN collect({child_id: p.id, union_id: u.id, kind: l.kind, start_date: l.start_date,
                  end_date: l.end_date}) AS links
}
RETURN [p IN persons | p {.id, .given_names, .prefix, .surname, .sex, .birth_date,
                          .death_date, .birth_date_to, .birth_date_precision,
                          .birth_date_text, .death_date_to, .death_date_precision,
                          .death_date_text}] AS persons, unions, links
