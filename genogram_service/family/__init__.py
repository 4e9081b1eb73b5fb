"""The family: who is whose partner and child, in memory, and what is asked of it.

- :mod:`.graph`: ``FamilyGraph``, the persons, unions and child links of one family with the
  lookups every walk needs (parents' unions, children, a person's unions, partners).
- :mod:`.select`: the family as it was on a date (``as_of``) and who a genogram or a GEDCOM
  export shows around a person (``select``, ``connected``).
- :mod:`.kinship`: how one person is related to another (``kinship``, ``name_kinship``):
  networkx path searches over the graph, read from the database with the caller's guard.
- :mod:`.kinship_names`: the names of relations in English and Dutch (pure, no graph).

Import from the modules; nothing is re-exported here: the function ``select`` would hide its
module ``select``, and kinship brings networkx, which the genogram and the export do not need.
"""
