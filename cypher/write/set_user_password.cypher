// Purpose: replace a user's password hash
// Params: $username: STRING, $password_hash: STRING
// Returns: id STRING (no row when there is no such user)
MATCH (u:User {username: $username})
SET u.password_hash = $password_hash
RETURN u.id AS id
