// Purpose: read/genogram_relatives and, in the same statement, which of those persons a
//   professional may see: read/genogram_connected_visible for the relatives instead of the
//   whole connected family
// Params: $person_id: STRING, and those of read/visible_persons but $ids (as
//   read/genogram_connected_visible)
// Returns: persons, unions, links as read/genogram_relatives; visible as
//   read/genogram_connected_visible; no row when the person does not exist
// @after read/genogram_relatives with $ids = [p IN persons | p.id]
// @collect visible: id <- read/visible_persons
