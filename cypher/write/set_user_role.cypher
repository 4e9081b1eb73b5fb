// Purpose: change a user's role (and professional), ending its tokens and API keys: they carry the old role
// Params: $username: STRING, $role: STRING, $professional_id: STRING
// Returns: id STRING, version INTEGER
MATCH (u:User {username: $username})
SET u.role = $role, u.professional_id = $professional_id,
    u.token_version = coalesce(u.token_version, 0) + 1
RETURN u.id AS id, u.token_version AS version
