// Purpose: remove a person whose records all passed retention, with their family links;
//   a union left without partners and children goes too
// Params: $id: STRING
// Returns: removed INTEGER
MATCH (p:Person {id: $id})
OPTIONAL MATCH (p)-[:PARTNER_IN]->(u:Union)
WITH p, collect(u) AS unions
DETACH DELETE p
WITH unions
UNWIND unions AS u
WITH u
WHERE NOT EXISTS { (u)--() }
DELETE u
RETURN count(*) AS removed
