// Purpose: per family (household): the number of distinct organisations around it in a
//   window: size, median, 90th percentile, maximum and mean of the distribution
// Audience: analyst, admin
// Params: one `Param:` line each
// Param: start DATE default=today-4y — first day of the window (inclusive)
// Param: end DATE default=today — last day of the window (inclusive)
// Returns: one row. Median and p90 are nearest-rank percentiles (percentileDisc).
//   A family is a household with at least one member ever concerned by a case, and existing
//   at some time in the window; its organisations are the employers (on the contact date) of
//   the professionals with a contact with a member while that member lived in the household.
// Column: families INTEGER count
// Column: median INTEGER other
// Column: p90 INTEGER other
// Column: max INTEGER other
// Column: mean FLOAT other
// Column: families_without INTEGER count — families without any organisation in the window
// Example: {"start": "2022-11-01", "end": "2026-10-31"}
MATCH (:Case)-[:CONCERNS]->(:Person)-[:MEMBER_OF]->(h:Household)
WITH DISTINCT h
WHERE coalesce(h.start_date, $start) <= $end AND coalesce(h.end_date, $end) >= $start
CALL (h) {
  OPTIONAL MATCH (h)<-[m:MEMBER_OF]-(:Person)<-[:WITH]-(ct:Contact)<-[:ATTENDED]-(:Professional)
                 -[e:EMPLOYED_BY]->(org:Organisation)
    WHERE $start <= ct.date <= $end
      AND coalesce(m.start_date, ct.date) <= ct.date <= coalesce(m.end_date, ct.date)
      AND coalesce(e.start_date, ct.date) <= ct.date <= coalesce(e.end_date, ct.date)
  RETURN count(DISTINCT org) AS n, count(DISTINCT ct) AS contacts
}
RETURN count(*) AS families, percentileDisc(n, 0.5) AS median, percentileDisc(n, 0.9) AS p90,
       max(n) AS max, avg(n) AS mean, sum(CASE WHEN n = 0 THEN 1 ELSE 0 END) AS families_without
