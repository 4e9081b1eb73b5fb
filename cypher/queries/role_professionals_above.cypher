// Purpose: the persons in a family role (e.g. mothers) with more than N distinct professionals with a contact
//   in a window
// Audience: analyst, admin
// Params: one `Param:` line each
// @include parts/role_params
// Param: threshold INTEGER default=9 min=0 — list persons with more than this many
// Returns: one row per person above the threshold, most first
// Column: person_id STRING person_id
// Column: birth_date DATE birth_date
// Column: death_date DATE birth_date
// Column: professionals INTEGER other
// Column: contacts INTEGER other — their contacts in the window
// Example: {"role": "mother", "threshold": 9, "start": "2022-11-01", "end": "2026-10-31"}
// @include parts/role_persons
// @include parts/person_professionals
WITH p, n, contacts
WHERE n > $threshold
RETURN p.id AS person_id, p.birth_date AS birth_date, p.death_date AS death_date,
       n AS professionals, contacts
ORDER BY professionals DESC, person_id
