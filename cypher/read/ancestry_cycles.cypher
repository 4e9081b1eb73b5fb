// Purpose: which of the given persons are their own ancestor (run inside the writing
//   transaction, so a write that would close a cycle is rolled back)
// Params: $ids: LIST<STRING>
// Returns: id STRING
UNWIND $ids AS id
MATCH (p:Person {id: id})
WHERE EXISTS { (p) ((:Person)-[:CHILD_OF]->(:Union)<-[:PARTNER_IN]-(:Person)){1,} (p) }
RETURN p.id AS id
