"""One family's records in the making, and the steps that add them.

``P``, ``U``, ``M`` and ``H`` are drafts of a person, union, household membership and household:
mutable (a divorce ends a union after it was made, a placement ends a stay at home), with days
as ordinals. :class:`FamilyRecords` holds one family's drafts and writes them as records at the
end; :class:`~genogram_service.synthetic.genealogy.Genealogy` and
:class:`~genogram_service.synthetic.cases.Cases` build on it, and
:class:`~genogram_service.synthetic.seed.Family` joins the two.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from genogram_service.records.common import (
    ChildKind,
    EmotionalKind,
    Sex,
    UnionEndReason,
    UnionKind,
)
from genogram_service.records.entities import (
    ChildLink,
    EmotionalRelation,
    Household,
    HouseholdMembership,
    Person,
    Union,
)
from genogram_service.synthetic.common import YEAR, Choice, rng_for, to_date, to_opt_date, years
from genogram_service.synthetic.names import OLD_FEMALE, OLD_MALE, bsn_for, display_surname
from genogram_service.synthetic.sink import Sink
from genogram_service.synthetic.world import World


@dataclass(slots=True, eq=False)
class P:
    """A person: born, maybe dead (days), named, maybe with a BSN."""

    id: str
    sex: Sex
    birth: int
    given: str
    prefix: str | None
    surname: str
    bsn: str | None
    death: int | None = None

    def alive(self, day: int) -> bool:
        return self.birth <= day and (self.death is None or day <= self.death)

    def age(self, day: int) -> float:
        return (day - self.birth) / YEAR


@dataclass(slots=True, eq=False)
class U:
    """A union of one or two partners, ended later by divorce, separation or a death."""

    id: str
    kind: UnionKind
    partners: list[P]
    start: int
    end: int | None = None
    reason: UnionEndReason | None = None


@dataclass(slots=True, eq=False)
class M:
    """A person's stay in a household (``household`` is its id)."""

    person: P
    household: str
    start: int
    end: int | None


@dataclass(slots=True, eq=False)
class H:
    """A household; its period is that of its stays, worked out when it is written."""

    id: str
    name: str
    municipality: str


_SEX = Choice([(Sex.female, 495), (Sex.male, 495), (Sex.unknown, 6), (Sex.other, 4)])


