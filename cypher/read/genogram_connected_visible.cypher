// Purpose: read/genogram_connected and, in the same statement, which of those persons a
//   professional may see (read/visible_persons): one round trip less for a case worker's
//   genogram; need-to-know is decided per person, so the persons shown are the selection's
//   persons among the visible ones
// Params: $person_id: STRING, and those of read/visible_persons but $ids: $professional_id:
//   STRING, $today: DATE, $since: DATE
// Returns: persons, unions, links as read/genogram_connected; visible LIST<MAP> (id), the rows
//   of read/visible_persons for the ids of all those persons; no row when the person does
//   not exist
// Composed when loaded (db/statements.py): read/genogram_connected up to its RETURN, then the
//   @collect part with $ids the persons' ids
// @after read/genogram_connected with $ids = [p IN persons | p.id]
// @collect visible: id <- read/visible_persons
