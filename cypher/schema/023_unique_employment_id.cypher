// Purpose: EMPLOYED_BY.id is unique (and indexed): relationship records are MERGEd by id
CREATE CONSTRAINT employment_id_unique IF NOT EXISTS FOR ()-[r:EMPLOYED_BY]-() REQUIRE r.id IS UNIQUE
