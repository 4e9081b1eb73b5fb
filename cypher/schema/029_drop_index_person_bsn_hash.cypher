// Purpose: the plain BSN-hash index of schema v0.1 gives way to the uniqueness constraint
DROP INDEX person_bsn_hash IF EXISTS
