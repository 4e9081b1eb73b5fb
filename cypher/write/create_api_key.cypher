// Purpose: store a new API key (only its argon2 hash) for a user, with the user's current token version (a revocation ends it)
// Params: $key: MAP {id, key_hash, created}, $username: STRING
// Returns: id STRING
MATCH (u:User {username: $username})
CREATE (k:ApiKey)-[:KEY_OF]->(u)
SET k = $key, k.user_version = coalesce(u.token_version, 0)
RETURN k.id AS id
