// Purpose: range index for referrals never started
CREATE INDEX referral_started IF NOT EXISTS FOR (n:Referral) ON (n.started_date)
