// Purpose: the connected family of a person (read/genogram_connected) and the four overlays
//   (read/genogram_overlays) for every person in it, in one statement: one round trip for a
//   whole-family genogram. genogram/service.py uses the overlays only when the persons it
//   shows are exactly the family read here (else it reads them for the persons it shows)
// Params: $person_id: STRING, $at: DATE, $start: DATE, $end: DATE, $regisseur: STRING
// Returns: persons, unions, links as read/genogram_connected; households, emotional,
//   professionals, regisseurs as read/genogram_overlays, for the ids of all those persons;
//   no row when the person does not exist
// Composed when loaded (db/statements.py): read/genogram_connected up to its RETURN, then each
//   @collect part as in read/genogram_overlays, with $person_ids the persons' ids
// @after read/genogram_connected with $person_ids = [p IN persons | p.id]
// @collect households: id, name, member_ids <- read/genogram_households
// @collect emotional: id, from_id, to_id, kind, directed <- read/genogram_emotional
// @collect professionals: id, name, role, contacts, links, organisation, roles, regisseur <- read/genogram_professionals
// @collect regisseurs: id, name, organisation, person_ids <- read/genogram_regisseurs
