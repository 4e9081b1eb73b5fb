// Purpose: store a new API key (only its argon2 hash) for a user
// Params: $key: MAP {id, key_hash, created}, $username: STRING
// Returns: id STRING
MATCH (u:User {username: $username})
CREATE (k:ApiKey)-[:KEY_OF]->(u)
SET k = $key
RETURN k.id AS id
