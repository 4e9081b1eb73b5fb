// Part: for the involvement traces, with p (a person) or pro (a professional) bound: the
//   contacts of professional pro with person p from $start to $end (each ignored when null),
//   one row per p, pro, case c and employer o of pro on the contact date (null when none) with
//   start_date and end_date, the first and last of those contacts, and contacts, their number
MATCH (p:Person)<-[:WITH]-(ct:Contact)<-[:ATTENDED]-(pro:Professional)
WHERE ($start IS NULL OR ct.date >= $start) AND ($end IS NULL OR ct.date <= $end)
OPTIONAL MATCH (ct)-[:IN_CASE]->(c:Case)
OPTIONAL MATCH (pro)-[e:EMPLOYED_BY]->(o:Organisation)
  WHERE coalesce(e.start_date, ct.date) <= ct.date <= coalesce(e.end_date, ct.date)
WITH p, pro, o, c, min(ct.date) AS start_date, max(ct.date) AS end_date,
     count(DISTINCT ct) AS contacts
