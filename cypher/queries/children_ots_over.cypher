// Purpose: children whose total time under supervision (OTS, extensions included) exceeds N
//   years, with their measures and placements
// Audience: analyst, admin
// Params: one `Param:` line each
// Param: years FLOAT default=2 min=0 — list children with more OTS time than this (years of 365.25 days)
// Param: kinds LIST<STRING> default=ots,voorlopige_ots choices=ots|voorlopige_ots|machtiging_uithuisplaatsing|voogdij|jeugdreclassering|other — the measure kinds that count as supervision
// Param: as_of DATE default=today — measures without an end, or ending later, count until this day
// Returns: one row per child over the threshold, longest first. OTS time is the union of the
//   periods of the child's measures of those kinds that started by as_of (overlaps count
//   once), in days, start and end inclusive.
// Column: child_id STRING person_id
// Column: birth_date DATE birth_date
// Column: measures INTEGER other — measures of those kinds
// Column: extensions INTEGER other — of which extensions (verlengingen)
// Column: ots_days INTEGER other
// Column: ots_years FLOAT other — ots_days / 365.25
// Column: first_start DATE other
// Column: last_end DATE other — latest end (or as_of when one is still running)
// Column: ongoing BOOLEAN other — a measure runs past as_of (or has no end)
// Column: placements INTEGER other — machtigingen uithuisplaatsing about the child
// Example: {"years": 2}
MATCH (m:Measure)-[:CONCERNS]->(child:Person)
WHERE m.kind IN $kinds AND m.start_date <= $as_of
WITH child, m ORDER BY m.start_date, m.id
WITH child, count(m) AS measures,
     sum(CASE WHEN EXISTS { (m)-[:EXTENDS]->(:Measure) } THEN 1 ELSE 0 END) AS extensions,
     max(CASE WHEN m.end_date IS NULL OR m.end_date > $as_of THEN 1 ELSE 0 END) = 1 AS ongoing,
     collect([m.start_date, CASE WHEN m.end_date IS NULL OR m.end_date > $as_of THEN $as_of
                                 ELSE m.end_date END]) AS spans
// merge overlapping or touching periods and add up their days
WITH child, measures, extensions, ongoing, spans,
     reduce(st = {lo: spans[0][0], hi: spans[0][1], days: 0}, s IN tail(spans) |
       CASE WHEN s[0] > st.hi + duration({days: 1})
            THEN {lo: s[0], hi: s[1], days: st.days + duration.inDays(st.lo, st.hi).days + 1}
            ELSE {lo: st.lo, hi: CASE WHEN s[1] > st.hi THEN s[1] ELSE st.hi END, days: st.days}
       END) AS st
WITH child, measures, extensions, ongoing, spans,
     st.days + duration.inDays(st.lo, st.hi).days + 1 AS ots_days,
     reduce(hi = spans[0][1], s IN spans | CASE WHEN s[1] > hi THEN s[1] ELSE hi END) AS last_end
WHERE ots_days > $years * 365.25
CALL (child) {
  OPTIONAL MATCH (child)<-[:CONCERNS]-(p:Measure {kind: 'machtiging_uithuisplaatsing'})
  RETURN count(p) AS placements
}
RETURN child.id AS child_id, child.birth_date AS birth_date, measures, extensions, ots_days,
       toFloat(ots_days) / 365.25 AS ots_years, spans[0][0] AS first_start, last_end, ongoing,
       placements
ORDER BY ots_days DESC, child_id
