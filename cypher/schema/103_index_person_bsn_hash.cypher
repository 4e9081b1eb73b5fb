// Purpose: range index for exact BSN lookup by keyed hash
CREATE INDEX person_bsn_hash IF NOT EXISTS FOR (n:Person) ON (n.bsn_hash)
