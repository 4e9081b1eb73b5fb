// Purpose: per family (household): the number of distinct organisations around it in a
//   window, as a histogram
// Audience: analyst, admin
// Params: one `Param:` line each
// Param: start DATE default=today-4y — first day of the window (inclusive)
// Param: end DATE default=today — last day of the window (inclusive)
// Param: bucket_width INTEGER default=1 min=1 max=1000 — width of a bucket
// Returns: one row per bucket from 0 to the largest, empty buckets included.
//   A family is a household with at least one member ever concerned by a case, and existing
//   at some time in the window; its organisations are the employers (on the contact date) of
//   the professionals with a contact with a member while that member lived in the household.
// Column: bucket_from INTEGER other — organisations from (inclusive)
// Column: bucket_to INTEGER other — organisations to (inclusive)
// Column: families INTEGER count — families with that many organisations
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
WITH n / $bucket_width AS b, count(*) AS families
WITH collect({b: b, families: families}) AS groups, max(b) AS top
UNWIND range(0, coalesce(top, -1)) AS b
RETURN b * $bucket_width AS bucket_from, (b + 1) * $bucket_width - 1 AS bucket_to,
       coalesce([g IN groups WHERE g.b = b | g.families][0], 0) AS families
ORDER BY bucket_from
