// Purpose: Assignment.id is unique (and indexed): every MERGE goes by id
CREATE CONSTRAINT assignment_id_unique IF NOT EXISTS FOR (n:Assignment) REQUIRE n.id IS UNIQUE
