// Purpose: days from the first melding of a case to its first safety assessment
//   (veiligheidsbeoordeling, norm: 5 working days), per region and month
// Audience: analyst, admin
// Params: one `Param:` line each
// Param: start DATE optional — only meldingen on or after this day
// Param: end DATE optional — only meldingen on or before this day
// Returns: one row per region and month of the melding, in that order. Per case: the first
//   melding in the case (earliest date, then id), its region (that of the receiving Veilig
//   Thuis) and the first version of the veiligheidskaart dated on or after it. Working days
//   are Monday to Friday after the melding day up to the assessment day (public holidays are
//   not taken into account).
// Column: region STRING other
// Column: month STRING other — YYYY-MM of the melding
// Column: meldingen INTEGER count — cases with their first melding in the month
// Column: assessed INTEGER count — of which assessed
// Column: median_days INTEGER other — nearest-rank median of calendar days
// Column: p90_days INTEGER other
// Column: max_days INTEGER other
// Column: within_norm INTEGER count — assessed within 5 working days
// Example: {"start": "2025-01-01", "end": "2025-12-31"}
MATCH (c:Case)<-[:IN_CASE]-(r:Report)
WITH c, r ORDER BY r.date, r.id
WITH c, head(collect(r)) AS melding
WHERE ($start IS NULL OR melding.date >= $start) AND ($end IS NULL OR melding.date <= $end)
OPTIONAL MATCH (melding)-[:RECEIVED_BY]->(vt:Organisation)
CALL (c, melding) {
  OPTIONAL MATCH (c)<-[:FOR_CASE]-(sa:SafetyAssessment)
    WHERE sa.date >= melding.date
  RETURN min(sa.date) AS assessed_on
}
WITH vt.region AS region, substring(toString(melding.date), 0, 7) AS month, melding.date AS d,
     assessed_on, duration.inDays(melding.date, assessed_on).days AS days
WITH region, month, assessed_on, days,
     CASE WHEN days IS NULL THEN null
          ELSE (days / 7) * 5 + size([i IN range(1, days % 7)
                                      WHERE (d.dayOfWeek + i - 1) % 7 + 1 <= 5])
     END AS working_days
RETURN region, month, count(*) AS meldingen, count(assessed_on) AS assessed,
       percentileDisc(days, 0.5) AS median_days, percentileDisc(days, 0.9) AS p90_days,
       max(days) AS max_days,
       sum(CASE WHEN working_days <= 5 THEN 1 ELSE 0 END) AS within_norm
ORDER BY region, month
