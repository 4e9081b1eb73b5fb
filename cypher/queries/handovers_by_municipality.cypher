// Purpose: handovers between first melding and first measure, and chain length, per
//   municipality and framework (voluntary or court-ordered): medians and maxima
// Audience: analyst, admin
// Params: one `Param:` line each
// @include parts/case_params
// Returns: one row per municipality and framework, in that order. Medians are nearest-rank
//   (percentileDisc), over the cases of the group; definitions as in case_handovers.
//   First melding: the earliest melding (report) in the case, else the day it opened. First
//   measure: the earliest start of a measure in the case. Handovers are counted from the
//   first melding up to the first measure (both inclusive; to the end when there is none).
//   The chain is the organisations of the case's assignments in order of start (then id),
//   repeats in a row merged; its length is the number of distinct organisations in it.
// Column: municipality STRING other
// Column: framework STRING other
// Column: cases INTEGER count
// Column: cases_with_handover INTEGER count
// Column: median_handovers INTEGER other
// Column: max_handovers INTEGER other
// Column: median_chain_length INTEGER other
// Column: max_chain_length INTEGER other
// Example: {"opened_from": "2020-01-01"}
// @include parts/case_handovers
WITH c.municipality AS municipality, c.framework AS framework, handovers,
     size(distinct_orgs) AS chain_length
RETURN municipality, framework, count(*) AS cases,
       sum(CASE WHEN handovers > 0 THEN 1 ELSE 0 END) AS cases_with_handover,
       percentileDisc(handovers, 0.5) AS median_handovers, max(handovers) AS max_handovers,
       percentileDisc(chain_length, 0.5) AS median_chain_length,
       max(chain_length) AS max_chain_length
ORDER BY municipality, framework
