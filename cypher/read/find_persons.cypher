// Purpose: search persons by (part of) a name, an exact birth date or a BSN's keyed hash,
//   paged by id
// Params: $name: STRING|null (lower-case, matched as substring of given names, prefix and
//   surname, or of one of the other names, e.g. a married name from a GEDCOM file),
//   $birth_date: DATE|null, $bsn_hash: STRING|null, $after: STRING|null (last id of previous
//   page), $limit: INTEGER
// Returns: props MAP, refs MAP (empty)
MATCH (n:Person)
WHERE ($bsn_hash IS NULL OR n.bsn_hash = $bsn_hash)
  AND ($birth_date IS NULL OR n.birth_date = $birth_date)
  AND ($name IS NULL OR toLower(coalesce(n.given_names, '') + ' ' + coalesce(n.prefix, '') + ' '
       + coalesce(n.surname, '')) CONTAINS $name
       OR any(o IN coalesce(n.other_names, []) WHERE replace(toLower(o), '/', '') CONTAINS $name))
  AND ($after IS NULL OR n.id > $after)
RETURN n {.*} AS props, {} AS refs
ORDER BY n.id
LIMIT $limit
