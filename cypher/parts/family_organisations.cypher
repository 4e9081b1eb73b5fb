// Part: the families (households with a member ever concerned by a case) that existed at some
//   time from $start to $end: one row per household h, with n, the distinct organisations
//   (employers on the contact date) of the professionals with a contact in the window with a
//   member while that member lived in the household, and contacts, those contacts
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
