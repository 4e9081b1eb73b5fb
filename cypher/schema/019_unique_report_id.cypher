// Purpose: Report.id is unique (and indexed): every MERGE goes by id
CREATE CONSTRAINT report_id_unique IF NOT EXISTS FOR (n:Report) REQUIRE n.id IS UNIQUE
