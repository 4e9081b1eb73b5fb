// Purpose: access-log entries in a time range, optionally only those about one person
//   (who accessed person X between A and B; export of a range)
// Params: $start: DATETIME, $end: DATETIME (exclusive), $person_id: STRING|null,
//   $after_seq: INTEGER, $limit: INTEGER
// Returns: event MAP
MATCH (e:AccessEvent)
WHERE e.at >= $start AND e.at < $end AND e.seq > $after_seq
  AND ($person_id IS NULL OR $person_id IN e.subjects)
RETURN e {.*} AS event
ORDER BY e.seq
LIMIT $limit
