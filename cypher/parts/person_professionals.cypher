// Part: per person p, n: the distinct professionals with a contact with them from $start to
//   $end, and contacts: those contacts (zero when none)
CALL (p) {
  OPTIONAL MATCH (p)<-[:WITH]-(ct:Contact)<-[:ATTENDED]-(pro:Professional)
    WHERE $start <= ct.date <= $end
  RETURN count(DISTINCT pro) AS n, count(DISTINCT ct) AS contacts
}
