// Purpose: Referral.id is unique (and indexed): every MERGE goes by id
CREATE CONSTRAINT referral_id_unique IF NOT EXISTS FOR (n:Referral) REQUIRE n.id IS UNIQUE
