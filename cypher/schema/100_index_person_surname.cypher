// Purpose: range index for names: person search
CREATE INDEX person_surname IF NOT EXISTS FOR (n:Person) ON (n.surname)
