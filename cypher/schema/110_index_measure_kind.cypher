// Purpose: range index for measures by kind
CREATE INDEX measure_kind IF NOT EXISTS FOR (n:Measure) ON (n.kind)
