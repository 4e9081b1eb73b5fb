"""Partners on one row: the left-to-right order of persons and their union nodes.

Persons joined by unions form a *row group* (a connected component of persons and unions).
Each group becomes one sequence such as ``P1 U1 X U2 P2``: a union sits between its partners,
and the several partners of one person are in time order with that person between them (all
earlier partners on the left, oldest outermost, the latest partner on the right; this is the
case users of other tools complain about most). The renderer pins the sequence with flat edges
on one rank, so Graphviz keeps it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from genogram_service.genogram.rendering.model import PersonItem, UnionItem

_NEVER = dt.date.min


@dataclass(frozen=True)
class Slot:
    """One element of a row: a person (``kind='person'``) or a union."""

    kind: str
    id: str


@dataclass
class RowGroups:
    persons: dict[str, PersonItem]
    unions: dict[str, UnionItem]
    unions_of: dict[str, list[UnionItem]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for u in sorted(self.unions.values(), key=_union_key):
            for pid in u.partner_ids:
                if pid in self.persons:
                    self.unions_of.setdefault(pid, []).append(u)

    def sequences(self) -> list[list[Slot]]:
        """One sequence per row group with at least one union; persons without a union are
        not in any sequence."""
        seen: set[str] = set()
        out: list[list[Slot]] = []
        for pid in sorted(self.unions_of, key=self._person_key):
            if pid in seen:
                continue
            group = self._component(pid)
            seen |= group
            out.append(self._linearise(group))
        return out

    # ------------------------------------------------------------------ helpers

    def _person_key(self, pid: str) -> tuple[dt.date, str]:
        return self.persons[pid].birth_date or _NEVER, pid

    def _partners(self, u: UnionItem, but: str) -> list[str]:
        return [p for p in u.partner_ids if p != but and p in self.persons]

    def _component(self, start: str) -> set[str]:
        group = {start}
        todo = [start]
        while todo:
            pid = todo.pop()
            for u in self.unions_of.get(pid, ()):
                for other in self._partners(u, pid):
                    if other not in group:
                        group.add(other)
                        todo.append(other)
        return group

    def _linearise(self, group: set[str]) -> list[Slot]:
        root = min(group, key=lambda p: (-len(self.unions_of[p]), *self._person_key(p)))
        unions = self.unions_of[root]
        if len(group) == 2 and len(unions) == 1 and len(unions[0].partner_ids) == 2:
            return self._couple(unions[0])
        placed = {root}
        paired = [u for u in unions if self._partners(u, root)]
        single = [u for u in unions if not self._partners(u, root)]
        left = paired[:-1]
        right = paired[-1:]
        seq: list[Slot] = []
        for u in left:
            seq += self._expand_left(u, root, placed)
        seq.append(Slot("person", root))
        seq += [Slot("union", u.id) for u in single]
        for u in right:
            seq += self._expand_right(u, root, placed)
        return seq

    def _couple(self, u: UnionItem) -> list[Slot]:
        """Two partners: the man on the left, the woman on the right (else the elder left)."""
        a, b = (self.persons[p] for p in u.partner_ids)
        order = {"male": 0, "female": 2}

        def key(p: PersonItem) -> tuple[int, dt.date, str]:
            return order.get(p.sex, 1), p.birth_date or _NEVER, p.id

        first, second = sorted((a, b), key=key)
        return [Slot("person", first.id), Slot("union", u.id), Slot("person", second.id)]

    def _expand_left(self, u: UnionItem, came_from: str, placed: set[str]) -> list[Slot]:
        out: list[Slot] = []
        for pid in self._partners(u, came_from):
            if pid in placed:
                continue
            placed.add(pid)
            for other in reversed(self._others(pid, u)):
                out = self._expand_left(other, pid, placed) + out
            out.append(Slot("person", pid))
        return out + [Slot("union", u.id)]

    def _expand_right(self, u: UnionItem, came_from: str, placed: set[str]) -> list[Slot]:
        out = [Slot("union", u.id)]
        for pid in self._partners(u, came_from):
            if pid in placed:
                continue
            placed.add(pid)
            out.append(Slot("person", pid))
            for other in self._others(pid, u):
                out += self._expand_right(other, pid, placed)
        return out

    def _others(self, pid: str, but: UnionItem) -> list[UnionItem]:
        return [u for u in self.unions_of.get(pid, ()) if u.id != but.id]


def _union_key(u: UnionItem) -> tuple[dt.date, str]:
    return u.start_date or _NEVER, u.id


def dedupe(slots: Iterable[Slot]) -> list[Slot]:
    """A union can be reached twice in a cycle of partnerships: keep its first place."""
    seen: set[Slot] = set()
    out = []
    for s in slots:
        if s not in seen:
            seen.add(s)
            out.append(s)
    return out
