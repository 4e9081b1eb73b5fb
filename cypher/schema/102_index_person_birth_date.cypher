// Purpose: range index for dates: search by birth date
CREATE INDEX person_birth_date IF NOT EXISTS FOR (n:Person) ON (n.birth_date)
