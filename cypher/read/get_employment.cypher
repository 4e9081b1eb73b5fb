// Purpose: read EMPLOYED_BY relationships with their endpoints, by id
// Params: $ids: LIST<STRING>
// Returns: props MAP, refs MAP (professional_id, organisation_id)
UNWIND $ids AS id
MATCH (a:Professional)-[r:EMPLOYED_BY {id: id}]->(b:Organisation)
RETURN r {.*} AS props, {professional_id: a.id, organisation_id: b.id} AS refs
