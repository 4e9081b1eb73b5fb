// Purpose: range index for employer at a date
CREATE INDEX employment_period IF NOT EXISTS FOR ()-[r:EMPLOYED_BY]-() ON (r.start_date)
