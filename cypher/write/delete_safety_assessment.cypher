// Purpose: delete one SafetyAssessment unless other records still refer to it
// Generated from the record kinds in genogram_service/records/spec.py by
//   `genogram schemas cypher`: change the spec, not this file
// Params: $id: STRING
//   relationships written from this node's own reference fields go with it; any other
//   relationship is a record that still refers to it and blocks the delete
// Returns: found BOOLEAN, deleted BOOLEAN, dependents LIST<MAP{type, count}>
OPTIONAL MATCH (n:SafetyAssessment {id: $id})
CALL (n) {
  OPTIONAL MATCH (n)-[r]-()
  WHERE NOT (type(r) IN ['FOR_CASE', 'AUTHORED_BY'] AND startNode(r) = n)
  WITH type(r) AS type, count(r) AS count WHERE count > 0
  RETURN collect({type: type, count: count}) AS dependents
}
CALL (n, dependents) {
  WITH n WHERE n IS NOT NULL AND size(dependents) = 0
  DETACH DELETE n
}
RETURN n IS NOT NULL AS found, size(dependents) = 0 AND n IS NOT NULL AS deleted, dependents
