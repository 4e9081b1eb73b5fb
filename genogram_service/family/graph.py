"""The family as a graph in memory: persons, unions (partnerships) and the child links between
them, with the lookups every walk over a family needs (a child's parents' unions, a union's
children, a person's unions). Built from the rows of the family statements
(``read/genogram_relatives``, ``read/kinship_family``, ``read/family_export``): persons and
unions as maps with an ``id``, a union's ``partner_ids``, a link's ``child_id``, ``union_id``
and ``kind``.

The genogram selection (:mod:`.select`), the kinship naming (:mod:`.kinship`) and the GEDCOM
export walk the same graph; what each keeps of the rows (the date, step-child links, partners
outside the family) is decided before the graph is built.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from typing import Any

Row = dict[str, Any]


class FamilyGraph:
    """Persons and unions by id and the child links, with the lookups built once.

    ``parents_of``, ``children_of`` and ``unions_of`` keep the order of the links and unions
    given (the selection adds persons in that order, so it decides who is met first). Read
    them with ``.get(key, [])``: indexing a missing key would add it.
    """

    def __init__(self, persons: dict[str, Row], unions: dict[str, Row], links: list[Row]
                 ) -> None:
        self.persons = persons
        self.unions = unions
        self.links = links
        #: child id -> the unions it is a child of (its parents' unions), in link order
        self.parents_of: dict[str, list[str]] = defaultdict(list)
        #: union id -> its children, in link order
        self.children_of: dict[str, list[str]] = defaultdict(list)
        #: person id -> the unions they are a partner in
        self.unions_of: dict[str, list[str]] = defaultdict(list)
        for link in links:
            self.parents_of[link["child_id"]].append(link["union_id"])
            self.children_of[link["union_id"]].append(link["child_id"])
        for u in unions.values():
            for pid in u["partner_ids"]:
                self.unions_of[pid].append(u["id"])

    @classmethod
    def from_row(cls, row: Row) -> FamilyGraph:
        """Everything in one row of a family statement (``persons``, ``unions``, ``links``),
        as it is: every link kind, every date; links to a person or union not in the row are
        left out."""
        persons = {p["id"]: p for p in row["persons"]}
        unions = {u["id"]: u for u in row["unions"]}
        links = [x for x in row["links"] if x["child_id"] in persons
                 and x["union_id"] in unions]
        return cls(persons, unions, links)

    @cached_property
    def parent_links(self) -> dict[str, list[tuple[str, str]]]:
        """child id -> (parents' union id, link kind) in link order; a link without a kind is a
        birth link. Built on first use: only the kinship search asks for the kinds."""
        out: dict[str, list[tuple[str, str]]] = {}
        for x in self.links:
            out.setdefault(x["child_id"], []).append((x["union_id"], x.get("kind") or "birth"))
        return out

    def sex(self, pid: str) -> str | None:
        person = self.persons.get(pid)
        return None if person is None else person.get("sex")

    def partners(self, union_id: str) -> list[str]:
        """The partners of a union (a new list)."""
        return list(self.unions[union_id]["partner_ids"])

    def partners_of(self, pid: str) -> list[tuple[str, Row]]:
        """``pid``'s partners, each with the union they share."""
        return [(q, self.unions[u]) for u in self.unions_of.get(pid, [])
                for q in self.unions[u]["partner_ids"] if q != pid]
