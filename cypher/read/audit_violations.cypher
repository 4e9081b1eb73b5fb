// Purpose: need-to-know violations: allowed accesses to persons by a professional who had no
//   assignment active on that day on a case about the person's family (the same family rule
//   as read/visible_persons, without grace period: break-glass and grace-period accesses show)
// Params: $start: DATETIME, $end: DATETIME (exclusive)
// Returns: event MAP, persons LIST<STRING> (the subjects without an active assignment)
MATCH (e:AccessEvent)
WHERE e.at >= $start AND e.at < $end AND e.outcome = 'allowed'
  AND e.professional_id IS NOT NULL AND size(e.subjects) > 0
WITH e, date(e.at) AS day
UNWIND e.subjects AS subject
WITH e, day, subject
WHERE NOT EXISTS {
  MATCH (:Professional {id: e.professional_id})-[:HAS_ASSIGNMENT]->(a:Assignment)-[:ON_CASE]->(c:Case)
  WHERE a.start_date <= day AND (a.end_date IS NULL OR a.end_date >= day)
  MATCH (c)-[:CONCERNS]->(cp:Person)-[:CHILD_OF|PARTNER_IN*0..4]-(:Person {id: subject})
}
RETURN e {.*} AS event, collect(subject) AS persons
ORDER BY event.seq
