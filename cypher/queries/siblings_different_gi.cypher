// Purpose: siblings living in one household at the same time under measures executed by
//   different GIs (gecertificeerde instellingen)
// Audience: analyst, admin
// Params: one `Param:` line each
// Param: as_of DATE default=today — open memberships and measures run until this day
// Param: start DATE optional — only overlaps on or after this day
// Param: end DATE optional — only overlaps on or before this day
// Returns: one row per pair of measures and overlap (child_a's id sorts before child_b's), by
//   household,
//   children and measures. Siblings: two children of one union, or of unions that share a
//   partner (full, half, step and foster siblings). The overlap is the period in which both
//   lived in the household and both measures ran.
// Column: household_id STRING person_id — pseudonymised for analysts like a person
// Column: child_a STRING person_id
// Column: child_b STRING person_id
// Column: measure_a STRING other
// Column: measure_b STRING other
// Column: gi_a STRING other
// Column: gi_b STRING other
// Column: overlap_start DATE other
// Column: overlap_end DATE other
// Example: {"start": "2024-01-01"}
MATCH (ga:Organisation)<-[:EXECUTED_BY]-(xa:Measure)-[:CONCERNS]->(a:Person)
      -[ma:MEMBER_OF]->(h:Household)<-[mb:MEMBER_OF]-(b:Person)
      <-[:CONCERNS]-(xb:Measure)-[:EXECUTED_BY]->(gb:Organisation)
WHERE a.id < b.id AND ga <> gb
// @include parts/sibling_overlap
RETURN DISTINCT h.id AS household_id, a.id AS child_a, b.id AS child_b, xa.id AS measure_a,
       xb.id AS measure_b, ga.id AS gi_a, gb.id AS gi_b, overlap_start, overlap_end
ORDER BY household_id, child_a, child_b, measure_a, measure_b, overlap_start, overlap_end
