// Purpose: range index for dates: referral monitor
CREATE INDEX referral_requested IF NOT EXISTS FOR (n:Referral) ON (n.requested_date)
