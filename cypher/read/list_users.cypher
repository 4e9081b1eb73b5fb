// Purpose: every user account (administration)
// Params: none
// Returns: user MAP
MATCH (u:User)
RETURN u {.id, .username, .role, .professional_id, .created} AS user
ORDER BY u.username
