// Purpose: range index for child kinds
CREATE INDEX child_of_kind IF NOT EXISTS FOR ()-[r:CHILD_OF]-() ON (r.kind)
