// Part: the rows so far, each with a count n, as a histogram in buckets $bucket_width wide: one
//   row per bucket from 0 to the largest n, empty buckets included, with bucket_from,
//   bucket_to (both inclusive) and in_bucket (rows with n in it); unordered
WITH n / $bucket_width AS b, count(*) AS in_bucket
WITH collect({b: b, in_bucket: in_bucket}) AS groups, max(b) AS top
UNWIND range(0, coalesce(top, -1)) AS b
WITH b * $bucket_width AS bucket_from, (b + 1) * $bucket_width - 1 AS bucket_to,
     coalesce([g IN groups WHERE g.b = b | g.in_bucket][0], 0) AS in_bucket
