"""The left-to-right order of every row, computed here and pinned in the DOT source.

Graphviz's crossing minimisation does not know genogram rules (partners together, siblings in
birth order, households together), and Graphviz 2.43 does not reliably keep flat-edge order
when left to it. So the order is decided here and Graphviz only computes coordinates:

1. *Generations*: partners share one, a child is below its parents' union (longest path).
2. *Units* per generation: a partner row from :mod:`rows` (kept whole), or a single person.
3. An initial order by a depth-first walk from the index person (father's side first,
   children in birth order), then sweeps down and up that sort units by the mean position of
   their parents (down) or children (up), each followed by a *sibling repair* (the units that
   hold the children of one union take those places in birth order; with households on, only
   among children in the same household) and, with households, a *household grouping* that
   makes every household contiguous on each row.

If the generations cannot be made consistent (for instance someone partnered with a person of
their children's generation *and* of their own), :attr:`Ordering.consistent` is False and the
renderer leaves the order to Graphviz.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from dataclasses import dataclass, field

from genogram_service.genogram.rendering.model import ChildItem, PersonItem, UnionItem
from genogram_service.genogram.rendering.rows import RowGroups, Slot, dedupe

_LATE = dt.date.max
_SWEEPS = 4


@dataclass
class Unit:
    slots: list[Slot]
    gen: int
    pos: float = 0.0
    persons: list[str] = field(default_factory=list)
    unions: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.persons = [s.id for s in self.slots if s.kind == "person"]
        self.unions = [s.id for s in self.slots if s.kind == "union"]


@dataclass
class Ordering:
    persons: dict[str, PersonItem]
    unions: dict[str, UnionItem]
    children: list[ChildItem]
    household_of: dict[str, str]
    index_id: str
    gen: dict[str, int] = field(default_factory=dict)
    union_gen: dict[str, int] = field(default_factory=dict)
    rows: dict[int, list[Slot]] = field(default_factory=dict)
    consistent: bool = True

    def __post_init__(self) -> None:
        self.parents_of: dict[str, list[str]] = defaultdict(list)
        self.kids_of: dict[str, list[str]] = defaultdict(list)
        for link in self.children:
            if link.child_id in self.persons and link.union_id in self.unions:
                self.parents_of[link.child_id].append(link.union_id)
                self.kids_of[link.union_id].append(link.child_id)
        for uid in self.kids_of:
            self.kids_of[uid].sort(key=self._birth_key)
        self.unions_of: dict[str, list[str]] = defaultdict(list)
        for u in self.unions.values():
            for pid in u.partner_ids:
                if pid in self.persons:
                    self.unions_of[pid].append(u.id)
        self._generations()
        if self.consistent:
            self._order()

    # ------------------------------------------------------------------ generations

    def _birth_key(self, pid: str) -> tuple[dt.date, str]:
        return self.persons[pid].birth_date or _LATE, pid

    def _partners(self, uid: str) -> list[str]:
        return [p for p in self.unions[uid].partner_ids if p in self.persons]

    def _generations(self) -> None:
        gen: dict[str, int] = {}
        start = self.index_id if self.index_id in self.persons else next(iter(self.persons))
        todo = deque([start])
        gen[start] = 0
        while todo:
            pid = todo.popleft()
            g = gen[pid]
            steps = [(q, g - 1) for u in self.parents_of[pid] for q in self._partners(u)]
            steps += [(q, g) for u in self.unions_of[pid] for q in self._partners(u)]
            steps += [(c, g + 1) for u in self.unions_of[pid] for c in self.kids_of[u]]
            steps += [(c, g) for u in self.parents_of[pid] for c in self.kids_of[u]]
            for q, h in steps:
                if q not in gen:
                    gen[q] = h
                    todo.append(q)
        for pid in self.persons:  # not connected to the index person: own top row
            gen.setdefault(pid, 0)
        ugen: dict[str, int] = {}
        for _ in range(4 * len(self.persons) + 8):
            changed = False
            for uid in self.unions:
                partners = self._partners(uid)
                kids = self.kids_of[uid]
                if partners:
                    g = max(gen[p] for p in partners)
                elif kids:
                    g = min(gen[c] for c in kids) - 1
                else:
                    g = 0
                for p in partners:
                    if gen[p] != g:
                        gen[p] = g
                        changed = True
                for c in kids:
                    if gen[c] < g + 1:
                        gen[c] = g + 1
                        changed = True
                ugen[uid] = g
            if not changed:
                break
        else:
            self.consistent = False
        low = min(gen.values(), default=0)
        self.gen = {p: g - low for p, g in gen.items()}
        self.union_gen = {u: g - low for u, g in ugen.items()}

    # ------------------------------------------------------------------ order

    def _order(self) -> None:
        units = self._units()
        by_gen: dict[int, list[Unit]] = defaultdict(list)
        for unit in units:
            by_gen[unit.gen].append(unit)
        first = self._dfs_rank()
        for row in by_gen.values():
            row.sort(key=lambda u: min(first.get(s.id, 10**9) for s in u.slots))
            self._settle(row)
        gens = sorted(by_gen)
        before = _state(by_gen)
        for _ in range(_SWEEPS):
            for g in gens[1:]:
                self._sweep(by_gen, g, down=True)
            for g in reversed(gens[:-1]):
                self._sweep(by_gen, g, down=False)
            after = _state(by_gen)
            if after == before:  # a fixed point: further passes would change nothing
                break
            before = after
        for g in gens:
            self.rows[g] = [s for unit in by_gen[g] for s in unit.slots]

    def _units(self) -> list[Unit]:
        units: list[Unit] = []
        placed: set[str] = set()
        for seq in RowGroups(self.persons, self.unions).sequences():
            seq = dedupe(seq)
            placed |= {s.id for s in seq}
            first = seq[0]
            g = self.gen[first.id] if first.kind == "person" else self.union_gen[first.id]
            units.append(Unit(seq, g))
        for pid in self.persons:
            if pid not in placed:
                units.append(Unit([Slot("person", pid)], self.gen[pid]))
        for uid in self.unions:
            if uid not in placed:
                units.append(Unit([Slot("union", uid)], self.union_gen[uid]))
        return units

    def _dfs_rank(self) -> dict[str, int]:
        """First-visit order of a walk from the index person: fathers before mothers,
        then partners in time order, then children in birth order."""
        seen: dict[str, int] = {}
        stack = [self.index_id] if self.index_id in self.persons else []
        stack += sorted(self.persons, key=self._birth_key)
        sex_order = {"male": 0, "female": 2}
        while stack:
            pid = stack.pop(0) if not seen else stack.pop()
            if pid in seen:
                continue
            seen[pid] = len(seen)
            nxt: list[str] = []
            for u in self.parents_of[pid]:
                nxt += sorted(self._partners(u), key=lambda q: sex_order.get(
                    self.persons[q].sex, 1))
            for u in sorted(self.unions_of[pid], key=self._union_start):
                nxt += [q for q in self._partners(u) if q != pid]
                nxt += self.kids_of[u]
            stack += reversed([q for q in nxt if q not in seen])
        return seen

    def _union_start(self, uid: str) -> tuple[dt.date, str]:
        return self.unions[uid].start_date or dt.date.min, uid

    def _settle(self, row: list[Unit]) -> None:
        for k, unit in enumerate(row):
            unit.pos = float(k)

    def _slot_positions(self, row: list[Unit]) -> dict[str, float]:
        out: dict[str, float] = {}
        k = 0
        for unit in row:
            for s in unit.slots:
                out[s.id] = float(k)
                k += 1
        return out

    def _sweep(self, by_gen: dict[int, list[Unit]], g: int, *, down: bool) -> None:
        row = by_gen[g]
        other = self._slot_positions(by_gen.get(g - 1 if down else g + 1, []))
        current = self._slot_positions(row)

        def barycentre(unit: Unit) -> float:
            if down:
                refs = [other[u] for p in unit.persons for u in self.parents_of[p] if u in other]
            else:
                refs = [other[c] for u in unit.unions for c in self.kids_of[u] if c in other]
            if not refs:
                return sum(current[s.id] for s in unit.slots) / len(unit.slots) * (
                    len(other) / max(len(current), 1))
            return sum(refs) / len(refs)

        if down:
            for unit in row:
                self._orient_couple(unit, other)
        keys = {id(unit): barycentre(unit) for unit in row}
        row.sort(key=lambda u: keys[id(u)])
        self._repair_siblings(row, by_household=False)
        if self.household_of:
            self._group_households(row)
            self._repair_siblings(row, by_household=True)
        self._settle(row)

    def _orient_couple(self, unit: Unit, above: dict[str, float]) -> None:
        """A couple whose partners both have parents shown: each partner on the side of their
        own parents (fewer crossings), instead of the man-left default."""
        if len(unit.slots) != 3 or [s.kind for s in unit.slots] != ["person", "union", "person"]:
            return
        left, right = unit.slots[0].id, unit.slots[2].id
        a = [above[u] for u in self.parents_of[left] if u in above]
        b = [above[u] for u in self.parents_of[right] if u in above]
        if a and b and sum(a) / len(a) > sum(b) / len(b):
            unit.slots.reverse()

    def _repair_siblings(self, row: list[Unit], *, by_household: bool) -> None:
        where: dict[str, int] = {}
        for k, unit in enumerate(row):
            for pid in unit.persons:
                where[pid] = k
        for kids in self.kids_of.values():
            groups: dict[str | None, list[str]] = defaultdict(list)
            for c in kids:
                if c in where:
                    groups[self.household_of.get(c) if by_household else None].append(c)
            for members in groups.values():
                places = sorted({where[c] for c in members})
                if len(places) < 2:
                    continue
                owners = sorted(places, key=lambda k: min(
                    self._birth_key(c) for c in members if where[c] == k))
                if owners == places:
                    continue
                moved = [row[k] for k in owners]
                for k, unit in zip(places, moved, strict=True):
                    row[k] = unit
                    for pid in unit.persons:
                        where[pid] = k

    def _group_households(self, row: list[Unit]) -> None:
        homes: dict[str, list[float]] = defaultdict(list)
        for k, unit in enumerate(row):
            for key in self._homes(unit):
                homes[key].append(float(k))
        centre = {key: sum(v) / len(v) for key, v in homes.items()}
        keyed = []
        for k, unit in enumerate(row):
            mine = self._homes(unit)
            where = sum(centre[h] for h in mine) / len(mine) if mine else float(k)
            keyed.append((where, k, unit))
        keyed.sort(key=lambda t: (t[0], t[1]))
        row[:] = [unit for _, _, unit in keyed]

    def _homes(self, unit: Unit) -> list[str]:
        return sorted({self.household_of[p] for p in unit.persons if p in self.household_of})


def _state(by_gen: dict[int, list[Unit]]) -> tuple[tuple[str, ...], ...]:
    """The order of every row, slot by slot (a sweep is a function of it)."""
    return tuple(tuple(s.id for unit in by_gen[g] for s in unit.slots) for g in sorted(by_gen))
