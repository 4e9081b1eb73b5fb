// Purpose: cases past their retention: closed before the cut-off date (default: 20 years ago)
// Params: $case_cutoff: DATE
// Returns: id STRING, closed DATE, persons LIST<STRING>, records INTEGER (records on the case)
MATCH (c:Case)
WHERE c.closed < $case_cutoff
RETURN c.id AS id, c.closed AS closed,
       COLLECT { MATCH (c)-[:CONCERNS]->(p:Person) RETURN p.id ORDER BY p.id } AS persons,
       COUNT { (c)<-[:ON_CASE|IN_CASE|FOR_CASE]-() } AS records
ORDER BY c.id
