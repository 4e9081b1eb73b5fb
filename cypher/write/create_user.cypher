// Purpose: create a user account (people log in with a password; service accounts use API keys)
// Params: $user: MAP {id, username, role, professional_id, password_hash, created}
// Returns: id STRING
CREATE (u:User)
SET u = $user
RETURN u.id AS id
