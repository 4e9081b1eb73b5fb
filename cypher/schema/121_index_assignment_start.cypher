// Purpose: range index for assignments active at a date
CREATE INDEX assignment_start IF NOT EXISTS FOR (n:Assignment) ON (n.start_date)
