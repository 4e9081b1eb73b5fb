// Purpose: count a failed sign-in against its account and its client address; at a counter's limit start a lockout, twice as long as the one before when they follow each other (exponential back-off); counters unused for long are pruned
// Params: $counters: LIST OF MAP {key, limit}, $now: FLOAT, $window: FLOAT, $base: FLOAT, $max: FLOAT, $keep: FLOAT
// Returns: key STRING, locked_until FLOAT, lockouts INTEGER, locked BOOLEAN
CALL () {
  MATCH (old:LoginThrottle) WHERE old.last < $now - $keep
  WITH old LIMIT 100
  DELETE old
}
UNWIND $counters AS c
MERGE (t:LoginThrottle {key: c.key})
  ON CREATE SET t.failures = 0, t.lockouts = 0, t.since = $now, t.last = $now
// the write lock first, so that concurrent failures count one after the other
SET t.busy = true
WITH c, t,
     // quiet for a window since the last failure or lockout: the back-off starts again
     $now - CASE WHEN coalesce(t.locked_until, 0.0) > t.last THEN t.locked_until ELSE t.last END
       > $window AS quiet,
     $now - t.since > $window AS stale
WITH c, t, CASE WHEN quiet THEN 0 ELSE t.lockouts END AS lockouts,
     CASE WHEN stale THEN 1 ELSE t.failures + 1 END AS failures,
     CASE WHEN stale THEN $now ELSE t.since END AS since
WITH c, t, lockouts, failures, since, failures >= c.limit AS reached
WITH c, t, reached, since, CASE WHEN reached THEN lockouts + 1 ELSE lockouts END AS lockouts,
     CASE WHEN reached THEN 0 ELSE failures END AS failures
SET t.failures = failures, t.lockouts = lockouts, t.last = $now,
    t.since = CASE WHEN reached THEN $now ELSE since END,
    t.locked_until = CASE WHEN reached
      THEN $now + CASE WHEN $base * 2.0 ^ (lockouts - 1) > $max THEN $max
                       ELSE $base * 2.0 ^ (lockouts - 1) END
      ELSE t.locked_until END
REMOVE t.busy
RETURN t.key AS key, t.locked_until AS locked_until, t.lockouts AS lockouts, reached AS locked
