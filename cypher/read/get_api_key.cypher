// Purpose: an API key (by its public id) with its user, to verify a presented key
// Params: $id: STRING, $today: DATE
// Returns: key_hash STRING, revoked BOOLEAN, key_version INTEGER, user MAP, organisation_id STRING
MATCH (k:ApiKey {id: $id})-[:KEY_OF]->(u:User)
OPTIONAL MATCH (p:Professional {id: u.professional_id})-[e:EMPLOYED_BY]->(o:Organisation)
WHERE (e.start_date IS NULL OR e.start_date <= $today) AND (e.end_date IS NULL OR e.end_date >= $today)
RETURN k.key_hash AS key_hash, coalesce(k.revoked, false) AS revoked,
       coalesce(k.user_version, 0) AS key_version, u {.*} AS user, min(o.id) AS organisation_id
