// Purpose: Union.id is unique (and indexed): every MERGE goes by id
CREATE CONSTRAINT union_id_unique IF NOT EXISTS FOR (n:Union) REQUIRE n.id IS UNIQUE
