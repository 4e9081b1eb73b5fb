// Purpose: disable (ending its tokens and API keys: the token version goes up) or enable a user account
// Params: $username: STRING, $disabled: BOOLEAN
// Returns: id STRING, version INTEGER
MATCH (u:User {username: $username})
SET u.disabled = $disabled,
    u.token_version = coalesce(u.token_version, 0) + CASE WHEN $disabled THEN 1 ELSE 0 END
RETURN u.id AS id, u.token_version AS version
