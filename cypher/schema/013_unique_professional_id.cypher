// Purpose: Professional.id is unique (and indexed): every MERGE goes by id
CREATE CONSTRAINT professional_id_unique IF NOT EXISTS FOR (n:Professional) REQUIRE n.id IS UNIQUE
