// Purpose: Organisation.id is unique (and indexed): every MERGE goes by id
CREATE CONSTRAINT organisation_id_unique IF NOT EXISTS FOR (n:Organisation) REQUIRE n.id IS UNIQUE
