// Purpose: the stored partners of the given unions (the parents a bundle's child links to
//   stored unions make; ancestry check before an import writes)
// Params: $ids: LIST<STRING>
// Returns: id STRING, partner_ids LIST<STRING>
UNWIND $ids AS id
MATCH (u:Union {id: id})
RETURN u.id AS id, COLLECT { MATCH (p:Person)-[:PARTNER_IN]->(u) RETURN p.id } AS partner_ids
