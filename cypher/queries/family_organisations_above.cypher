// Purpose: the families (households) with more than N distinct organisations around them in
//   a window
// Audience: analyst, admin
// Params: one `Param:` line each
// Param: start DATE default=today-4y — first day of the window (inclusive)
// Param: end DATE default=today — last day of the window (inclusive)
// Param: threshold INTEGER default=5 min=0 — list families with more than this many
// Returns: one row per family above the threshold, most first.
//   A family is a household with at least one member ever concerned by a case, and existing
//   at some time in the window; its organisations are the employers (on the contact date) of
//   the professionals with a contact with a member while that member lived in the household.
// Column: household_id STRING person_id — pseudonymised for analysts like a person
// Column: municipality STRING other
// Column: organisations INTEGER other
// Column: contacts INTEGER other — contacts with members in the window
// Example: {"threshold": 5, "start": "2022-11-01", "end": "2026-10-31"}
// @include parts/family_organisations
WITH h, n, contacts
WHERE n > $threshold
RETURN h.id AS household_id, h.municipality AS municipality, n AS organisations, contacts
ORDER BY organisations DESC, household_id
