// Part: the end of a genogram's family statement: given persons (a list of Person nodes), the
//   unions and child links among them, and the columns persons, unions, links as described in
//   read/genogram_relatives
CALL (persons) {
  // @include parts/union_partners
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
