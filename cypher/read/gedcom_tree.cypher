// Purpose: what earlier imports of a GEDCOM file wrote (their ids share the file's prefix):
//   persons, unions, child links and emotional relations, so a re-import can report what the
//   file no longer has and remove the links it no longer has
// Params: $prefix: STRING (e.g. 'ged-harry-potter-3f9a1c-')
// Returns: id STRING, kind STRING (person, union, child_link, emotional_relation),
//   given_names STRING, surname STRING (persons only)
CALL () {
  MATCH (p:Person)
  WHERE p.id STARTS WITH $prefix
  RETURN p.id AS id, 'person' AS kind, p.given_names AS given_names, p.surname AS surname
  UNION
  MATCH (u:Union)
  WHERE u.id STARTS WITH $prefix
  RETURN u.id AS id, 'union' AS kind, null AS given_names, null AS surname
  UNION
  MATCH (p:Person)-[r:CHILD_OF]->(:Union)
  WHERE p.id STARTS WITH $prefix AND r.id STARTS WITH $prefix
  RETURN r.id AS id, 'child_link' AS kind, null AS given_names, null AS surname
  UNION
  MATCH (p:Person)-[r:EMOTIONAL]->(:Person)
  WHERE p.id STARTS WITH $prefix AND r.id STARTS WITH $prefix
  RETURN r.id AS id, 'emotional_relation' AS kind, null AS given_names, null AS surname
}
RETURN id, kind, given_names, surname
ORDER BY kind, id
