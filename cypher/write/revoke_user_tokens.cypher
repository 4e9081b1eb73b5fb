// Purpose: end every bearer token and API key of a user: the token version goes up, so tokens and keys issued before no longer match it
// Params: $username: STRING
// Returns: id STRING, version INTEGER
MATCH (u:User {username: $username})
SET u.token_version = coalesce(u.token_version, 0) + 1
RETURN u.id AS id, u.token_version AS version
