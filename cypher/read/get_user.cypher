// Purpose: one user account by username, with the organisation its professional works for today
// Params: $username: STRING, $today: DATE
// Returns: user MAP, organisation_id STRING
MATCH (u:User {username: $username})
OPTIONAL MATCH (p:Professional {id: u.professional_id})-[e:EMPLOYED_BY]->(o:Organisation)
WHERE (e.start_date IS NULL OR e.start_date <= $today) AND (e.end_date IS NULL OR e.end_date >= $today)
RETURN u {.*} AS user, min(o.id) AS organisation_id
