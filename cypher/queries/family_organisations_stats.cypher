// Purpose: per family (household): the number of distinct organisations around it in a
//   window: size, median, 90th percentile, maximum and mean of the distribution
// Audience: analyst, admin
// Params: one `Param:` line each
// Param: start DATE default=today-4y — first day of the window (inclusive)
// Param: end DATE default=today — last day of the window (inclusive)
// Returns: one row. Median and p90 are nearest-rank percentiles (percentileDisc).
//   A family is a household with at least one member ever concerned by a case, and existing
//   at some time in the window; its organisations are the employers (on the contact date) of
//   the professionals with a contact with a member while that member lived in the household.
// Column: families INTEGER count
// Column: median INTEGER other
// Column: p90 INTEGER other
// Column: max INTEGER other
// Column: mean FLOAT other
// Column: families_without INTEGER count — families without any organisation in the window
// Example: {"start": "2022-11-01", "end": "2026-10-31"}
// @include parts/family_organisations
// @include parts/distribution
RETURN total AS families, median, p90, max, mean, zeros AS families_without
