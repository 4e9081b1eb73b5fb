// Purpose: create or replace Person nodes by id (single writes and bulk import batches)
// Generated from the record kinds in genogram_service/records/spec.py by
//   `genogram schemas cypher`: change the spec, not this file
// Params: $rows: list of {id: STRING, props: MAP, keep_bsn: BOOLEAN}
//   props replace the stored properties; when keep_bsn is true (the record did not mention bsn
//   at all) the stored bsn_enc and bsn_hash are kept, so a read-modify-write of a person, whose
//   BSN is never returned by default, does not erase it
// Returns: written INTEGER
UNWIND $rows AS row
MERGE (n:Person {id: row.id})
WITH n, row, n.bsn_enc AS old_bsn_enc, n.bsn_hash AS old_bsn_hash
SET n = row.props
SET n.bsn_enc = CASE WHEN row.keep_bsn THEN old_bsn_enc ELSE row.props.bsn_enc END,
    n.bsn_hash = CASE WHEN row.keep_bsn THEN old_bsn_hash ELSE row.props.bsn_hash END
RETURN count(*) AS written
