// Purpose: range index for dates: measures over time
CREATE INDEX measure_start IF NOT EXISTS FOR (n:Measure) ON (n.start_date)
