// Purpose: whether sign-in is locked for an account or a client address: the latest end of their lockouts (none: not locked)
// Params: $keys: LIST OF STRING, $now: FLOAT
// Returns: locked_until FLOAT
UNWIND $keys AS key
MATCH (t:LoginThrottle {key: key})
WHERE t.locked_until > $now
RETURN max(t.locked_until) AS locked_until
