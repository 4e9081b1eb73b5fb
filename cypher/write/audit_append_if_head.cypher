// Purpose: the one-statement append of a group commit, when this process wrote the last entry:
//   take the head's write lock, and only if the head is still the entry this process last saw
//   (no other process appended since), append the entries and move the head. Otherwise no row
//   is returned and nothing is written; the caller reads the head under the lock instead.
// Params: $events: LIST<MAP> (every field of each entry, in chain order), $prev_seq: INTEGER,
//   $prev_hash: STRING (the head the chain was computed from), $seq: INTEGER, $hash: STRING
//   (the last entry's), $request_id: STRING
// Returns: appended INTEGER
MATCH (h:AuditHead {id: 'access-log'})
SET h.last_request = $request_id
WITH h
WHERE h.seq = $prev_seq AND h.hash = $prev_hash
// @include parts/append_events
