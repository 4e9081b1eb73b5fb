"""Deterministic synthetic *lineages*: one large family over several generations, grown from
one or more founding couples whose descendants marry each other (so the whole is connected),
with divorces and new partners (half-siblings), twins, adoption, deaths, households on
``today``, emotional relations and, on request, professionals around the youngest family.
Used for the genogram tests and benchmark (families of 40, 150 and 700 persons); the public
entry point is :func:`generate_lineage`.

Ids: ``<prefix>-p0001`` persons, ``-u0001`` unions, ``-h001`` households, ``-pro01``
professionals, and so on. Everything derives from the arguments: same arguments, same family.
The prefix names the dataset: two lineages under one prefix share ids, so callers give each
their own (the golden pictures and tests do).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from genogram_service.records.bundle import Bundle
from genogram_service.records.common import (
    AssignmentRole,
    ChildKind,
    ContactKind,
    EmotionalKind,
    Framework,
    OrganisationType,
    ProfessionalRole,
    Sex,
    UnionEndReason,
    UnionKind,
)
from genogram_service.records.entities import (
    Assignment,
    Case,
    ChildLink,
    Contact,
    EmotionalRelation,
    Employment,
    Household,
    HouseholdMembership,
    Organisation,
    Person,
    Professional,
    Union,
)
from genogram_service.synthetic.common import DEFAULT_TODAY, rng_for, to_date, to_opt_date
from genogram_service.synthetic.names import name_pools

YEAR = 365
SPAN = 27 * YEAR  # years between generations


@dataclass(frozen=True)
class Lineage:
    bundle: Bundle
    index_id: str
    mother_id: str | None


@dataclass(eq=False)
class _P:
    id: str
    sex: str
    birth: int
    gen: int
    line: int
    given: str
    name: tuple[str | None, str]
    blood: bool
    death: int | None = None
    unions: list[_U] = field(default_factory=list)

    def alive(self, day: int) -> bool:
        return self.birth <= day and (self.death is None or day <= self.death)


@dataclass(eq=False)
class _U:
    id: str
    partners: list[_P]
    start: int
    kind: str
    end: int | None = None
    reason: str | None = None
    kids: list[tuple[_P, str, int | None]] = field(default_factory=list)


class _Builder:
    def __init__(self, *, persons: int, generations: int, lineages: int, seed: int,
                 today: dt.date, prefix: str, rate: float) -> None:
        self.rate = rate
        self.rng: random.Random = rng_for(seed, "lineage", prefix, persons, generations, lineages)
        self.names = name_pools(seed)
        self.target = persons
        self.generations = generations
        self.lineages = lineages
        self.today = today.toordinal()
        self.prefix = prefix
        self.persons: list[_P] = []
        self.unions: list[_U] = []

    @property
    def full(self) -> bool:
        return len(self.persons) >= self.target

    # ------------------------------------------------------------------ records

    def person(self, sex: str, birth: int, gen: int, line: int, name: tuple[str | None, str],
               blood: bool) -> _P:
        rng = self.rng
        pool = self.names.male if sex == "male" else self.names.female
        birth = min(birth, self.today - 30)
        p = _P(f"{self.prefix}-p{len(self.persons) + 1:04d}", sex, birth, gen, line,
               rng.choice(pool), name, blood)
        age = (self.today - birth) / 365.25
        chance = (0.0 if age < 62 else 0.12 if age < 75 else 0.45 if age < 85 else 0.85
                  if age < 97 else 1.0)
        if rng.random() < chance:
            p.death = rng.randint(birth + int(58 * 365.25),
                                  min(birth + int(100 * 365.25), self.today - 1))
        self.persons.append(p)
        return p

    def outsider(self, like: _P, start: int) -> _P:
        sex = "female" if like.sex == "male" else "male"
        birth = like.birth + self.rng.randint(-4 * YEAR, 4 * YEAR)
        p = self.person(sex, birth, like.gen, like.line, self.rng.choice(self.names.surnames),
                        blood=False)
        if p.death is not None and p.death <= start:
            p.death = self.rng.randint(start + YEAR, max(start + YEAR, self.today - 1)) \
                if start + YEAR < self.today else None
        return p

    def union(self, a: _P, b: _P, start: int) -> _U | None:
        if not (a.alive(start) and b.alive(start)) or start >= self.today - 100:
            return None
        kind = self.rng.choice(("married", "married", "cohabiting", "registered_partnership"))
        u = _U(f"{self.prefix}-u{len(self.unions) + 1:04d}", [a, b], start, kind)
        deaths = [p.death for p in u.partners if p.death is not None]
        if deaths:
            u.end, u.reason = min(deaths), "widowed"
        for p in u.partners:
            p.unions.append(u)
        self.unions.append(u)
        return u

    # ------------------------------------------------------------------ growth

    def build(self) -> None:
        first = self.today - (self.generations - 1) * SPAN - 14 * YEAR
        couples: list[_U] = []
        for line in range(self.lineages):
            a = self.person("male", first + self.rng.randint(-3 * YEAR, 3 * YEAR), 0, line,
                            self.rng.choice(self.names.surnames), blood=True)
            start = a.birth + 24 * YEAR
            u = self.union(a, self.outsider(a, start), start)
            if u is not None:
                couples.append(u)
        for gen in range(1, self.generations):
            if self.full or not couples:
                break
            kids = self._children(couples, gen, self.rate)
            couples = self._partners(kids)

    def _children(self, couples: list[_U], gen: int, rate: float) -> list[_P]:
        rng = self.rng
        want = max(1, round(len(couples) * rate))
        share = [want // len(couples)] * len(couples)
        for i in rng.sample(range(len(couples)), want % len(couples)):
            share[i] += 1
        born: list[_P] = []
        for u, n in zip(couples, share, strict=True):
            born += self._kids(u, n, gen)
            second = self._split(u)
            if second is not None:
                born += self._kids(second, rng.choice((0, 1, 1, 2)), gen)
        return born

    def _kids(self, u: _U, n: int, gen: int) -> list[_P]:
        rng = self.rng
        blood = next((p for p in u.partners if p.blood), u.partners[0])
        day = u.start + rng.randint(200, 3 * YEAR)
        out: list[_P] = []
        for _ in range(n):
            if self.full or day > self.today - 60 or not all(p.alive(day) for p in u.partners):
                break
            if u.end is not None and day > u.end:
                break
            for _ in range(2 if rng.random() < 0.04 else 1):  # twins share a birth date
                child = self.person(rng.choice(("male", "female")), day, gen, blood.line,
                                    blood.name, blood=True)
                adopted = rng.random() < 0.02 and day + YEAR < self.today
                kind = "adopted" if adopted else "birth"
                u.kids.append((child, kind, day + YEAR if kind == "adopted" else None))
                out.append(child)
            day += rng.randint(YEAR + 60, 4 * YEAR)
        return out

    def _split(self, u: _U) -> _U | None:
        """Some couples part; the blood partner may find a new one (half-siblings follow)."""
        rng = self.rng
        if u.end is not None or not u.kids or rng.random() > 0.22:
            return None
        end = max(k.birth for k, _, _ in u.kids) + rng.randint(YEAR, 5 * YEAR)
        if end >= self.today - 30:
            return None
        u.end = end
        u.reason = "divorced" if u.kind in ("married", "registered_partnership") else "separated"
        blood = next((p for p in u.partners if p.blood), None)
        if blood is None or rng.random() > 0.55 or self.full:
            return None
        start = end + rng.randint(200, 3 * YEAR)
        if start >= self.today - 200 or not blood.alive(start):
            return None
        return self.union(blood, self.outsider(blood, start), start)

    def _partners(self, kids: list[_P]) -> list[_U]:
        rng = self.rng
        couples: list[_U] = []
        by_line: dict[int, list[_P]] = {}
        for k in kids:
            by_line.setdefault(k.line, []).append(k)
        for line in range(self.lineages - 1):  # neighbouring lineages marry: one family
            a_pool = [p for p in by_line.get(line, []) if not p.unions]
            b_pool = [p for p in by_line.get(line + 1, []) if not p.unions]
            pairs = [(a, b) for a in a_pool for b in b_pool if a.sex != b.sex]
            if pairs:
                a, b = rng.choice(pairs)
                u = self.union(a, b, max(a.birth, b.birth) + rng.randint(20 * YEAR, 28 * YEAR))
                if u is not None:
                    couples.append(u)
        for k in kids:
            if k.unions or rng.random() > 0.8 or self.full:
                continue
            start = k.birth + rng.randint(20 * YEAR, 30 * YEAR)
            if start < self.today - 200 and k.alive(start):
                u = self.union(k, self.outsider(k, start), start)
                if u is not None:
                    couples.append(u)
        return couples


# ----------------------------------------------------------------------------- emission

_ORG_TYPES = (
    ("lokaal_team", "Buurtteam Jeugd en Gezin", "regisseur", "wijkteammedewerker"),
    ("veilig_thuis", "Veilig Thuis Regio", "veilig_thuis_medewerker", "veilig_thuis_medewerker"),
    ("gi", "Jeugdbescherming Regio", "jeugdbeschermer", "jeugdbeschermer"),
    ("jeugdhulpaanbieder", "Jeugdhulp De Brug", "jeugdhulpverlener", "jeugdhulpverlener"),
    ("ggz", "GGZ Centrum", "other", "other"),
    ("jgz", "JGZ Regio", "jeugdarts", "other"),
    ("school", "Basisschool De Linde", "leerkracht", "other"),
    ("huisarts", "Huisartsenpraktijk Plein", "huisarts", "other"),
)


class _Emitter:
    def __init__(self, b: _Builder) -> None:
        self.b = b
        self.rng = b.rng
        self.out: dict[str, list[Any]] = {}
        self.n = 0

    def add(self, plural: str, record: Any) -> None:
        self.out.setdefault(plural, []).append(record)

    def next_id(self, kind: str) -> str:
        self.n += 1
        return f"{self.b.prefix}-{kind}{self.n:04d}"

    def family(self) -> None:
        b = self.b
        for p in b.persons:
            self.add("persons", Person.model_construct(
                id=p.id, given_names=p.given, prefix=p.name[0], surname=p.name[1], sex=Sex(p.sex),
                birth_date=to_date(p.birth), death_date=to_opt_date(p.death), bsn=None))
        for u in b.unions:
            self.add("unions", Union.model_construct(
                id=u.id, kind=UnionKind(u.kind), partner_ids=sorted(p.id for p in u.partners),
                start_date=to_date(u.start), end_date=to_opt_date(u.end),
                end_reason=UnionEndReason(u.reason) if u.reason else None))
            for child, kind, start in u.kids:
                self.add("child_links", ChildLink.model_construct(
                    id=self.next_id("cl"), child_id=child.id, union_id=u.id, kind=ChildKind(kind),
                    start_date=to_opt_date(start), end_date=None))
        self._households()
        self._emotions()

    def _households(self) -> None:
        b = self.b
        today = b.today
        housed: set[str] = set()
        for u in sorted(b.unions, key=lambda u: -u.start):
            together = u.end is None and all(p.alive(today) for p in u.partners)
            keeper = next((p for p in u.partners if p.blood and p.alive(today)), None)
            adults = list(u.partners) if together else ([keeper] if keeper else [])
            adults = [p for p in adults if p.id not in housed]
            kids = [k for k, _, _ in u.kids if k.alive(today) and k.id not in housed
                    and today - k.birth < 19 * YEAR and not k.unions]
            if not adults or (not together and not kids):
                continue
            start = u.start if together else (u.end or u.start)
            hid = self.next_id("h")
            surname = adults[0].name[1]
            self.add("households", Household.model_construct(
                id=hid, name=f"Huishouden {surname}", municipality="Utrecht",
                start_date=to_date(start), end_date=None))
            for p in adults + kids:
                housed.add(p.id)
                self.add("household_memberships", HouseholdMembership.model_construct(
                    id=self.next_id("hm"), person_id=p.id, household_id=hid,
                    start_date=to_date(max(start, p.birth)), end_date=None))

    def _emotions(self) -> None:
        rng = self.rng
        for u in self.b.unions:
            a, b = u.partners
            r = rng.random()
            if u.reason in ("divorced", "separated") and r < 0.25:
                kind, start = "conflict", u.end
            elif u.end is None and r < 0.06:
                kind, start = "close", u.start
            elif u.kids and r > 0.96:
                a, b = rng.choice(u.partners), rng.choice(u.kids)[0]
                kind, start = rng.choice(("close", "distant", "cut_off")), None
            else:
                continue
            if start is not None and start < max(a.birth, b.birth):
                start = max(a.birth, b.birth)
            self.add("emotional_relations", EmotionalRelation.model_construct(
                id=self.next_id("er"), from_id=a.id, to_id=b.id, kind=EmotionalKind(kind),
                directed=False,
                note=None, start_date=to_opt_date(start), end_date=None))

    def index(self) -> tuple[_P, _P | None, _U | None]:
        """A child of the youngest family with a living mother (the case's index person)."""
        b = self.b
        today = b.today
        candidates = [u for u in b.unions if u.kids and any(
            p.sex == "female" and p.alive(today) for p in u.partners)]
        if not candidates:
            youngest = max(b.persons, key=lambda p: (p.gen, p.birth))
            return youngest, None, None
        u = max(candidates, key=lambda u: (max(k.gen for k, _, _ in u.kids), len(u.kids),
                                           u.start))
        mother = next(p for p in u.partners if p.sex == "female")
        child = max((k for k, _, _ in u.kids if k.alive(today)), key=lambda k: k.birth,
                    default=u.kids[0][0])
        return child, mother, u

    def world(self, n: int, child: _P, mother: _P | None, u: _U | None) -> None:
        """``n`` professionals from up to eight organisations; the mother sees nine of them
        from five organisations, the others see the children."""
        rng = self.rng
        today = self.b.today
        since = today - 4 * YEAR
        family = [mother] if mother else []
        family += [k for k, _, _ in (u.kids if u else []) if k.alive(today)] or [child]
        kids = [p for p in family if p is not mother]
        orgs = []
        for k, (otype, name, _, _) in enumerate(_ORG_TYPES):
            oid = f"{self.b.prefix}-org{k + 1}"
            orgs.append(oid)
            self.add("organisations", Organisation.model_construct(
                id=oid, type=OrganisationType(otype), name=name, region="Utrecht",
                municipality="Utrecht"))
        case = f"{self.b.prefix}-case1"
        opened = since + 30
        self.add("cases", Case.model_construct(
            id=case, opened=to_date(opened), closed=None, framework=Framework.voluntary,
            municipality="Utrecht", person_ids=[p.id for p in family]))
        for k in range(n):
            org = k % 5 if k < 9 else 5 + (k - 9) % 3
            otype, oname, role, arole = _ORG_TYPES[org]
            role = arole if k < 5 and otype == "lokaal_team" and k == 0 else role
            pid = f"{self.b.prefix}-pro{k + 1:02d}"
            given = rng.choice(self.b.names.female if rng.random() < 0.7 else self.b.names.male)
            surname = rng.choice(self.b.names.surnames)
            self.add("professionals", Professional.model_construct(
                id=pid, name=f"{given} {' '.join(x for x in surname if x)}",
                role=ProfessionalRole("regisseur" if k == 0 else role), registry=None,
                registration_number=None))
            self.add("employments", Employment.model_construct(
                id=f"{pid}-e1", professional_id=pid, organisation_id=orgs[org],
                start_date=to_date(since - 3 * YEAR), end_date=None))
            start = opened + rng.randint(0, 2 * YEAR)
            self.add("assignments", Assignment.model_construct(
                id=f"{pid}-a1", professional_id=pid, case_id=case, organisation_id=orgs[org],
                role=AssignmentRole("regisseur" if k == 0 else arole),
                start_date=to_date(start), end_date=None))
            seen = ([mother] if mother and k < 9 else []) + (
                [rng.choice(kids)] if kids and (k >= 9 or rng.random() < 0.4) else [])
            seen = [p for p in seen if p is not None] or [family[0]]
            for _ in range(rng.randint(2, 14)):
                day = rng.randint(start, today - 1)
                persons = [p.id for p in seen if p.alive(day)]
                if persons:
                    self.add("contacts", Contact.model_construct(
                        id=self.next_id("ct"), date=to_date(day), kind=ContactKind.home_visit,
                        professional_ids=[pid], person_ids=sorted(persons), case_id=case))


def generate_lineage(
    *, persons: int, generations: int, lineages: int = 1, professionals: int = 0, seed: int = 1,
    today: dt.date = DEFAULT_TODAY, prefix: str = "lin",
) -> Lineage:
    """One large connected family of about ``persons`` persons over ``generations``
    generations, grown from ``lineages`` founding couples whose descendants intermarry, with
    ``professionals`` professionals around the youngest family. Deterministic, like
    :func:`~genogram_service.synthetic.seed.generate`."""
    if persons < 2 or generations < 1 or lineages < 1:
        raise ValueError("at least two persons, one generation and one lineage")
    def grow(rate: float) -> _Builder:
        b = _Builder(persons=persons, generations=generations, lineages=lineages, seed=seed,
                     today=today, prefix=prefix, rate=rate)
        b.build()
        return b

    low, high = 1.0, 8.0  # children per couple: the smallest rate that reaches ``persons``
    for _ in range(14):
        mid = (low + high) / 2
        if grow(mid).full:
            high = mid
        else:
            low = mid
    b = grow(high)
    e = _Emitter(b)
    e.family()
    child, mother, union = e.index()
    if professionals:
        e.world(professionals, child, mother, union)
    bundle = Bundle.of(e.out)
    return Lineage(bundle, child.id, mother.id if mother else None)
