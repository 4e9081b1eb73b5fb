// Purpose: which persons hold the given BSNs (by keyed hash): one BSN, one person
// Params: $hashes: LIST<STRING>
// Returns: hash STRING, id STRING
UNWIND $hashes AS hash
MATCH (p:Person {bsn_hash: hash})
RETURN hash, p.id AS id
