// Purpose: access-log entries in chain order, a page at a time (verification)
// Params: $after_seq: INTEGER, $limit: INTEGER
// Returns: event MAP
MATCH (e:AccessEvent)
WHERE e.seq > $after_seq
RETURN e {.*} AS event
ORDER BY e.seq
LIMIT $limit
