// Purpose: range index for dates: melding to assessment
CREATE INDEX safety_assessment_date IF NOT EXISTS FOR (n:SafetyAssessment) ON (n.date)
