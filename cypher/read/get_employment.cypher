// Purpose: read EMPLOYED_BY relationships with their endpoints, by id
// Generated from the record kinds in genogram_service/records/spec.py by
//   `genogram schemas cypher`: change the spec, not this file
// Params: $ids: LIST<STRING>
// Returns: props MAP, refs MAP (professional_id, organisation_id)
UNWIND $ids AS id
MATCH (a:Professional)-[r:EMPLOYED_BY {id: id}]->(b:Organisation)
RETURN r {.*} AS props, {professional_id: a.id, organisation_id: b.id} AS refs
