// Purpose: MEMBER_OF.id is unique (and indexed): relationship records are MERGEd by id
CREATE CONSTRAINT household_membership_id_unique IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() REQUIRE r.id IS UNIQUE
