// Part: keeps the rows in which children a and b are siblings (children of one union, or of
//   unions that share a partner: full, half, step and foster siblings) and the periods of xa
//   and xb (measures or assignments, open ones until $as_of) and of a's and b's memberships ma
//   and mb of one household overlap from $start to $end (each ignored when null); adds that
//   overlap as overlap_start and overlap_end, and keeps every other variable
WITH *,
     reduce(lo = xa.start_date, v IN [xb.start_date, ma.start_date, mb.start_date, $start] |
            CASE WHEN v IS NOT NULL AND v > lo THEN v ELSE lo END) AS overlap_start,
     reduce(hi = $as_of, v IN [xa.end_date, xb.end_date, ma.end_date, mb.end_date, $end] |
            CASE WHEN v IS NOT NULL AND v < hi THEN v ELSE hi END) AS overlap_end
WHERE overlap_start <= overlap_end
  AND (EXISTS { (a)-[:CHILD_OF]->(:Union)<-[:CHILD_OF]-(b) }
       OR EXISTS { (a)-[:CHILD_OF]->(:Union)<-[:PARTNER_IN]-(:Person)-[:PARTNER_IN]->(:Union)
                   <-[:CHILD_OF]-(b) })
