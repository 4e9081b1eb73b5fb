// Purpose: HANDED_OVER_TO.id is unique (and indexed): relationship records are MERGEd by id
CREATE CONSTRAINT handover_id_unique IF NOT EXISTS FOR ()-[r:HANDED_OVER_TO]-() REQUIRE r.id IS UNIQUE
