// Purpose: what a bearer token or API key is checked against on use: the user's token version and whether the account is disabled (no row: the user was deleted)
// Params: $id: STRING
// Returns: version INTEGER, disabled BOOLEAN
MATCH (u:User {id: $id})
RETURN coalesce(u.token_version, 0) AS version, coalesce(u.disabled, false) AS disabled
