// Purpose: a successful sign-in clears its account's counter and back-off (not the client address's: one known password must not reset the guessing of others)
// Params: $key: STRING
// Returns: nothing
MATCH (t:LoginThrottle {key: $key})
DELETE t
