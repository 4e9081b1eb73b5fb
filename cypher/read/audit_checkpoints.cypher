// Purpose: the copies of the access log's signed checkpoints kept in the database
// Params: none
// Returns: checkpoint MAP (every property)
MATCH (c:AuditCheckpoint)
RETURN c {.*} AS checkpoint
ORDER BY c.seq
