// Purpose: append one access-log entry and move the head (same transaction as the lock)
// Params: $event: MAP (all fields of the entry, including seq, prev_hash and hash)
// Returns: seq INTEGER
MATCH (h:AuditHead {id: 'access-log'})
CREATE (e:AccessEvent)
SET e = $event
SET h.seq = $event.seq, h.hash = $event.hash
RETURN e.seq AS seq
