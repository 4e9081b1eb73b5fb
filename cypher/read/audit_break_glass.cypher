// Purpose: break-glass uses per organisation and month
// Params: $start: DATETIME, $end: DATETIME (exclusive)
// Returns: organisation_id STRING, month STRING (YYYY-MM), uses INTEGER, users INTEGER
MATCH (e:AccessEvent)
WHERE e.at >= $start AND e.at < $end AND e.break_glass = true
WITH coalesce(e.organisation_id, '(none)') AS organisation_id,
     substring(toString(date(e.at)), 0, 7) AS month, e
RETURN organisation_id, month, count(e) AS uses, count(DISTINCT e.user_id) AS users
ORDER BY month, organisation_id
