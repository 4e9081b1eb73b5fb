// Purpose: EMOTIONAL.id is unique (and indexed): relationship records are MERGEd by id
CREATE CONSTRAINT emotional_relation_id_unique IF NOT EXISTS FOR ()-[r:EMOTIONAL]-() REQUIRE r.id IS UNIQUE
