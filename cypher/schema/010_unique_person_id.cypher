// Purpose: Person.id is unique (and indexed): every MERGE goes by id
CREATE CONSTRAINT person_id_unique IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE
