// Purpose: the access log's head: number and hash of the last entry
// Params: none
// Returns: seq INTEGER, hash STRING
MATCH (h:AuditHead {id: 'access-log'})
RETURN h.seq AS seq, h.hash AS hash
