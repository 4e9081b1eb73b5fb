// Part: for the involvement traces, with p (a person) or pro (a professional) bound: the
//   assignments a of a professional pro on a case c that concerns p, running at some time from
//   $start to $end (each ignored when null), and o, the organisation on whose behalf (or null)
MATCH (p:Person)<-[:CONCERNS]-(c:Case)<-[:ON_CASE]-(a:Assignment)<-[:HAS_ASSIGNMENT]-(pro:Professional)
WHERE ($end IS NULL OR a.start_date <= $end)
  AND ($start IS NULL OR a.end_date IS NULL OR a.end_date >= $start)
OPTIONAL MATCH (a)-[:ON_BEHALF_OF]->(o:Organisation)
