// Purpose: range index for the access log by time (who accessed X between A and B)
CREATE INDEX access_event_at IF NOT EXISTS FOR (n:AccessEvent) ON (n.at)
