// Purpose: range index for dates: case timelines
CREATE INDEX case_opened IF NOT EXISTS FOR (n:Case) ON (n.opened)
