// Purpose: range index for per-municipality statistics
CREATE INDEX case_municipality IF NOT EXISTS FOR (n:Case) ON (n.municipality)
