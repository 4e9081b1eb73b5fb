// Purpose: for every person in a family role (e.g. every mother), the number of distinct professionals with a contact
//   in a window: size, median, 90th percentile, maximum and mean of the distribution
// Audience: analyst, admin
// Params: one `Param:` line each
// @include parts/role_params
// Returns: one row. Median and p90 are nearest-rank percentiles (percentileDisc).
//   Everyone in the role counts, with zero when nobody saw them; persons who died before the
//   window or were born after it are left out.
// Column: persons INTEGER count — persons in the role
// Column: median INTEGER other
// Column: p90 INTEGER other
// Column: max INTEGER other
// Column: mean FLOAT other
// Column: persons_without INTEGER count — persons in the role without any
// Example: {"role": "mother", "start": "2022-11-01", "end": "2026-10-31"}
// @include parts/role_persons
// @include parts/person_professionals
// @include parts/distribution
RETURN total AS persons, median, p90, max, mean, zeros AS persons_without
