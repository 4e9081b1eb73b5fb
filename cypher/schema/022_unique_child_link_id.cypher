// Purpose: CHILD_OF.id is unique (and indexed): relationship records are MERGEd by id
CREATE CONSTRAINT child_link_id_unique IF NOT EXISTS FOR ()-[r:CHILD_OF]-() REQUIRE r.id IS UNIQUE
