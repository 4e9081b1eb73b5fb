// Purpose: AccessEvent.event_id is unique
CREATE CONSTRAINT access_event_id_unique IF NOT EXISTS FOR (n:AccessEvent) REQUIRE n.event_id IS UNIQUE
