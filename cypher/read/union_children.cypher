// Purpose: the stored child links to the given unions (a bundle's union makes its partners
//   the parents of these children; ancestry check before an import writes)
// Params: $ids: LIST<STRING>
// Returns: union_id STRING, link_id STRING, child_id STRING
UNWIND $ids AS id
MATCH (c:Person)-[l:CHILD_OF]->(u:Union {id: id})
RETURN u.id AS union_id, l.id AS link_id, c.id AS child_id
