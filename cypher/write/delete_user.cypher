// Purpose: delete a user account and its API keys (its bearer tokens fail: their user is gone)
// Params: $username: STRING
// Returns: id STRING
MATCH (u:User {username: $username})
OPTIONAL MATCH (k:ApiKey)-[:KEY_OF]->(u)
WITH u, u.id AS id, collect(k) AS keys
FOREACH (k IN keys | DETACH DELETE k)
DETACH DELETE u
RETURN id
