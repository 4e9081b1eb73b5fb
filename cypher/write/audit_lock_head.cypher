// Purpose: take the access log's head for an append (the SET takes its write lock, so appends
//   are serialised and every entry chains to the one before it)
// Params: $genesis: STRING (hash before the first entry), $request_id: STRING
// Returns: seq INTEGER, hash STRING (of the last entry)
MERGE (h:AuditHead {id: 'access-log'})
ON CREATE SET h.seq = 0, h.hash = $genesis
SET h.last_request = $request_id
RETURN h.seq AS seq, h.hash AS hash
