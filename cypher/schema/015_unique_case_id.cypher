// Purpose: Case.id is unique (and indexed): every MERGE goes by id
CREATE CONSTRAINT case_id_unique IF NOT EXISTS FOR (n:Case) REQUIRE n.id IS UNIQUE
