// Purpose: cases open on a date without a regisseur on that date (a gap in responsibility),
//   with who else was assigned then
// Audience: analyst, admin
// Params: one `Param:` line each
// Param: date DATE default=today — the day to look at
// Param: role STRING default=regisseur choices=regisseur|duo_partner|wijkteammedewerker|veilig_thuis_medewerker|raadsonderzoeker|jeugdbeschermer|voogd|jeugdreclasseerder|jeugdhulpverlener|gedragswetenschapper|other — the role that should be held
// Param: municipality STRING optional — only cases of this gemeente
// Returns: one row per case open on the date (opened on or before it, not closed before it)
//   without an assignment in the role covering the date, by case id
// Column: case_id STRING person_id — pseudonymised for analysts like a person
// Column: municipality STRING other
// Column: framework STRING other
// Column: opened DATE other
// Column: closed DATE other
// Column: last_held_until DATE other — end of the latest earlier assignment in the role
// Column: active_assignments INTEGER other — assignments in other roles on the date
// Column: active_roles LIST<STRING> other — their roles, sorted (CSV: joined with ';')
// Example: {"date": "2025-06-30", "municipality": "Rotterdam"}
MATCH (c:Case)
WHERE c.opened <= $date AND (c.closed IS NULL OR c.closed >= $date)
  AND ($municipality IS NULL OR c.municipality = $municipality)
  AND NOT EXISTS {
    MATCH (c)<-[:ON_CASE]-(a:Assignment)
    WHERE a.role = $role AND a.start_date <= $date AND (a.end_date IS NULL OR a.end_date >= $date)
  }
CALL (c) {
  OPTIONAL MATCH (c)<-[:ON_CASE]-(a:Assignment)
    WHERE a.role = $role AND a.end_date < $date
  RETURN max(a.end_date) AS last_held_until
}
CALL (c) {
  OPTIONAL MATCH (c)<-[:ON_CASE]-(a:Assignment)
    WHERE a.start_date <= $date AND (a.end_date IS NULL OR a.end_date >= $date)
  WITH a ORDER BY a.role
  RETURN count(a) AS active_assignments, collect(DISTINCT a.role) AS active_roles
}
RETURN c.id AS case_id, c.municipality AS municipality, c.framework AS framework,
       c.opened AS opened, c.closed AS closed, last_held_until, active_assignments, active_roles
ORDER BY case_id
