// Part: given the access log's head h (write-locked), moves it to $seq and $hash and appends
//   the entries $events as AccessEvent nodes; the column appended (how many)
SET h.seq = $seq, h.hash = $hash
WITH h
UNWIND $events AS event
CREATE (e:AccessEvent)
SET e = event
RETURN count(e) AS appended
