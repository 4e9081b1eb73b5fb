// Purpose: one BSN belongs to one person: the keyed hash is unique (and indexed for lookup)
CREATE CONSTRAINT person_bsn_hash_unique IF NOT EXISTS FOR (n:Person) REQUIRE n.bsn_hash IS UNIQUE
