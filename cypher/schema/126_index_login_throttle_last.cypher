// Purpose: find sign-in counters unused for long (pruned as failures are counted)
CREATE INDEX login_throttle_last IF NOT EXISTS FOR (n:LoginThrottle) ON (n.last)
