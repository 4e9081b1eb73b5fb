// Purpose: range index for household membership at a date
CREATE INDEX member_of_start IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.start_date)
