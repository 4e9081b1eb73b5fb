// Purpose: append access-log entries (one group commit) and move the head to the last of them
//   (same transaction as audit_lock_head, which holds the head's write lock)
// Params: $events: LIST<MAP> (every field of each entry, in chain order, including seq,
//   prev_hash and hash), $seq: INTEGER (the last entry's seq), $hash: STRING (its hash)
// Returns: appended INTEGER
MATCH (h:AuditHead {id: 'access-log'})
// @include parts/append_events
