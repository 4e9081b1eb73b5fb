// Purpose: range index for dates: involvement windows
CREATE INDEX contact_date IF NOT EXISTS FOR (n:Contact) ON (n.date)
