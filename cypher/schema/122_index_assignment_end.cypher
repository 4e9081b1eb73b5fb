// Purpose: range index for assignments active at a date
CREATE INDEX assignment_end IF NOT EXISTS FOR (n:Assignment) ON (n.end_date)