class FamilyRecords:
    """The drafts of one family and the primitives that add to them (one random stream)."""

    # Set by Genealogy._core before anything else reads them.
    mother: P
    main_union: U
    main: H

    def __init__(self, world: World, sink: Sink, k: int) -> None:
        self.w = world
        self.sink = sink
        self.k = k
        self.fid = f"{world.tag}-{k:06d}"  # every id carries the seed: p-s9-000039-00
        self.rng = rng_for(world.seed, "family", k)
        self.today = world.today
        self.last = world.today - 1  # the last day anything can have happened
        self.ri = world.pick_region(self.rng)
        self.region = world.regions[self.ri]
        self.municipality = self.rng.choice(self.region.spec.municipalities)
        self.team_org = self.region.team_by_municipality[self.municipality]

        self.persons: list[P] = []
        self.unions: list[U] = []
        self.households: list[H] = []
        self.members: list[M] = []
        self.home: dict[str, list[M]] = {}  # person id -> memberships of the main household
        self.kids: list[P] = []  # everyone who ever lived as a child in the main household
        self.partners: list[tuple[P, int, int | None]] = []  # mother's partners living with her
        self.birth_kids: list[P] = []  # the mother's own (birth/adopted) children
        self.ex: P | None = None
        self.complex = False  # a multi-problem family (veelprobleemgezin): the long tail
        self.father: P | None = None
        self.grandparents: tuple[P, P] | None = None
        self.paternal: tuple[P, P] | None = None
        self.grandchild: tuple[P, P] | None = None  # (grandchild, their parent)
        self.n_link = self.n_emo = 0

    def _sex(self) -> Sex:
        return _SEX(self.rng)

    def _surname(self) -> tuple[str | None, str]:
        return self.rng.choice(self.w.names.surnames)

    def _person(self, sex: Sex, birth: int, name: tuple[str | None, str]) -> P:
        rng = self.rng
        j = len(self.persons)
        if j >= 100:  # pragma: no cover - families stay far below this
            raise RuntimeError("a family has at most 100 persons")
        names = self.w.names
        if sex == Sex.unknown or sex == Sex.other:
            female = rng.random() < 0.5
        else:
            female = sex == Sex.female
        old = birth < dt.date(1965, 1, 1).toordinal() and rng.random() < 0.7
        pool: Sequence[str]
        if old:
            pool = OLD_FEMALE if female else OLD_MALE
        else:
            pool = names.female if female else names.male
        given = rng.choice(pool)
        if rng.random() < 0.3:
            second = rng.choice(pool)
            if second != given:
                given = f"{given} {second}"
        bsn = bsn_for(self.k, j, self.w.seed) if rng.random() < 0.97 else None
        p = P(f"p-{self.fid}-{j:02d}", sex, birth, given, name[0], name[1], bsn)
        self.persons.append(p)
        return p

    def _union(self, kind: UnionKind, partners: list[P], start: int) -> U:
        u = U(f"u-{self.fid}-{len(self.unions) + 1:02d}", kind, partners, start)
        self.unions.append(u)
        return u

    def _link(self, child: P, u: U, kind: ChildKind = ChildKind.birth,
              start: int | None = None, end: int | None = None) -> None:
        self.n_link += 1
        self.sink.child_links.append(ChildLink.model_construct(
            id=f"cl-{self.fid}-{self.n_link:02d}", child_id=child.id, union_id=u.id, kind=kind,
            start_date=to_opt_date(start), end_date=to_opt_date(end),
        ))

    def _household(self, name: tuple[str | None, str], what: str = "Gezin",
                   municipality: str | None = None) -> H:
        h = H(f"h-{self.fid}-{len(self.households) + 1}", f"{what} {display_surname(*name)}",
              municipality or self.municipality)
        self.households.append(h)
        return h

    def _member(self, h: H, p: P, start: int, end: int | None) -> M:
        m = M(p, h.id, start, end)
        self.members.append(m)
        return m

    def _maybe_die(self, p: P, floor: int, young: bool = False) -> None:
        """Death for the older generations, by age; rarely (``young``) for parents."""
        rng = self.rng
        age = p.age(self.today)
        if young:
            chance = 0.015
            lo = floor
        else:
            chance = (0.0 if age < 55 else 0.05 if age < 65 else 0.15 if age < 75
                      else 0.35 if age < 85 else 0.7 if age < 98 else 1.0)
            lo = max(p.birth + years(55), floor)
        if rng.random() < chance and lo < self.last:
            p.death = rng.randint(lo, self.last)

    def _leave_home(self, p: P) -> int:
        return p.birth + years(self.rng.uniform(18, 25))

    def _home(self, c: P, start: int, end: int | None) -> None:
        self.home.setdefault(c.id, []).append(self._member(self.main, c, start, end))

    def _at_home(self, c: P, day: int) -> bool:
        for m in self.home.get(c.id, ()):
            if m.start <= day and (m.end is None or day <= m.end):
                return True
        return False

    def _emotion(self, a: P, b: P, kind: EmotionalKind, start: int | None = None,
                 end: int | None = None, note: str | None = None) -> None:
        if start is not None:
            start = max(start, a.birth, b.birth)
            if start > self.last:
                return
            if end is not None and (end < start or end > self.last):
                end = None
        self.n_emo += 1
        self.sink.emotional_relations.append(EmotionalRelation.model_construct(
            id=f"er-{self.fid}-{self.n_emo}", from_id=a.id, to_id=b.id, kind=kind,
            directed=kind in (EmotionalKind.abuse, EmotionalKind.neglect),
            start_date=to_opt_date(start), end_date=to_opt_date(end), note=note,
        ))

    def _minors(self, day: int) -> list[P]:
        return [c for c in self.kids
                if c.birth + 30 <= day < c.birth + years(18) - 30 and c.alive(day)
                and self._at_home(c, day)]

    def _emit_family(self) -> None:
        sink = self.sink
        last = self.last
        for p in self.persons:
            sink.persons.append(Person.model_construct(
                id=p.id, given_names=p.given, prefix=p.prefix, surname=p.surname, sex=p.sex,
                birth_date=to_date(p.birth), death_date=to_opt_date(p.death), bsn=p.bsn,
            ))
        for u in self.unions:
            sink.unions.append(Union.model_construct(
                id=u.id, kind=u.kind, partner_ids=sorted(p.id for p in u.partners),
                start_date=to_date(u.start), end_date=to_opt_date(u.end), end_reason=u.reason,
            ))
        spans: dict[str, tuple[int, int | None]] = {}
        n = 0
        for m in self.members:
            start = max(m.start, m.person.birth)
            end = m.end
            death = m.person.death
            if death is not None and (end is None or end > death):
                end = death
            if end is not None and end > last:
                end = None
            if start > last or (end is not None and end < start):
                continue
            n += 1
            sink.household_memberships.append(HouseholdMembership.model_construct(
                id=f"hm-{self.fid}-{n:03d}", person_id=m.person.id, household_id=m.household,
                start_date=to_date(start), end_date=to_opt_date(end),
            ))
            if m.household in spans:
                s0, e0 = spans[m.household]
                e1 = None if e0 is None or end is None else max(e0, end)
                spans[m.household] = (min(s0, start), e1)
            else:
                spans[m.household] = (start, end)
        for h in self.households:
            if h.id not in spans:  # pragma: no cover - every household has a member
                continue
            start, end = spans[h.id]
            sink.households.append(Household.model_construct(
                id=h.id, name=h.name, municipality=h.municipality, start_date=to_date(start),
                end_date=to_opt_date(end),
            ))

