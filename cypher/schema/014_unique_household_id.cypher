// Purpose: Household.id is unique (and indexed): every MERGE goes by id
CREATE CONSTRAINT household_id_unique IF NOT EXISTS FOR (n:Household) REQUIRE n.id IS UNIQUE
