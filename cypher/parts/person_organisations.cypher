// Part: per person p, n: the distinct organisations (employers of the professionals on the
//   contact date) with a contact with them from $start to $end, and contacts: those contacts
//   (zero when none)
CALL (p) {
  OPTIONAL MATCH (p)<-[:WITH]-(ct:Contact)<-[:ATTENDED]-(:Professional)-[e:EMPLOYED_BY]->(org:Organisation)
    WHERE $start <= ct.date <= $end
      AND coalesce(e.start_date, ct.date) <= ct.date <= coalesce(e.end_date, ct.date)
  RETURN count(DISTINCT org) AS n, count(DISTINCT ct) AS contacts
}
