// Purpose: the four overlays of a genogram in one statement (one round trip instead of four
//   in parallel; genogram/service.py uses it for families of up to ONE_STATEMENT_PERSONS
//   persons, larger ones run the four in parallel on both cores)
// Params: those of the four statements: $person_ids: LIST<STRING>, $at: DATE, $start: DATE,
//   $end: DATE, $regisseur: STRING
// Returns: households, emotional, professionals, regisseurs: each LIST<MAP>, the rows of
//   read/genogram_<name> in their order, with the columns named below
// Composed when loaded (db/statements.py): each @collect line becomes
//   CALL () { CALL () { <that statement> } RETURN collect({<columns>}) AS <name> }
// @collect households: id, name, member_ids <- read/genogram_households
// @collect emotional: id, from_id, to_id, kind, directed <- read/genogram_emotional
// @collect professionals: id, name, role, contacts, links, organisation, roles, regisseur <- read/genogram_professionals
// @collect regisseurs: id, name, organisation, person_ids <- read/genogram_regisseurs
