// Purpose: range index for dates: meldingen per period
CREATE INDEX report_date IF NOT EXISTS FOR (n:Report) ON (n.date)
