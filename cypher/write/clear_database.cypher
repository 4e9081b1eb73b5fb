// Purpose: remove every node and relationship, in batches (tests and `genogram db reset` only)
// Params: none
// Returns: nothing
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
