// Purpose: range index for regisseur history
CREATE INDEX assignment_role IF NOT EXISTS FOR (n:Assignment) ON (n.role)
