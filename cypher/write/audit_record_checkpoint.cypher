// Purpose: keep a copy of a signed access-log checkpoint in the database; the checkpoint file
//   outside it is what counts against someone who can write to the database, this copy lets
//   `audit verify` notice lines missing from the file (docs/security.md, "Threat model")
// Params: $checkpoint: MAP (format, seq, head, at, writer, file, key, sig)
// Returns: nothing
CREATE (c:AuditCheckpoint)
SET c = $checkpoint
