// Purpose: remove a melding past retention
// Params: $id: STRING
// Returns: removed INTEGER
MATCH (r:Report {id: $id})
DETACH DELETE r
RETURN count(*) AS removed
