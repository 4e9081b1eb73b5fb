// Purpose: the records that are about a person (cases, meldingen, contacts, measures,
//   referrals), with the case each hangs on, for the retention dry run
// Params: $id: STRING
// Returns: kind STRING, id STRING, case_id STRING
MATCH (p:Person {id: $id})<-[:CONCERNS|WITH]-(rec)
OPTIONAL MATCH (rec)-[:IN_CASE]->(c:Case)
RETURN toLower(labels(rec)[0]) AS kind, rec.id AS id, c.id AS case_id
