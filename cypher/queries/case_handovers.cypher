// Purpose: per case: handovers between the first melding and the first measure, and the chain
//   of organisations that acted in sequence
// Audience: analyst, admin
// Params: one `Param:` line each
// @include parts/case_params
// Returns: one row per case, by case id.
//   First melding: the earliest melding (report) in the case, else the day it opened. First
//   measure: the earliest start of a measure in the case. Handovers are counted from the
//   first melding up to the first measure (both inclusive; to the end when there is none).
//   The chain is the organisations of the case's assignments in order of start (then id),
//   repeats in a row merged; its length is the number of distinct organisations in it.
// Column: case_id STRING person_id — pseudonymised for analysts like a person
// Column: municipality STRING other
// Column: framework STRING other
// Column: opened DATE other
// Column: closed DATE other
// Column: first_melding DATE other
// Column: first_measure DATE other
// Column: handovers INTEGER other
// Column: chain LIST<STRING> other — organisation ids in order (CSV: joined with ';')
// Column: chain_steps INTEGER other — length of the chain with repeats (A > B > A is 3)
// Column: chain_length INTEGER other — distinct organisations in the chain
// Example: {"municipality": "Rotterdam", "framework": "court_ordered"}
// @include parts/case_handovers
RETURN c.id AS case_id, c.municipality AS municipality, c.framework AS framework,
       c.opened AS opened, c.closed AS closed, first_melding, first_measure, handovers, chain,
       size(chain) AS chain_steps, size(distinct_orgs) AS chain_length
ORDER BY case_id
