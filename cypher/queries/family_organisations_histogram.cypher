// Purpose: per family (household): the number of distinct organisations around it in a
//   window, as a histogram
// Audience: analyst, admin
// Params: one `Param:` line each
// Param: start DATE default=today-4y — first day of the window (inclusive)
// Param: end DATE default=today — last day of the window (inclusive)
// Param: bucket_width INTEGER default=1 min=1 max=1000 — width of a bucket
// Returns: one row per bucket from 0 to the largest, empty buckets included.
//   A family is a household with at least one member ever concerned by a case, and existing
//   at some time in the window; its organisations are the employers (on the contact date) of
//   the professionals with a contact with a member while that member lived in the household.
// Column: bucket_from INTEGER other — organisations from (inclusive)
// Column: bucket_to INTEGER other — organisations to (inclusive)
// Column: families INTEGER count — families with that many organisations
// Example: {"start": "2022-11-01", "end": "2026-10-31"}
// @include parts/family_organisations
// @include parts/histogram
RETURN bucket_from, bucket_to, in_bucket AS families
ORDER BY bucket_from
