// Purpose: the family around a person for a genogram: every person within 18 partner/child
//   hops (9 generations of steps), with the unions and child links between them; the use case
//   selects from this by generation, siblings and partners, as of a date
// Params: $person_id: STRING
// Returns: persons LIST<MAP> (id, given_names, prefix, surname, sex, birth_date, death_date,
//   and their _to, _precision, _text), unions LIST<MAP> (id, kind, start_date, end_date,
//   end_reason, partner_ids, and the dates' _to, _precision, _text),
//   links LIST<MAP> (child_id, union_id, kind, start_date, end_date);
//   no row when the person does not exist
// @include parts/relatives
// @include parts/genogram_family
