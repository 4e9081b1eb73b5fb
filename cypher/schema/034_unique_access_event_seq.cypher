// Purpose: AccessEvent.seq is unique
CREATE CONSTRAINT access_event_seq_unique IF NOT EXISTS FOR (n:AccessEvent) REQUIRE n.seq IS UNIQUE
