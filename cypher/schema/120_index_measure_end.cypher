// Purpose: range index for measures ending within N days
CREATE INDEX measure_end IF NOT EXISTS FOR (n:Measure) ON (n.end_date)
