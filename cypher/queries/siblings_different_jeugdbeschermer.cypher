// Purpose: siblings living in one household at the same time served by different
//   jeugdbeschermers (family supervisors) in separate cases
// Audience: analyst, admin
// Params: one `Param:` line each
// Param: as_of DATE default=today — open memberships and assignments run until this day
// Param: start DATE optional — only overlaps on or after this day
// Param: end DATE optional — only overlaps on or before this day
// Returns: one row per pair of assignments (child_a's id sorts before child_b's), by household,
//   children and assignments. Child a is served by jeugdbeschermer assignment A on a case
//   that concerns a but not b, child b by assignment B on a case that concerns b but not a,
//   with different professionals; the overlap is the period in which both lived in the
//   household and both assignments ran. Siblings as in siblings_different_gi.
// Column: household_id STRING person_id — pseudonymised for analysts like a person
// Column: child_a STRING person_id
// Column: child_b STRING person_id
// Column: assignment_a STRING other
// Column: assignment_b STRING other
// Column: professional_a STRING other
// Column: professional_b STRING other
// Column: organisation_a STRING other
// Column: organisation_b STRING other
// Column: overlap_start DATE other
// Column: overlap_end DATE other
// Example: {"start": "2024-01-01"}
MATCH (pa:Professional)-[:HAS_ASSIGNMENT]->(xa:Assignment {role: 'jeugdbeschermer'})
      -[:ON_CASE]->(ca:Case)-[:CONCERNS]->(a:Person)-[ma:MEMBER_OF]->(h:Household)
      <-[mb:MEMBER_OF]-(b:Person)<-[:CONCERNS]-(cb:Case)
      <-[:ON_CASE]-(xb:Assignment {role: 'jeugdbeschermer'})<-[:HAS_ASSIGNMENT]-(pb:Professional)
WHERE a.id < b.id AND pa <> pb
  AND NOT EXISTS { (ca)-[:CONCERNS]->(b) } AND NOT EXISTS { (cb)-[:CONCERNS]->(a) }
// @include parts/sibling_overlap
OPTIONAL MATCH (xa)-[:ON_BEHALF_OF]->(oa:Organisation)
OPTIONAL MATCH (xb)-[:ON_BEHALF_OF]->(ob:Organisation)
RETURN DISTINCT h.id AS household_id, a.id AS child_a, b.id AS child_b, xa.id AS assignment_a,
       xb.id AS assignment_b, pa.id AS professional_a, pb.id AS professional_b,
       oa.id AS organisation_a, ob.id AS organisation_b, overlap_start, overlap_end
ORDER BY household_id, child_a, child_b, assignment_a, assignment_b, overlap_start,
         overlap_end
