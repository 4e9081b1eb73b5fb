// Purpose: range index for dates: case timelines
CREATE INDEX case_closed IF NOT EXISTS FOR (n:Case) ON (n.closed)
