// Purpose: remove a case past retention with every record on it (assignments and their
//   handovers, contacts, measures, meldingen, referrals, safety assessments)
// Params: $id: STRING
// Returns: records INTEGER (removed besides the case itself)
MATCH (c:Case {id: $id})
OPTIONAL MATCH (c)<-[:ON_CASE|IN_CASE|FOR_CASE]-(rec)
WITH c, collect(DISTINCT rec) AS records
FOREACH (r IN records | DETACH DELETE r)
DETACH DELETE c
RETURN size(records) AS records
