// Purpose: per person in a family role (e.g. every mother): the number of distinct organisations (employers of the professionals on the contact date) with a contact
//   in a window, as a histogram
// Audience: analyst, admin
// Params: one `Param:` line each
// @include parts/role_params
// Param: bucket_width INTEGER default=1 min=1 max=1000 — width of a bucket
// Returns: one row per bucket from 0 to the largest, empty buckets included.
//   Everyone in the role counts, with zero when nobody saw them; persons who died before the
//   window or were born after it are left out.
// Column: bucket_from INTEGER other — organisations from (inclusive)
// Column: bucket_to INTEGER other — organisations to (inclusive)
// Column: persons INTEGER count — persons in the role with that many organisations
// Example: {"role": "mother", "start": "2022-11-01", "end": "2026-10-31"}
// @include parts/role_persons
// @include parts/person_organisations
// @include parts/histogram
RETURN bucket_from, bucket_to, in_bucket AS persons
ORDER BY bucket_from
