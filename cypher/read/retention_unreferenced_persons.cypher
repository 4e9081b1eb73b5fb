// Purpose: of the given persons, those no case, melding, contact, measure or referral is about
//   any more (after a retention removal they go too)
// Params: $ids: LIST<STRING>
// Returns: id STRING
UNWIND $ids AS id
MATCH (p:Person {id: id})
WHERE NOT EXISTS { (p)<-[:CONCERNS|WITH]-() }
RETURN p.id AS id
