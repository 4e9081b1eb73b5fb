// Purpose: periods in which an open case had nobody assigned (or nobody in a given role):
//   gaps in responsibility
// Audience: analyst, auditor, admin
// Params: one `Param:` line each
// Param: role STRING optional choices=regisseur|duo_partner|wijkteammedewerker|veilig_thuis_medewerker|raadsonderzoeker|jeugdbeschermer|voogd|jeugdreclasseerder|jeugdhulpverlener|gedragswetenschapper|other — only assignments in this role count (default: any)
// Param: min_days INTEGER default=1 min=1 — leave out shorter gaps
// Param: as_of DATE default=today — open cases and open assignments run until this day
// Param: case_id STRING optional — one case only
// Param: municipality STRING optional — only cases of this gemeente
// Returns: one row per gap, by case id and gap start. A case runs from its opening to its
//   closure (or as_of); an assignment covers its start to its end (or as_of), both inclusive.
// Column: case_id STRING person_id — pseudonymised for analysts like a person
// Column: municipality STRING other
// Column: framework STRING other
// Column: gap_start DATE other
// Column: gap_end DATE other
// Column: days INTEGER other — days in the gap (inclusive)
// Example: {"role": "regisseur", "min_days": 14, "municipality": "Rotterdam"}
MATCH (c:Case)
WHERE ($case_id IS NULL OR c.id = $case_id)
  AND ($municipality IS NULL OR c.municipality = $municipality)
  AND c.opened <= $as_of
CALL (c) {
  MATCH (c)<-[:ON_CASE]-(a:Assignment)
  WHERE ($role IS NULL OR a.role = $role) AND a.start_date <= $as_of
  WITH a ORDER BY a.start_date, a.id
  RETURN collect([a.start_date, coalesce(a.end_date, $as_of)]) AS spans
}
WITH c, spans, c.opened AS lo,
     CASE WHEN c.closed IS NULL OR c.closed > $as_of THEN $as_of ELSE c.closed END AS hi
// sweep the spans in order of start: `next` is the first day not yet covered
WITH c, hi, reduce(st = {next: lo, gaps: []}, s IN spans |
       CASE
         WHEN s[0] > st.next AND st.next <= hi
           THEN {next: CASE WHEN s[1] >= s[0] THEN s[1] + duration({days: 1}) ELSE st.next END,
                 gaps: st.gaps + [[st.next, CASE WHEN s[0] - duration({days: 1}) < hi
                                                 THEN s[0] - duration({days: 1}) ELSE hi END]]}
         WHEN s[1] >= st.next
           THEN {next: s[1] + duration({days: 1}), gaps: st.gaps}
         ELSE st
       END) AS st
WITH c, st.gaps + CASE WHEN st.next <= hi THEN [[st.next, hi]] ELSE [] END AS gaps
UNWIND gaps AS gap
WITH c, gap[0] AS gap_start, gap[1] AS gap_end
WITH c, gap_start, gap_end, duration.inDays(gap_start, gap_end).days + 1 AS days
WHERE days >= $min_days
RETURN c.id AS case_id, c.municipality AS municipality, c.framework AS framework, gap_start,
       gap_end, days
ORDER BY case_id, gap_start
