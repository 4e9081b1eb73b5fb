// Part: the cases filtered by $municipality, $framework, $opened_from and $opened_to (each
//   ignored when null), one row per case c with first_melding, first_measure, handovers, chain
//   and distinct_orgs, as defined in the header of queries/case_handovers
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
