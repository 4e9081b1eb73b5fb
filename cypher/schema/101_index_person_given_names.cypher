// Purpose: range index for names: person search
CREATE INDEX person_given_names IF NOT EXISTS FOR (n:Person) ON (n.given_names)
