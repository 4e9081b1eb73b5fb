// Purpose: Measure.id is unique (and indexed): every MERGE goes by id
CREATE CONSTRAINT measure_id_unique IF NOT EXISTS FOR (n:Measure) REQUIRE n.id IS UNIQUE
