// Purpose: handovers between first melding and first measure, and chain length, per
//   municipality and framework (voluntary or court-ordered): medians and maxima
// Audience: analyst, admin
// Params: one `Param:` line each
// Param: municipality STRING optional — only cases of this gemeente
// Param: framework STRING optional choices=voluntary|court_ordered — only cases in this framework
// Param: opened_from DATE optional — only cases opened on or after
// Param: opened_to DATE optional — only cases opened on or before
// Returns: one row per municipality and framework, in that order. Medians are nearest-rank
//   (percentileDisc), over the cases of the group; definitions as in case_handovers.
//   First melding: the earliest melding (report) in the case, else the day it opened. First
//   measure: the earliest start of a measure in the case. Handovers are counted from the
//   first melding up to the first measure (both inclusive; to the end when there is none).
//   The chain is the organisations of the case's assignments in order of start (then id),
//   repeats in a row merged; its length is the number of distinct organisations in it.
// Column: municipality STRING other
// Column: framework STRING other
// Column: cases INTEGER count
// Column: cases_with_handover INTEGER count
// Column: median_handovers INTEGER other
// Column: max_handovers INTEGER other
// Column: median_chain_length INTEGER other
// Column: max_chain_length INTEGER other
// Example: {"opened_from": "2020-01-01"}
MATCH (c:Case)
WHERE ($municipality IS NULL OR c.municipality = $municipality)
  AND ($framework IS NULL OR c.framework = $framework)
  AND ($opened_from IS NULL OR c.opened >= $opened_from)
  AND ($opened_to IS NULL OR c.opened <= $opened_to)
CALL (c) {
  OPTIONAL MATCH (c)<-[:IN_CASE]-(r:Report)
  RETURN min(r.date) AS melding_date
}
WITH c, coalesce(melding_date, c.opened) AS first_melding
CALL (c) {
  OPTIONAL MATCH (c)<-[:IN_CASE]-(m:Measure)
  RETURN min(m.start_date) AS first_measure
}
CALL (c, first_melding, first_measure) {
  OPTIONAL MATCH (c)<-[:ON_CASE]-(:Assignment)-[h:HANDED_OVER_TO]->(:Assignment)
    WHERE first_melding <= h.date AND (first_measure IS NULL OR h.date <= first_measure)
  RETURN count(h) AS handovers
}
CALL (c) {
  OPTIONAL MATCH (c)<-[:ON_CASE]-(a:Assignment)-[:ON_BEHALF_OF]->(o:Organisation)
  WITH a, o ORDER BY a.start_date, a.id
  WITH collect(o.id) AS orgs
  RETURN reduce(acc = [], x IN orgs | CASE WHEN size(acc) > 0 AND acc[-1] = x THEN acc
                                       ELSE acc + x END) AS chain,
         reduce(acc = [], x IN orgs | CASE WHEN x IN acc THEN acc ELSE acc + x END) AS distinct_orgs
}
WITH c.municipality AS municipality, c.framework AS framework, handovers,
     size(distinct_orgs) AS chain_length
RETURN municipality, framework, count(*) AS cases,
       sum(CASE WHEN handovers > 0 THEN 1 ELSE 0 END) AS cases_with_handover,
       percentileDisc(handovers, 0.5) AS median_handovers, max(handovers) AS max_handovers,
       percentileDisc(chain_length, 0.5) AS median_chain_length,
       max(chain_length) AS max_chain_length
ORDER BY municipality, framework
