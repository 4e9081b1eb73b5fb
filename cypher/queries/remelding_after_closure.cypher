// Purpose: families with a new melding within N months of closing a case
// Audience: analyst, admin
// Params: one `Param:` line each
// Param: months INTEGER default=12 min=1 max=120 — the window after closure
// Param: closed_from DATE optional — only cases closed on or after this day
// Param: closed_to DATE optional — only cases closed on or before this day
// Param: municipality STRING optional — only cases of this gemeente
// Returns: one row per closed case followed by a new melding (a report about at least one of
//   the persons the case concerned, dated after the closure and at most N months later),
//   with the first such melding; by case id
// Column: case_id STRING person_id — pseudonymised for analysts like a person
// Column: municipality STRING other
// Column: framework STRING other
// Column: closed DATE other
// Column: melding_id STRING other — the first new melding (earliest, then id)
// Column: melding_date DATE other
// Column: days_after INTEGER other
// Column: new_case_id STRING person_id — the case of that melding, if any
// Column: meldingen INTEGER other — new meldingen in the window
// Column: persons_in_common INTEGER other — persons of the case the first new melding concerns
// Example: {"months": 12}
MATCH (c:Case)
WHERE c.closed IS NOT NULL
  AND ($closed_from IS NULL OR c.closed >= $closed_from)
  AND ($closed_to IS NULL OR c.closed <= $closed_to)
  AND ($municipality IS NULL OR c.municipality = $municipality)
CALL (c) {
  MATCH (c)-[:CONCERNS]->(p:Person)<-[:CONCERNS]-(r:Report)
  WHERE c.closed < r.date <= c.closed + duration({months: $months})
  WITH r, count(DISTINCT p) AS shared
  ORDER BY r.date, r.id
  RETURN collect({r: r, shared: shared}) AS found
}
WITH c, found
WHERE size(found) > 0
WITH c, found[0].r AS r, found[0].shared AS shared, size(found) AS meldingen
OPTIONAL MATCH (r)-[:IN_CASE]->(nc:Case)
RETURN c.id AS case_id, c.municipality AS municipality, c.framework AS framework,
       c.closed AS closed, r.id AS melding_id, r.date AS melding_date,
       duration.inDays(c.closed, r.date).days AS days_after, nc.id AS new_case_id, meldingen,
       shared AS persons_in_common
ORDER BY case_id
