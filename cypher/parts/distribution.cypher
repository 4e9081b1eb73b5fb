// Part: the distribution of n over the rows so far, in one row: total (rows), median and p90
//   (nearest-rank percentiles, percentileDisc), max, mean and zeros (rows with n = 0)
WITH count(*) AS total, percentileDisc(n, 0.5) AS median, percentileDisc(n, 0.9) AS p90,
     max(n) AS max, avg(n) AS mean, sum(CASE WHEN n = 0 THEN 1 ELSE 0 END) AS zeros
