// Purpose: SafetyAssessment.id is unique (and indexed): every MERGE goes by id
CREATE CONSTRAINT safety_assessment_id_unique IF NOT EXISTS FOR (n:SafetyAssessment) REQUIRE n.id IS UNIQUE
