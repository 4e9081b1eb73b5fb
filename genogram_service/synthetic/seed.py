"""Deterministic synthetic data: Dutch families, the organisations around them and their cases.

``generate(families=N, seed=S)`` returns one :class:`Bundle`; ``generate_chunks`` yields the same
records in bundles of at most ``chunk_families`` families, so that 100,000 families can be
generated (and imported) without holding them all in memory.

Determinism
    Everything derives from ``seed`` through private ``random.Random`` instances: never the
    global generator, the clock or ``uuid4``. The *world* (regions, organisations,
    professionals, employments) depends on ``seed``, ``today`` and the number of professionals
    (:func:`professionals_for`); professional ``k`` depends on ``(seed, k, today)`` only, so a
    larger world extends a smaller one record for record. Family ``k`` depends on
    ``(seed, k, today)`` and the world it draws its professionals from. The world is emitted
    once, in the first bundle (``generate`` always includes it).

Ids are short, stable and readable::

    org-utrecht-gi-1    organisation (region, type, number)
    pro-00042           professional          emp-00042-2   their second employment
    p-000123-04         person 4 of family 123
    u-000123-02  h-000123-1  hm-000123-007  cl-000123-05  er-000123-1      family records
    c-000123-1  r-000123-1  a-000123-003  ho-000123-01  m-000123-02  rf-000123-01
    sa-000123-1-2 (case 1, version 2)  ct-000123-0017                       case records

Every record is built with ``model_construct`` (no validation: ~3x faster); the generator keeps
every model rule itself and ``tests/test_seed.py`` proves it by validating generated bundles.

The families: three or four generations with Faker ``nl_NL`` names, unions that end in divorce,
separation or widowhood, new partners (step- and half-siblings), adoption, foster care, twins,
households that follow all of this, and emotional relations. About two thirds of the families
have a case: a melding at Veilig Thuis, a versioned veiligheidskaart, the local team, sometimes a
Raad voor de Kinderbescherming investigation and court measures executed by a GI, referrals to
youth care, closure and sometimes a new melding. Regions work either in the relay model
(estafette, with handovers) or in the team model (a duo that stays from start to end).
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import random
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import accumulate
from typing import TYPE_CHECKING, Generic, TypeVar

from faker import Faker

from genogram_service.records.bundle import Bundle
from genogram_service.records.common import (
    AssignmentRole,
    ChildKind,
    ContactKind,
    EmotionalKind,
    Framework,
    MeasureKind,
    OrganisationType,
    ProfessionalRole,
    Register,
    ReporterType,
    ReportOutcome,
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
    Handover,
    Household,
    HouseholdMembership,
    Measure,
    Organisation,
    Person,
    Professional,
    Referral,
    Report,
    SafetyAssessment,
    Union,
)

__all__ = ["DEFAULT_TODAY", "MAX_FAMILIES", "generate", "generate_chunks", "professionals_for"]

#: The reference date of generated data: nothing happens on or after it, except planned ends.
DEFAULT_TODAY = dt.date(2026, 11, 1)
#: Family indexes have six digits and BSNs are unique below this bound.
MAX_FAMILIES = 1_000_000
_MIN_TODAY = dt.date(2018, 1, 1)
#: Nothing professional happens before the Jeugdwet (2015).
_EARLIEST = dt.date(2015, 1, 1).toordinal()
_YEAR = 365.25

_T = TypeVar("_T")

if TYPE_CHECKING:
    from genogram_service.synthetic.lineage import Lineage

OT = OrganisationType
PR = ProfessionalRole
AR = AssignmentRole
CK = ContactKind


def professionals_for(families: int) -> int:
    """How many professionals the world has for a run of ``families`` families."""
    return max(300, families // 8)


# ----------------------------------------------------------------------------- small helpers


def _years(n: float) -> int:
    return int(n * _YEAR)


def _date(day: int) -> dt.date:
    return dt.date.fromordinal(day)


def _opt_date(day: int | None) -> dt.date | None:
    return None if day is None else dt.date.fromordinal(day)


def _rng(*parts: object) -> random.Random:
    # A str seed is hashed with SHA-512 by random.Random: stable across runs and platforms.
    return random.Random(":".join(str(p) for p in parts))  # noqa: S311 - synthetic data


class _Choice(Generic[_T]):
    """A weighted choice with precomputed cumulative weights (faster than rng.choices)."""

    __slots__ = ("cum", "total", "values")

    def __init__(self, pairs: Sequence[tuple[_T, float]]) -> None:
        self.values = tuple(v for v, _ in pairs)
        self.cum = tuple(accumulate(w for _, w in pairs))
        self.total = self.cum[-1]

    def __call__(self, rng: random.Random) -> _T:
        return self.values[bisect_right(self.cum, rng.random() * self.total)]


def _bsn(k: int, j: int) -> str | None:
    """A unique, elfproef-valid BSN for person ``j`` of family ``k``, or None (1 in 11)."""
    n = ((k * 100 + j + 1) * 48271) % 100_000_000  # a bijection on 0..10^8-1: unique prefixes
    digits = f"{n:08d}"
    total = sum(w * (ord(c) - 48) for w, c in zip(range(9, 1, -1), digits, strict=True))
    check = total % 11
    return None if check == 10 else digits + str(check)


def _display(prefix: str | None, surname: str) -> str:
    """The surname as written without given names: 'Van der Berg'."""
    return surname if prefix is None else f"{prefix[0].upper()}{prefix[1:]} {surname}"


# ----------------------------------------------------------------------------------- names

_PREFIX_WORDS = frozenset({"van", "de", "der", "den", "het", "'t", "ten", "ter", "te", "in", "op"})

_OLD_MALE = (
    "Johannes", "Cornelis", "Hendrik", "Jan", "Pieter", "Gerrit", "Willem", "Jacobus", "Dirk",
    "Adrianus", "Theodorus", "Antonius", "Petrus", "Gerardus", "Hendrikus", "Wilhelmus", "Klaas",
    "Albert", "Marinus", "Arie",
)
_OLD_FEMALE = (
    "Maria", "Johanna", "Anna", "Cornelia", "Elisabeth", "Hendrika", "Wilhelmina", "Geertruida",
    "Petronella", "Catharina", "Adriana", "Jacoba", "Margaretha", "Aaltje", "Grietje", "Neeltje",
    "Trijntje", "Gerda", "Ria", "Annie",
)


@dataclass(frozen=True, slots=True)
class _Names:
    male: tuple[str, ...]
    female: tuple[str, ...]
    surnames: tuple[tuple[str | None, str], ...]


def _split_surname(name: str) -> tuple[str | None, str] | None:
    """'van der Ploeg' -> ('van der', 'Ploeg'); odd historical names -> None."""
    if "," in name or "." in name:
        return None
    words = name.split()
    i = 0
    while i < len(words) and words[i] in _PREFIX_WORDS:
        i += 1
    rest = words[i:]
    if len(rest) != 1 or not rest[0][:1].isupper():
        return None
    return (" ".join(words[:i]) or None), rest[0]


@functools.lru_cache(maxsize=8)
def _name_pools(seed: int) -> _Names:
    """Faker is slow: draw pools of Dutch names once per seed and sample from them."""
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    male = tuple(fake.first_name_male() for _ in range(1500))
    female = tuple(fake.first_name_female() for _ in range(1500))
    surnames: list[tuple[str | None, str]] = []
    for _ in range(20_000):
        parsed = _split_surname(fake.last_name())
        if parsed is not None:
            surnames.append(parsed)
            if len(surnames) == 3000:
                break
    return _Names(male, female, tuple(surnames))


# ----------------------------------------------------------------------------------- world


@dataclass(frozen=True, slots=True)
class _RegionSpec:
    code: str
    name: str
    weight: float
    municipalities: tuple[str, ...]
    team_label: str
    vt: str
    rvdk: str
    gi: str
    court: str
    om: str
    police: str
    providers: tuple[str, ...]
    ggz: tuple[str, ...]
    jgz: str


_REGIONS: tuple[_RegionSpec, ...] = (
    _RegionSpec(
        "utrecht", "Utrecht", 1.4, ("Utrecht", "Amersfoort", "Nieuwegein", "Zeist"),
        "Buurtteam Jeugd en Gezin {m}", "Veilig Thuis Utrecht", "RvdK locatie Utrecht",
        "Samen Veilig Midden-Nederland", "Rechtbank Midden-Nederland",
        "OM arrondissementsparket Midden-Nederland", "Politie eenheid Midden-Nederland",
        ("Youké", "Lijn5", "Timon"), ("Altrecht", "Karakter Utrecht"), "JGZ Utrecht",
    ),
    _RegionSpec(
        "gelderland", "Gelderland", 2.1, ("Arnhem", "Nijmegen", "Ede", "Apeldoorn"),
        "Sociaal Team {m}", "Veilig Thuis Gelderland-Midden", "RvdK locatie Arnhem",
        "Jeugdbescherming Gelderland", "Rechtbank Gelderland",
        "OM arrondissementsparket Oost-Nederland", "Politie eenheid Oost-Nederland",
        ("Pluryn", "Entrea Lindenhout", "Karakter jeugdhulp"), ("Pro Persona", "Karakter"),
        "GGD Gelderland-Midden Jeugdgezondheidszorg",
    ),
    _RegionSpec(
        "noord-brabant", "Noord-Brabant", 2.6, ("Eindhoven", "'s-Hertogenbosch", "Helmond", "Oss"),
        "Centrum voor Jeugd en Gezin {m}", "Veilig Thuis Brabant Oost", "RvdK locatie Eindhoven",
        "Jeugdbescherming Brabant", "Rechtbank Oost-Brabant",
        "OM arrondissementsparket Oost-Brabant", "Politie eenheid Oost-Brabant",
        ("Oosterpoort", "Combinatie Jeugdzorg", "Sterk Huis"), ("GGzE", "Reinier van Arkel"),
        "GGD Brabant-Zuidoost Jeugdgezondheidszorg",
    ),
    _RegionSpec(
        "zuid-holland", "Zuid-Holland", 3.7, ("Rotterdam", "Schiedam", "Dordrecht", "Vlaardingen"),
        "Wijkteam {m}", "Veilig Thuis Rotterdam Rijnmond", "RvdK locatie Rotterdam",
        "Jeugdbescherming Rotterdam Rijnmond", "Rechtbank Rotterdam",
        "OM arrondissementsparket Rotterdam", "Politie eenheid Rotterdam",
        ("Horizon Jeugdzorg en Onderwijs", "Enver", "Flexus Jeugdplein"), ("Yulius", "Parnassia"),
        "CJG Rijnmond",
    ),
    _RegionSpec(
        "groningen", "Groningen", 0.6, ("Groningen", "Midden-Groningen", "Het Hogeland", "Oldambt"),
        "WIJ {m}", "Veilig Thuis Groningen", "RvdK locatie Groningen",
        "Jeugdbescherming Noord", "Rechtbank Noord-Nederland",
        "OM arrondissementsparket Noord-Nederland", "Politie eenheid Noord-Nederland",
        ("Elker", "Accare jeugdhulp", "Cosis"), ("Accare", "Lentis"), "GGD Groningen",
    ),
    _RegionSpec(
        "noord-holland", "Noord-Holland", 2.9, ("Amsterdam", "Zaanstad", "Haarlem", "Amstelveen"),
        "Ouder- en Kindteam {m}", "Veilig Thuis Amsterdam-Amstelland", "RvdK locatie Amsterdam",
        "Jeugdbescherming Regio Amsterdam", "Rechtbank Amsterdam",
        "OM arrondissementsparket Amsterdam", "Politie eenheid Amsterdam",
        ("Spirit", "Levvel", "Combiwel"), ("Arkin", "GGZ inGeest"), "GGD Amsterdam",
    ),
    _RegionSpec(
        "overijssel", "Overijssel", 1.2, ("Zwolle", "Enschede", "Deventer", "Almelo"),
        "Sociaal Wijkteam {m}", "Veilig Thuis IJsselland", "RvdK locatie Zwolle",
        "Jeugdbescherming Overijssel", "Rechtbank Overijssel",
        "OM arrondissementsparket Oost-Nederland", "Politie eenheid Oost-Nederland",
        ("Trias Jeugdhulp", "Jarabee", "Ambiq"), ("Dimence", "Mediant"), "GGD IJsselland",
    ),
    _RegionSpec(
        "limburg", "Limburg", 1.1, ("Maastricht", "Heerlen", "Venlo", "Roermond"),
        "Toegangsteam Jeugd {m}", "Veilig Thuis Zuid-Limburg", "RvdK locatie Maastricht",
        "Bureau Jeugdzorg Limburg", "Rechtbank Limburg",
        "OM arrondissementsparket Limburg", "Politie eenheid Limburg",
        ("Xonar", "Koraal", "Levantogroep"), ("Mondriaan", "Virenze"), "GGD Zuid Limburg",
    ),
)

_NATIONAL_GIS = (
    "William Schrikker Stichting Jeugdbescherming & Jeugdreclassering",
    "Leger des Heils Jeugdbescherming & Reclassering",
)
_PRIMARY_SCHOOLS = (
    "De Regenboog", "De Wegwijzer", "Het Kompas", "De Vlinder", "De Zonnewijzer", "De Klimop",
    "Montessorischool De Linde", "Het Palet", "De Schakel", "De Sterrenkijker",
)
_SECONDARY_SCHOOLS = (
    "Stedelijk College", "Christelijk Lyceum", "Het Vakcollege", "Openbare Scholengemeenschap",
    "Da Vinci College", "Het Erasmus",
)

#: (organisation type, role) slots every region has at least one professional for, in order.
_ESSENTIAL: tuple[tuple[OT, PR], ...] = (
    (OT.lokaal_team, PR.regisseur),
    (OT.veilig_thuis, PR.veilig_thuis_medewerker),
    (OT.gi, PR.jeugdbeschermer),
    (OT.lokaal_team, PR.wijkteammedewerker),
    (OT.rvdk, PR.raadsonderzoeker),
    (OT.jeugdhulpaanbieder, PR.jeugdhulpverlener),
    (OT.ggz, PR.jeugdhulpverlener),
    (OT.jgz, PR.jeugdarts),
    (OT.huisarts, PR.huisarts),
    (OT.school, PR.leerkracht),
    (OT.politie, PR.politieagent),
    (OT.gi, PR.voogd),
    (OT.gi, PR.jeugdreclasseerder),
    (OT.gi, PR.gedragswetenschapper),
    (OT.gi, PR.save_werker),
)
_SLOTS = _Choice[tuple[OT, PR]]([
    ((OT.lokaal_team, PR.regisseur), 14),
    ((OT.lokaal_team, PR.wijkteammedewerker), 9),
    ((OT.veilig_thuis, PR.veilig_thuis_medewerker), 7),
    ((OT.rvdk, PR.raadsonderzoeker), 5),
    ((OT.gi, PR.jeugdbeschermer), 16),
    ((OT.gi, PR.voogd), 2),
    ((OT.gi, PR.jeugdreclasseerder), 2),
    ((OT.gi, PR.gedragswetenschapper), 3),
    ((OT.gi, PR.save_werker), 3),
    ((OT.jeugdhulpaanbieder, PR.jeugdhulpverlener), 12),
    ((OT.jeugdhulpaanbieder, PR.gedragswetenschapper), 2),
    ((OT.ggz, PR.jeugdhulpverlener), 4),
    ((OT.ggz, PR.other), 1),
    ((OT.jgz, PR.jeugdarts), 4),
    ((OT.huisarts, PR.huisarts), 5),
    ((OT.school, PR.leerkracht), 6),
    ((OT.politie, PR.politieagent), 3),
    ((OT.gemeente, PR.other), 1),
    ((OT.openbaar_ministerie, PR.other), 1),
    ((OT.rechtbank, PR.other), 1),
])
_SKJ_ROLES = frozenset({
    PR.wijkteammedewerker, PR.regisseur, PR.veilig_thuis_medewerker, PR.raadsonderzoeker,
    PR.jeugdbeschermer, PR.voogd, PR.jeugdreclasseerder, PR.jeugdhulpverlener, PR.save_werker,
})
_BIG_ROLES = frozenset({PR.jeugdarts, PR.huisarts})


@dataclass(slots=True)
class _Job:
    org: int
    start: int
    end: int | None


@dataclass(slots=True)
class _Pro:
    id: str
    jobs: list[_Job]

    def covering(self, start: int, end: int) -> int | None:
        """The organisation employing this professional for the whole of [start, end]."""
        for job in self.jobs:
            if job.start <= start and (job.end is None or end <= job.end):
                return job.org
        return None


@dataclass(slots=True)
class _Region:
    spec: _RegionSpec
    team_model: bool
    orgs: dict[OT, list[int]]
    team_by_municipality: dict[str, int]


class _World:
    """Regions, organisations and professionals shared by all families of one run."""

    def __init__(self, *, seed: int, professionals: int, today: dt.date) -> None:
        self.seed = seed
        self.today = today.toordinal()
        self.names = _name_pools(seed)
        rng = _rng(seed, "world")
        specs = rng.sample(_REGIONS, rng.randint(4, 6))
        team = set(rng.sample(range(len(specs)), 1 if len(specs) < 5 else 2))
        self.regions: list[_Region] = []
        self.organisations: list[Organisation] = []
        self.org_ids: list[str] = []
        for ri, spec in enumerate(specs):
            self.regions.append(self._organisations(rng, spec, ri in team))
        self.pick_region = _Choice([(i, r.spec.weight) for i, r in enumerate(self.regions)])

        self.pros: list[_Pro] = []
        self.professionals: list[Professional] = []
        self.employments: list[Employment] = []
        self.pool: dict[tuple[int, OT, PR], list[int]] = {}
        self.pool_org: dict[tuple[int, PR], list[int]] = {}
        self.essential: dict[tuple[int, OT, PR], int] = {}
        for k in range(professionals):
            self._professional(k)

    # ----------------------------------------------------------------- organisations

    def _organisations(self, rng: random.Random, spec: _RegionSpec, team: bool) -> _Region:
        orgs: dict[OT, list[int]] = {t: [] for t in OT}
        region = _Region(spec, team, orgs, {})

        def add(otype: OT, name: str, municipality: str | None = None) -> int:
            i = len(self.organisations)
            n = len(orgs[otype]) + 1
            oid = f"org-{spec.code}-{otype.value.replace('_', '-')}-{n}"
            self.organisations.append(Organisation.model_construct(
                id=oid, type=otype, name=name, region=spec.name, municipality=municipality,
            ))
            self.org_ids.append(oid)
            orgs[otype].append(i)
            return i

        for m in spec.municipalities:
            add(OT.gemeente, f"Gemeente {m}", m)
        for m in spec.municipalities:
            region.team_by_municipality[m] = add(OT.lokaal_team, spec.team_label.format(m=m), m)
        add(OT.veilig_thuis, spec.vt)
        add(OT.rvdk, spec.rvdk)
        add(OT.gi, spec.gi)
        if rng.random() < 0.75:
            add(OT.gi, f"{rng.choice(_NATIONAL_GIS)} (regio {spec.name})")
        add(OT.rechtbank, spec.court)
        add(OT.openbaar_ministerie, spec.om)
        add(OT.politie, spec.police)
        for name in spec.providers:
            add(OT.jeugdhulpaanbieder, name)
        for name in spec.ggz:
            add(OT.ggz, name)
        add(OT.jgz, spec.jgz)
        for m in spec.municipalities:
            add(OT.school, f"Basisschool {rng.choice(_PRIMARY_SCHOOLS)}, {m}", m)
            if rng.random() < 0.6:
                add(OT.school, f"{rng.choice(_SECONDARY_SCHOOLS)} {m}", m)
        for m in spec.municipalities:
            for _ in range(rng.randint(1, 2)):
                prefix, surname = rng.choice(self.names.surnames)
                add(OT.huisarts, f"Huisartsenpraktijk {_display(prefix, surname)}", m)
        return region

    # ----------------------------------------------------------------- professionals

    def _professional(self, k: int) -> None:
        rng = _rng(self.seed, "pro", k)
        ri = k % len(self.regions)
        j = k // len(self.regions)
        region = self.regions[ri]
        essential = j < len(_ESSENTIAL)
        otype, role = _ESSENTIAL[j] if essential else _SLOTS(rng)
        candidates = region.orgs[otype]
        org = rng.choice(candidates)
        pid = f"pro-{k:05d}"
        names = self.names
        female = rng.random() < 0.72  # youth care is a mostly female profession
        given = rng.choice(names.female if female else names.male)
        prefix, surname = rng.choice(names.surnames)
        name = f"{given} {prefix} {surname}" if prefix else f"{given} {surname}"

        registry: Register | None = None
        number: str | None = None
        if role in _SKJ_ROLES and rng.random() < 0.95:
            registry, number = Register.SKJ, f"1{(k * 7919 + 1234) % 10**8:08d}"
        elif role in _BIG_ROLES or (
            role in (PR.gedragswetenschapper, PR.other) and otype == OT.ggz
        ):
            registry, number = Register.BIG, f"{(k * 7919 + 4321) % 10**9:09d}01"
        elif role == PR.gedragswetenschapper:
            registry, number = Register.SKJ, f"1{(k * 7919 + 1234) % 10**8:08d}"
        self.professionals.append(Professional.model_construct(
            id=pid, name=name, role=role, registry=registry, registration_number=number,
        ))

        earliest = dt.date(2000, 1, 1).toordinal()
        if essential:  # employed from before the Jeugdwet, never leaving: always available
            start = rng.randint(earliest, dt.date(2014, 6, 30).toordinal())
        else:
            start = rng.randint(earliest, self.today - 400)
        jobs = [_Job(org, start, None)]
        others = [o for o in candidates if o != org]
        if not essential and others and rng.random() < 0.16:
            lo, hi = max(start + 365, _EARLIEST), self.today - 60
            if lo < hi:
                change = rng.randint(lo, hi)
                jobs[0].end = change - 1
                jobs.append(_Job(rng.choice(others), change, None))
        pro = _Pro(pid, jobs)
        index = len(self.pros)
        self.pros.append(pro)
        for n, job in enumerate(jobs, start=1):
            self.employments.append(Employment.model_construct(
                id=f"emp-{k:05d}-{n}", professional_id=pid,
                organisation_id=self.org_ids[job.org],
                start_date=_date(job.start), end_date=_opt_date(job.end),
            ))
            self.pool_org.setdefault((job.org, role), []).append(index)
        self.pool.setdefault((ri, otype, role), []).append(index)
        if essential:
            self.essential[(ri, otype, role)] = index

    def pick(
        self, rng: random.Random, region: int, otype: OT, role: PR, start: int, end: int,
        org: int | None = None,
    ) -> tuple[str, int]:
        """A professional (id, organisation index) employed in the role for [start, end]."""
        if org is not None:
            preferred = self.pool_org.get((org, role))
            if preferred:
                for _ in range(3):
                    pro = self.pros[rng.choice(preferred)]
                    if pro.covering(start, end) == org:
                        return pro.id, org
        candidates = self.pool[(region, otype, role)]
        for _ in range(6):
            pro = self.pros[rng.choice(candidates)]
            employer = pro.covering(start, end)
            if employer is not None:
                return pro.id, employer
        pro = self.pros[self.essential[(region, otype, role)]]
        return pro.id, pro.jobs[0].org

    def emit(self, sink: _Sink) -> None:
        sink.organisations.extend(self.organisations)
        sink.professionals.extend(self.professionals)
        sink.employments.extend(self.employments)


# ------------------------------------------------------------------------------------ sink


@dataclass(slots=True)
class _Sink:
    persons: list[Person] = field(default_factory=list)
    unions: list[Union] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    professionals: list[Professional] = field(default_factory=list)
    households: list[Household] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    safety_assessments: list[SafetyAssessment] = field(default_factory=list)
    child_links: list[ChildLink] = field(default_factory=list)
    employments: list[Employment] = field(default_factory=list)
    household_memberships: list[HouseholdMembership] = field(default_factory=list)
    emotional_relations: list[EmotionalRelation] = field(default_factory=list)
    handovers: list[Handover] = field(default_factory=list)

    def bundle(self) -> Bundle:
        return Bundle.model_construct(
            persons=self.persons, unions=self.unions, organisations=self.organisations,
            professionals=self.professionals, households=self.households, cases=self.cases,
            assignments=self.assignments, contacts=self.contacts, measures=self.measures,
            reports=self.reports, referrals=self.referrals,
            safety_assessments=self.safety_assessments, child_links=self.child_links,
            employments=self.employments, household_memberships=self.household_memberships,
            emotional_relations=self.emotional_relations, handovers=self.handovers,
        )


# --------------------------------------------------------------------------- family records


@dataclass(slots=True, eq=False)
class _P:
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
        return (day - self.birth) / _YEAR


@dataclass(slots=True, eq=False)
class _U:
    id: str
    kind: UnionKind
    partners: list[_P]
    start: int
    end: int | None = None
    reason: UnionEndReason | None = None


@dataclass(slots=True, eq=False)
class _M:
    person: _P
    household: str
    start: int
    end: int | None


@dataclass(slots=True, eq=False)
class _H:
    id: str
    name: str
    municipality: str


@dataclass(slots=True, eq=False)
class _Work:
    """A professional's involvement: an assignment (``aid``) or contacts without one."""

    aid: str | None
    role: AR | None
    pro: str
    org: int
    start: int
    end: int
    rate: float  # contacts per month
    min_n: int
    kinds: _Choice[CK]
    persons: list[_P]
    mother_p: float
    co: str | None = None
    dropped: bool = False


@dataclass(slots=True, eq=False)
class _Meas:
    id: str
    kind: MeasureKind
    child: _P
    requested: int
    decision: int
    start: int
    end: int
    court: int
    gi: int
    extends: str | None = None


def _kinds(**weights: float) -> _Choice[CK]:
    return _Choice([(CK(k), w) for k, w in weights.items()])


_K_VT = _kinds(home_visit=40, phone=35, office_visit=15, meeting=10)
_K_REGISSEUR = _kinds(
    home_visit=35, office_visit=15, phone=20, video=10, meeting=10, case_conference=10,
)
_K_WIJKTEAM = _kinds(home_visit=50, phone=25, office_visit=15, other=10)
_K_RAAD = _kinds(home_visit=40, office_visit=35, phone=15, school_visit=10)
_K_GI = _kinds(home_visit=40, office_visit=15, phone=20, video=10, case_conference=15)
_K_CARE = _kinds(home_visit=30, office_visit=40, video=10, phone=10, meeting=10)
_K_GW = _kinds(case_conference=50, office_visit=30, meeting=20)
_K_SCHOOL = _kinds(school_visit=80, meeting=20)
_K_DOCTOR = _kinds(office_visit=80, phone=20)
_K_JGZ = _kinds(office_visit=70, home_visit=30)
_K_POLICE = _kinds(home_visit=60, phone=40)

_SEX = _Choice([(Sex.female, 495), (Sex.male, 495), (Sex.unknown, 6), (Sex.other, 4)])
_UNION_KIND = _Choice([
    (UnionKind.married, 40), (UnionKind.cohabiting, 38), (UnionKind.registered_partnership, 10),
    (UnionKind.other, 2),
])
_ELDER_KIND = _Choice([
    (UnionKind.married, 80), (UnionKind.cohabiting, 15), (UnionKind.registered_partnership, 5),
])
_NEW_KIND = _Choice([
    (UnionKind.cohabiting, 60), (UnionKind.married, 30), (UnionKind.registered_partnership, 10),
])
_N_KIDS = _Choice([(1, 30), (2, 38), (3, 20), (4, 9), (5, 3)])
_N_SIBLINGS = _Choice([(0, 25), (1, 40), (2, 25), (3, 10)])
_REPORTER = _Choice([
    (ReporterType.police, 30), (ReporterType.school, 15), (ReporterType.huisarts, 9),
    (ReporterType.professional, 16), (ReporterType.family, 8), (ReporterType.neighbour, 8),
    (ReporterType.anonymous, 7), (ReporterType.self_report, 4), (ReporterType.other, 3),
])
_DELAY = _Choice([(d, w) for d, w in zip(range(1, 15), (8, 12, 14, 14, 12, 10, 8, 6, 5, 4, 3, 2,
                                                          1, 1), strict=True)])

_CONCERNS = (
    "Huiselijk geweld tussen ouders in het bijzijn van de kinderen",
    "Zorgen over verwaarlozing: onvoldoende eten en hygiëne",
    "Schoolverzuim van het oudste kind",
    "Psychische problemen van moeder",
    "Alcoholgebruik van vader",
    "Drugsgebruik in huis",
    "Hoog oplopende conflicten na de scheiding",
    "Schulden en dreigende huisuitzetting",
    "Kind vertoont angstig en teruggetrokken gedrag",
    "Blauwe plekken gezien door school",
    "Ouders werken niet mee met de hulpverlening",
    "Kind is betrokken in een loyaliteitsconflict",
    "Jongere is in contact gekomen met de politie",
    "Onveilige woonsituatie",
    "Pedagogische onmacht van ouders",
)
_STRENGTHS = (
    "Moeder zoekt zelf hulp",
    "Grootmoeder biedt opvang en steun",
    "De kinderen gaan graag naar school",
    "Vader houdt zich aan de afspraken",
    "Ouders erkennen de zorgen",
    "Goed contact met de huisarts",
    "Stabiele woonsituatie",
    "Het netwerk is betrokken bij het veiligheidsplan",
    "Kind heeft een vertrouwensband met de leerkracht",
)
_STEPS = (
    "Veiligheidsplan opgesteld met ouders en netwerk",
    "Aanmelding bij een jeugdhulpaanbieder",
    "Huisbezoek door Veilig Thuis",
    "Gesprek met school over de zorgen",
    "Verzoek tot onderzoek bij de Raad voor de Kinderbescherming",
    "Schuldhulpverlening ingeschakeld",
    "Netwerkberaad georganiseerd",
    "Tijdelijk huisverbod opgelegd",
)
_CONDITIONS = (
    "Er is geen geweld in het bijzijn van de kinderen",
    "De kinderen gaan elke dag naar school",
    "Vader gebruikt geen alcohol als hij voor de kinderen zorgt",
    "Moeder neemt haar medicatie",
    "Ouders laten de kinderen niet alleen thuis",
    "Ouders werken mee aan de afgesproken hulp",
    "Contact tussen de ouders verloopt via de regisseur",
)
_MONITORING = (
    "Wekelijks telefonisch contact met moeder",
    "Maandelijks huisbezoek",
    "School meldt verzuim direct aan de regisseur",
    "Evaluatie van het veiligheidsplan na zes weken",
    "Huisarts koppelt signalen terug aan het team",
)
_R_VT_LT = (
    "Veiligheid voldoende geborgd; vervolg door het lokaal team",
    "Overdracht na de veiligheidsbeoordeling aan het lokaal team",
    "Vervolg in het vrijwillig kader",
)
_R_TO_RAAD = (
    "Verzoek tot onderzoek: hulp in het vrijwillig kader onvoldoende",
    "Ouders werken niet mee; verzoek tot onderzoek bij de Raad",
)
_R_VT_RAAD = "Acute onveiligheid; direct verzoek tot onderzoek bij de Raad"
_R_RAAD_GI = "Kinderrechter spreekt een ondertoezichtstelling uit; uitvoering door de GI"
_R_RAAD_LT = "Raad ziet geen grond voor een maatregel; terug naar het vrijwillig kader"
_R_TURNOVER = (
    "Jeugdbeschermer vertrokken naar een andere organisatie",
    "Langdurig ziekteverzuim van de jeugdbeschermer",
    "Herverdeling van de caseload binnen het team",
    "Zwangerschapsverlof",
    "Overplaatsing naar een ander team",
)
_R_VOOGD = "Gezagsbeëindigende maatregel; voogdij bij de GI"


# ---------------------------------------------------------------------------------- family


class _Family:
    """Builds the records of one family (and its cases) into a sink."""

    def __init__(self, world: _World, sink: _Sink, k: int) -> None:
        self.w = world
        self.sink = sink
        self.k = k
        self.fid = f"{k:06d}"
        self.rng = _rng(world.seed, "family", k)
        self.today = world.today
        self.last = world.today - 1  # the last day anything can have happened
        self.ri = world.pick_region(self.rng)
        self.region = world.regions[self.ri]
        self.municipality = self.rng.choice(self.region.spec.municipalities)
        self.team_org = self.region.team_by_municipality[self.municipality]

        self.persons: list[_P] = []
        self.unions: list[_U] = []
        self.households: list[_H] = []
        self.members: list[_M] = []
        self.home: dict[str, list[_M]] = {}  # person id -> memberships of the main household
        self.kids: list[_P] = []  # everyone who ever lived as a child in the main household
        self.partners: list[tuple[_P, int, int | None]] = []  # mother's partners living with her
        self.birth_kids: list[_P] = []  # the mother's own (birth/adopted) children
        self.ex: _P | None = None
        self.complex = False  # a multi-problem family (veelprobleemgezin): the long tail
        self.father: _P | None = None
        self.grandparents: tuple[_P, _P] | None = None
        self.paternal: tuple[_P, _P] | None = None
        self.grandchild: tuple[_P, _P] | None = None  # (grandchild, their parent)
        # per-case plan, reset by _case
        self.cid = ""
        self.works: list[_Work] = []
        self.plan_handovers: list[tuple[_Work, _Work, int, str]] = []
        self.plan_measures: list[_Meas] = []
        self.voogdij: _Meas | None = None
        self.sa_version = 0
        self.sa_state: list[list[str]] = []
        self.sa_judgement = 5
        self.n_link = self.n_emo = self.n_contact = self.n_assign = self.n_handover = 0
        self.n_measure = self.n_referral = 0

    # ------------------------------------------------------------- records, persons

    def build(self) -> None:
        self._core()
        self._emotions()
        self._cases()
        self._routine_contacts()
        self._emit_family()

    def _sex(self) -> Sex:
        return _SEX(self.rng)

    def _surname(self) -> tuple[str | None, str]:
        return self.rng.choice(self.w.names.surnames)

    def _person(self, sex: Sex, birth: int, name: tuple[str | None, str]) -> _P:
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
            pool = _OLD_FEMALE if female else _OLD_MALE
        else:
            pool = names.female if female else names.male
        given = rng.choice(pool)
        if rng.random() < 0.3:
            second = rng.choice(pool)
            if second != given:
                given = f"{given} {second}"
        bsn = _bsn(self.k, j) if rng.random() < 0.97 else None
        p = _P(f"p-{self.fid}-{j:02d}", sex, birth, given, name[0], name[1], bsn)
        self.persons.append(p)
        return p

    def _union(self, kind: UnionKind, partners: list[_P], start: int) -> _U:
        u = _U(f"u-{self.fid}-{len(self.unions) + 1:02d}", kind, partners, start)
        self.unions.append(u)
        return u

    def _link(self, child: _P, u: _U, kind: ChildKind = ChildKind.birth,
              start: int | None = None, end: int | None = None) -> None:
        self.n_link += 1
        self.sink.child_links.append(ChildLink.model_construct(
            id=f"cl-{self.fid}-{self.n_link:02d}", child_id=child.id, union_id=u.id, kind=kind,
            start_date=_opt_date(start), end_date=_opt_date(end),
        ))

    def _household(self, name: tuple[str | None, str], what: str = "Gezin",
                   municipality: str | None = None) -> _H:
        h = _H(f"h-{self.fid}-{len(self.households) + 1}", f"{what} {_display(*name)}",
               municipality or self.municipality)
        self.households.append(h)
        return h

    def _member(self, h: _H, p: _P, start: int, end: int | None) -> _M:
        m = _M(p, h.id, start, end)
        self.members.append(m)
        return m

    def _maybe_die(self, p: _P, floor: int, young: bool = False) -> None:
        """Death for the older generations, by age; rarely (``young``) for parents."""
        rng = self.rng
        age = p.age(self.today)
        if young:
            chance = 0.015
            lo = floor
        else:
            chance = (0.0 if age < 55 else 0.05 if age < 65 else 0.15 if age < 75
                      else 0.35 if age < 85 else 0.7 if age < 98 else 1.0)
            lo = max(p.birth + _years(55), floor)
        if rng.random() < chance and lo < self.last:
            p.death = rng.randint(lo, self.last)

    def _leave_home(self, p: _P) -> int:
        return p.birth + _years(self.rng.uniform(18, 25))

    # ------------------------------------------------------------- genealogy

    def _elders(self, child: _P, dad_name: tuple[str | None, str], siblings: int,
                leave: int) -> tuple[_P, _P]:
        """The parents of ``child`` (grandparents of the core family), their other children."""
        rng = self.rng
        mum_birth = child.birth - _years(rng.uniform(21, 36))
        dad_birth = mum_birth + rng.randint(-3 * 365, 5 * 365)
        dad = self._person(Sex.male, dad_birth, dad_name)
        mum = self._person(Sex.female, mum_birth, self._surname())
        start = max(child.birth - rng.randint(200, 2600), max(mum_birth, dad_birth) + _years(18))
        u = self._union(_ELDER_KIND(rng), [dad, mum], start)
        kids = [child]
        for _ in range(siblings):
            b = child.birth + rng.choice((-1, 1)) * rng.randint(400, 2600)
            if b > self.last - 30 or not 18 <= mum.age(b) <= 44:
                continue
            if any(abs(b - c.birth) < 300 for c in kids):
                continue
            kids.append(self._person(self._sex(), b, dad_name))
        kids.sort(key=lambda c: c.birth)
        for c in kids:
            self._link(c, u)
        youngest = kids[-1].birth
        for p in (dad, mum):
            self._maybe_die(p, youngest + 365)
        deaths = [p.death for p in (dad, mum) if p.death is not None]
        first_death = min(deaths) if deaths else None
        if rng.random() < 0.15:
            hi = min(youngest + _years(18), self.last)
            if first_death is not None:
                hi = min(hi, first_death - 1)
            lo = youngest + 730
            if lo < hi:
                u.end = rng.randint(lo, hi)
                u.reason = (UnionEndReason.separated if u.kind == UnionKind.cohabiting
                            else UnionEndReason.divorced)
        if u.end is None and first_death is not None:
            u.end, u.reason = first_death, UnionEndReason.widowed
        h = self._household(dad_name, municipality=rng.choice(self.region.spec.municipalities))
        divorced = u.reason in (UnionEndReason.divorced, UnionEndReason.separated)
        self._member(h, dad, start, u.end - 1 if divorced and u.end is not None else None)
        self._member(h, mum, start, None)
        for c in kids:
            out = self._leave_home(c)
            if c is child:
                out = min(out, leave)
            self._member(h, c, c.birth, out if out <= self.last else None)
        return dad, mum

    def _core(self) -> None:
        """Mother, father, children; separation, new partners, grandchildren."""
        rng = self.rng
        last = self.last
        m_birth = self.today - _years(rng.triangular(25.0, 60.0, 39.0))
        m_name = self._surname()
        u_start = m_birth + _years(rng.uniform(19, 31))
        u_start = max(min(u_start, self.today - rng.randint(400, 1500)), m_birth + _years(18))
        mother = self._person(Sex.female, m_birth, m_name)
        self.mother = mother
        self.grandparents = self._elders(mother, m_name, _N_SIBLINGS(rng), u_start - 1)

        father: _P | None = None
        f_name = self._surname()
        kind = UnionKind.other
        if rng.random() >= 0.09:
            father = self._person(Sex.male, m_birth + rng.randint(-2 * 365, 7 * 365), f_name)
            if rng.random() < 0.6:
                self.paternal = self._elders(father, f_name, _N_SIBLINGS(rng) // 2, u_start - 1)
            kind = _UNION_KIND(rng)
        self.father = father
        u = self._union(kind, [mother] if father is None else [mother, father], u_start)
        self.main_union = u
        kid_name = m_name
        if father is not None and (
            kind in (UnionKind.married, UnionKind.registered_partnership) or rng.random() < 0.7
        ):
            kid_name = f_name

        # children
        kids: list[_P] = []
        want = _N_KIDS(rng)
        b = u_start + rng.randint(100, 1500)
        limit = min(self.today - 30, m_birth + _years(43))
        while len(kids) < want and b <= limit:
            for _ in range(2 if rng.random() < 0.025 else 1):  # twins share a birth date
                kids.append(self._person(self._sex(), b, kid_name))
            b += rng.randint(420, 1900)
        if not kids:
            lo = max(u_start, m_birth + _years(18))
            kids.append(self._person(self._sex(), rng.randint(lo, max(lo, limit)), kid_name))
        for c in kids:
            self._link(c, u)
        arrival = {c.id: c.birth for c in kids}
        if rng.random() < 0.025:  # adoption: born elsewhere, placed later
            ab = rng.randint(u_start, self.today - 400)
            placed = min(ab + rng.randint(60, 1500), self.today - 60)
            child = self._person(self._sex(), ab, kid_name)
            self._link(child, u, ChildKind.adopted, start=placed)
            kids.append(child)
            arrival[child.id] = placed
        last_birth = max(c.birth for c in kids)

        # separation, widowhood
        sep: int | None = None
        if father is not None and rng.random() < 0.4:
            lo, hi = last_birth + 120, min(self.today - 30, u_start + _years(22))
            if lo < hi:
                sep = rng.randint(lo, hi)
                u.end = sep
                u.reason = (UnionEndReason.divorced if kind in
                            (UnionKind.married, UnionKind.registered_partnership)
                            else UnionEndReason.separated)
        if father is not None:
            self._maybe_die(father, (sep or last_birth) + 365, young=True)
        self._maybe_die(mother, last_birth + 365, young=True)
        if u.end is None and father is not None:
            deaths = [p.death for p in (mother, father) if p.death is not None]
            if deaths:
                u.end, u.reason = min(deaths), UnionEndReason.widowed

        # the main household
        h = self._household(kid_name)
        self.main = h
        self._member(h, mother, u_start, None)
        if father is not None:
            self._member(h, father, u_start, sep - 1 if sep is not None else None)
            self.partners.append((father, u_start, sep - 1 if sep is not None else None))
        with_father = sep is not None and rng.random() < 0.12
        hf: _H | None = None
        if sep is not None and father is not None and (father.death is None or father.death > sep):
            self.ex = father
            hf = self._household(f_name, "Huishouden")
            self._member(hf, father, sep, None)
        for c in kids:
            out = self._leave_home(c)
            if with_father and hf is not None and sep is not None and c.birth < sep < out:
                self._home(c, arrival[c.id], sep - 1)
                self._member(hf, c, sep, out if out <= last else None)
            else:
                self._home(c, arrival[c.id], out if out <= last else None)
        self.kids = list(kids)
        self.birth_kids = list(kids)

        if sep is not None and mother.death is None:
            self._new_partner(mother, sep, m_birth)
        if hf is not None and father is not None and sep is not None and rng.random() < 0.3:
            self._father_partner(father, hf, sep)
        self._grandchild()
        if rng.random() < 0.03:
            self._foster_child(u if sep is None else None)

    def _home(self, c: _P, start: int, end: int | None) -> None:
        self.home.setdefault(c.id, []).append(self._member(self.main, c, start, end))

    def _new_partner(self, mother: _P, sep: int, m_birth: int) -> None:
        """A new partner for the mother: step-children both ways, maybe a half-sibling."""
        rng = self.rng
        if rng.random() >= 0.45:
            return
        start = sep + rng.randint(150, 1600)
        if start > self.today - 30:
            return
        sex = Sex.male if rng.random() < 0.95 else Sex.female
        n_name = self._surname()
        partner = self._person(sex, m_birth + rng.randint(-6 * 365, 6 * 365), n_name)
        own: list[_P] = []
        if rng.random() < 0.5:  # the partner's children from an earlier union
            ex_start = partner.birth + _years(rng.uniform(20, 28))
            ex_sex = Sex.female if sex == Sex.male else Sex.male
            if ex_start < start - 1500:
                ex = self._person(ex_sex, partner.birth + rng.randint(-4 * 365, 4 * 365),
                                  self._surname())
                eu = self._union(_UNION_KIND(rng), [partner, ex], ex_start)
                b = ex_start + rng.randint(200, 900)
                for _ in range(rng.randint(1, 2)):
                    if b < start - 400:
                        own.append(self._person(self._sex(), b, n_name))
                    b += rng.randint(450, 1400)
                if own:
                    for c in own:
                        self._link(c, eu)
                    eu.end = rng.randint(own[-1].birth + 100, start - 30)
                    eu.reason = (UnionEndReason.separated if eu.kind == UnionKind.cohabiting
                                 else UnionEndReason.divorced)
                    eh = self._household((ex.prefix, ex.surname), "Huishouden")
                    self._member(eh, partner, ex_start, eu.end - 1)
                    self._member(eh, ex, ex_start, None)
                    for c in own:
                        self._member(eh, c, c.birth, None)
        nu = self._union(_NEW_KIND(rng), [mother, partner], start)
        self._member(self.main, partner, start, None)
        self.partners.append((partner, start, None))
        for c in self.kids:  # the mother's children living with her become step-children
            if self._at_home(c, start) and c.age(start) < 18:
                self._link(c, nu, ChildKind.step, start=start)
        for c in own:
            if rng.random() < 0.5 and c.age(start) < 18:
                self._link(c, nu, ChildKind.step, start=start)
                out = self._leave_home(c)
                self._home(c, start, out if out <= self.last else None)
                self.kids.append(c)
        if rng.random() < 0.4:  # a half-sibling
            b = start + rng.randint(300, 1500)
            if b <= self.today - 30 and mother.age(b) < 43:
                half = self._person(self._sex(), b, n_name)
                self._link(half, nu)
                self._home(half, b, None)
                self.kids.append(half)
                self.birth_kids.append(half)

    def _father_partner(self, father: _P, hf: _H, sep: int) -> None:
        rng = self.rng
        start = sep + rng.randint(200, 1800)
        if start > self.today - 30 or (father.death is not None and father.death <= start):
            return
        partner = self._person(Sex.female, father.birth + rng.randint(-8 * 365, 3 * 365),
                               self._surname())
        fu = self._union(_NEW_KIND(rng), [father, partner], start)
        self._member(hf, partner, start, None)
        if rng.random() < 0.4:
            b = start + rng.randint(300, 1400)
            if b <= self.today - 30 and partner.age(b) < 42 and (
                father.death is None or b < father.death
            ):
                half = self._person(self._sex(), b, (father.prefix, father.surname))
                self._link(half, fu)
                self._member(hf, half, b, None)

    def _grandchild(self) -> None:
        """Sometimes the eldest child has a child of their own: a fourth generation."""
        rng = self.rng
        adults = [c for c in self.kids if c.age(self.today) >= 22 and c.death is None]
        if not adults or rng.random() >= 0.35:
            return
        c = adults[0]
        start = c.birth + _years(rng.uniform(19, 26))
        if start > self.today - 400:
            return
        partner_sex = Sex.male if c.sex == Sex.female else Sex.female
        partner = self._person(partner_sex, c.birth + rng.randint(-3 * 365, 4 * 365),
                               self._surname())
        gu = self._union(_NEW_KIND(rng), [c, partner], start)
        b = rng.randint(start + 200, max(start + 200, min(start + 1500, self.today - 30)))
        name = (c.prefix, c.surname) if rng.random() < 0.6 else (partner.prefix, partner.surname)
        gc = self._person(self._sex(), b, name)
        self._link(gc, gu)
        for m in self.home.get(c.id, []):  # leaves the parental home when moving in together
            if m.end is None or m.end >= start:
                m.end = start - 1
        gh = self._household(name)
        self._member(gh, c, start, None)
        self._member(gh, partner, start, None)
        self._member(gh, gc, b, None)
        self.grandchild = (gc, c)

    def _foster_child(self, u: _U | None) -> None:
        """The core couple (if still together) takes in a foster child."""
        rng = self.rng
        if u is None or any(p.death is not None for p in u.partners) or len(u.partners) < 2:
            return
        b = rng.randint(max(u.start, self.today - _years(17)), self.today - 400)
        placed = min(b + rng.randint(30, _years(6)), self.today - 30)
        ended: int | None = placed + rng.randint(180, 1500) if rng.random() < 0.4 else None
        if ended is not None and ended > self.last:
            ended = None
        child = self._person(self._sex(), b, self._surname())
        self._link(child, u, ChildKind.foster, start=placed, end=ended)
        self._home(child, placed, ended)
        self.kids.append(child)

    def _at_home(self, c: _P, day: int) -> bool:
        for m in self.home.get(c.id, ()):
            if m.start <= day and (m.end is None or day <= m.end):
                return True
        return False

    # ------------------------------------------------------------- emotional relations

    def _emotion(self, a: _P, b: _P, kind: EmotionalKind, start: int | None = None,
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
            start_date=_opt_date(start), end_date=_opt_date(end), note=note,
        ))

    def _emotions(self) -> None:
        rng = self.rng
        mother = self.mother
        sep = self.main_union.end
        if self.ex is not None and sep is not None and rng.random() < 0.5:
            self._emotion(mother, self.ex, EmotionalKind.conflict, sep)
        if self.grandparents is not None and rng.random() < 0.2:
            self._emotion(mother, self.grandparents[1], EmotionalKind.close)
        if rng.random() < 0.08:
            if self.paternal is not None and self.father is not None:
                self._emotion(self.father, self.paternal[0], EmotionalKind.cut_off)
            elif self.grandparents is not None:
                self._emotion(mother, self.grandparents[0], EmotionalKind.cut_off)
        if len(self.kids) >= 2 and rng.random() < 0.05:
            a, b = rng.sample(self.kids, 2)
            self._emotion(a, b, EmotionalKind.distant)
        if rng.random() < 0.04:
            self._emotion(mother, rng.choice(self.kids), EmotionalKind.fused)

    # ------------------------------------------------------------- cases

    def _minors(self, day: int) -> list[_P]:
        return [c for c in self.kids
                if c.birth + 30 <= day < c.birth + _years(18) - 30 and c.alive(day)
                and self._at_home(c, day)]

    def _cases(self) -> None:
        rng = self.rng
        if rng.random() >= 0.74:  # ~65% end up with a case (some have no minor, some advice)
            return
        self.complex = rng.random() < 0.07
        lo = max(_EARLIEST, self.today - _years(10))
        if self.complex or rng.random() < 0.72:
            d0 = self.today - rng.randint(20, 1461)
        else:
            d0 = self.today - rng.randint(1462, max(1462, self.today - lo))
        d0 = max(d0, lo)
        if not self._minors(d0):
            c = rng.choice(self.kids)
            a, b = max(lo, c.birth + 60), min(self.today - 20, c.birth + _years(17.5))
            if a > b:
                return
            d0 = rng.randint(a, b)
            if not self._minors(d0):
                return
        n = 1
        while True:
            closed = self._case(n, d0)
            again = 0.6 if self.complex else 0.2
            if closed is None or closed + 60 > self.last or rng.random() >= again or n == 4:
                return
            d0 = closed + rng.randint(30, 300)
            if d0 > self.last - 10 or not self._minors(d0):
                return
            n += 1

    def _case(self, n: int, d0: int) -> int | None:
        """One case from melding to closure; returns the closing date (None if still open)."""
        rng = self.rng
        w = self.w
        mother = self.mother
        kids = self._minors(d0)
        adults = [mother] if mother.alive(d0) else []
        for p, start, end in self.partners:
            if start <= d0 and (end is None or d0 <= end) and p.alive(d0):
                adults.append(p)
        if self.ex is not None and self.ex.alive(d0) and self.ex not in adults and (
            rng.random() < 0.4
        ):
            adults.append(self.ex)
        concerned = kids + adults
        cid = f"c-{self.fid}-{n}"
        region = self.region
        vt_org = region.orgs[OT.veilig_thuis][0]
        reporter = _REPORTER(rng)

        self.works = []
        self.plan_handovers = []
        self.plan_measures = []
        self.voogdij = None
        self.sa_version = 0
        self.sa_state = []
        self.sa_judgement = 5
        self.cid = cid

        path = rng.random()
        if path < 0.08:  # advice only: no case, a call or two with Veilig Thuis
            pro, org = w.pick(rng, self.ri, OT.veilig_thuis, PR.veilig_thuis_medewerker, d0,
                              d0 + 20)
            self._report(n, d0, reporter, ReportOutcome.advice if rng.random() < 0.7
                         else ReportOutcome.no_action, concerned, org, None)
            wk = _Work(None, None, pro, org, d0, d0 + 20, 0.0, rng.randint(1, 2), _K_VT,
                       adults or kids, 0.9)
            self._contacts(wk, None)
            return None
        escalate = path < 0.08 + (0.7 if self.complex else 0.4)
        if region.team_model:
            close, outcome = self._team_case(d0, kids, concerned, escalate)
        else:
            close, outcome = self._relay_case(d0, kids, concerned, escalate, reporter)
        # other professionals around the case, without an assignment
        self._others(d0, min(close, self.last), kids, reporter)

        # jeugdreclassering for a teenager
        for c in kids:
            if rng.random() < 0.06:
                a = max(d0, c.birth + _years(12))
                b = min(close, c.birth + _years(18) - 60)
                if a < b:
                    self._jeugdreclassering(c, rng.randint(a, b), concerned)

        measures = self._emit_case_plan()
        closed = close if close <= self.last else None
        framework = Framework.court_ordered if measures else Framework.voluntary
        self.sink.cases.append(Case.model_construct(
            id=cid, opened=_date(d0), closed=_opt_date(closed), framework=framework,
            municipality=self.municipality, person_ids=sorted(p.id for p in concerned),
        ))
        self._report(n, d0, reporter, outcome, concerned, vt_org, cid)
        if rng.random() < 0.35 and kids:
            victim = rng.choice(kids)
            actors = [p for p in adults if p is not victim and p.alive(d0)]
            if actors:
                abuse = rng.random() < 0.55
                if abuse:
                    actor = rng.choice([p for p in actors if p is not mother] or actors)
                else:
                    actor = mother if mother in actors else actors[0]
                start = d0 - rng.randint(30, 700)
                end = d0 + rng.randint(30, 400) if rng.random() < 0.5 else None
                self._emotion(actor, victim,
                              EmotionalKind.abuse if abuse else EmotionalKind.neglect,
                              start, end, "Gemeld bij Veilig Thuis" if abuse else None)
        return closed

    def _report(self, n: int, d0: int, reporter: ReporterType, outcome: ReportOutcome,
                concerned: list[_P], org: int, cid: str | None) -> None:
        self.sink.reports.append(Report.model_construct(
            id=f"r-{self.fid}-{n}", date=_date(d0), reporter_type=reporter, outcome=outcome,
            person_ids=sorted(p.id for p in concerned), organisation_id=self.w.org_ids[org],
            case_id=cid,
        ))

    def _work(self, role: AR | None, pro: str, org: int, start: int, end: int, rate: float,
              min_n: int, kinds: _Choice[CK], persons: list[_P], mother_p: float,
              co: str | None = None) -> _Work:
        aid = None
        if role is not None:
            self.n_assign += 1
            aid = f"a-{self.fid}-{self.n_assign:03d}"
        wk = _Work(aid, role, pro, org, start, max(start, end), rate, min_n, kinds, persons,
                   mother_p, co)
        self.works.append(wk)
        return wk

    def _handover(self, a: _Work, b: _Work, day: int, reason: str, *, cut: bool = True,
                  extend: bool = False) -> None:
        """Hand ``a`` over to ``b`` on ``day``: ``a`` ends then if it ran longer (``cut``)
        or ended earlier (``extend``: the regisseur stays until the Raad takes over)."""
        if (cut and a.end > day) or (extend and a.end < day):
            a.end = max(a.start, day)
        self.plan_handovers.append((a, b, day, reason))

    def _assess(self, author: str, day: int) -> None:
        """A new version of the veiligheidskaart (only when it happened before today)."""
        rng = self.rng
        if day > self.last:
            return
        self.sa_version += 1
        v = self.sa_version
        if v == 1:
            state = [
                rng.sample(_CONCERNS, rng.randint(1, 4)),
                rng.sample(_STRENGTHS, rng.randint(0, 3)),
                rng.sample(_STEPS, rng.randint(1, 2)),
                rng.sample(_CONDITIONS, rng.randint(1, 3)),
                rng.sample(_MONITORING, rng.randint(0, 2)),
            ]
            self.sa_judgement = rng.randint(2, 6)
        else:
            state = [list(x) for x in self.sa_state]
            if len(state[0]) > 1 and rng.random() < 0.5:
                state[0].pop(rng.randrange(len(state[0])))
            if rng.random() < 0.3:
                extra = rng.choice(_CONCERNS)
                if extra not in state[0]:
                    state[0].append(extra)
            extra = rng.choice(_STRENGTHS)
            if extra not in state[1] and rng.random() < 0.5:
                state[1].append(extra)
            step = rng.choice(_STEPS)
            if step not in state[2]:
                state[2].append(step)
            self.sa_judgement = min(10, max(0, self.sa_judgement + rng.choice((-2, -1, 0, 1, 1,
                                                                              2))))
        self.sa_state = state
        self.sink.safety_assessments.append(SafetyAssessment.model_construct(
            id=f"sa-{self.cid[2:]}-{v}", case_id=self.cid, version=v, date=_date(day),
            author_id=author, concerns=state[0], strengths=state[1], steps=state[2],
            conditions=state[3], monitoring=state[4], judgement=self.sa_judgement,
            future_judgement=min(10, self.sa_judgement + rng.randint(0, 3)),
        ))

    def _assess_during(self, author: str, start: int, end: int) -> None:
        day = start + self.rng.randint(60, 150)
        while day < end:
            self._assess(author, day)
            day += self.rng.randint(90, 200)

    def _referrals(self, lo: int, hi: int, kids: list[_P], count: int) -> None:
        """Referrals to youth care or GGZ; some never start, some stop."""
        rng = self.rng
        w = self.w
        mother = self.mother
        for _ in range(count + (rng.randint(1, 3) if self.complex else 0)):
            if hi <= lo:
                return
            req = rng.randint(lo, hi)
            for_mother = not kids or rng.random() < 0.2
            person = mother if for_mother else rng.choice(kids)
            if not person.alive(req):
                continue
            otype = OT.ggz if for_mother or rng.random() < 0.2 else OT.jeugdhulpaanbieder
            started: int | None = None if rng.random() < 0.2 else req + rng.randint(7, 120)
            stopped: int | None = None
            if started is not None and (rng.random() < 0.6 or started < self.today - 540):
                stopped = started + rng.randint(60, 480)
            begin = started if started is not None else req
            pro, org = w.pick(rng, self.ri, otype, PR.jeugdhulpverlener, begin,
                              stopped if stopped is not None else begin + 540)
            if req > self.last:
                continue
            self.n_referral += 1
            self.sink.referrals.append(Referral.model_construct(
                id=f"rf-{self.fid}-{self.n_referral:02d}", person_id=person.id,
                provider_id=w.org_ids[org], case_id=self.cid,
                requested_date=_date(req),
                started_date=_opt_date(started if started is not None and started <= self.last
                                       else None),
                stopped_date=_opt_date(stopped if stopped is not None and stopped <= self.last
                                       else None),
            ))
            if started is not None:
                end = stopped if stopped is not None else self.last
                if person.death is not None:
                    end = min(end, person.death)
                self._work(None, pro, org, started, end, 1.2, 1, _K_CARE, [person],
                           0.9 if for_mother else 0.35)

    def _others(self, lo: int, hi: int, kids: list[_P], reporter: ReporterType) -> None:
        """School, huisarts, JGZ and police: contacts without an assignment."""
        rng = self.rng
        w = self.w
        mother = [self.mother] if self.mother.alive(lo) else []
        options: list[tuple[OT, PR, _Choice[CK], list[_P], float]] = [
            (OT.huisarts, PR.huisarts, _K_DOCTOR, mother or kids, 0.9),
        ]
        school = [c for c in kids if c.age(lo) >= 4]
        if school:
            options.append((OT.school, PR.leerkracht, _K_SCHOOL, school + mother, 0.5))
        young = [c for c in kids if c.age(lo) < 12]
        if young:
            options.append((OT.jgz, PR.jeugdarts, _K_JGZ, young + mother, 0.8))
        if reporter == ReporterType.police:
            options.append((OT.politie, PR.politieagent, _K_POLICE, kids + mother, 0.9))
        if hi < lo:
            return
        for _ in range(rng.randint(3, 7) if self.complex else rng.randint(1, 4)):
            otype, role, kinds, persons, mother_p = rng.choice(options)
            a = rng.randint(lo, hi)
            b = min(hi, a + rng.randint(0, 180))
            pro, org = w.pick(rng, self.ri, otype, role, a, b)
            self._work(None, pro, org, a, b, 0.0, rng.randint(1, 3), kinds, persons, mother_p)

    def _relay_case(self, d0: int, kids: list[_P], concerned: list[_P], escalate: bool,
                    reporter: ReporterType) -> tuple[int, ReportOutcome]:
        """The estafette: Veilig Thuis -> lokaal team -> Raad -> GI, with handovers."""
        rng = self.rng
        w = self.w
        ri = self.ri
        direct = escalate and rng.random() < 0.3
        investigation = not escalate and rng.random() < 0.2
        vt_end = d0 + (rng.randint(50, 120) if investigation else rng.randint(10, 40))
        pro, org = w.pick(rng, ri, OT.veilig_thuis, PR.veilig_thuis_medewerker, d0, vt_end)
        cur = self._work(AR.veilig_thuis_medewerker, pro, org, d0, vt_end, 2.0, 2, _K_VT,
                         concerned, 0.8)
        self._assess(pro, d0 + _DELAY(rng))
        outcome = (ReportOutcome.rvdk_request if direct else ReportOutcome.investigation
                   if investigation else ReportOutcome.referred_local_team)
        if vt_end > self.last:
            outcome = ReportOutcome.open
        t = vt_end
        if not direct:
            lt_end = vt_end + (rng.randint(60, 300) if escalate else rng.randint(90, 540))
            pro, org = w.pick(rng, ri, OT.lokaal_team, PR.regisseur, vt_end, lt_end,
                              self.team_org)
            reg = self._work(AR.regisseur, pro, org, vt_end, lt_end, 1.0, 2, _K_REGISSEUR,
                             concerned, 0.75)
            self._handover(cur, reg, vt_end, rng.choice(_R_VT_LT))
            cur = reg
            if rng.random() < 0.45:
                a = vt_end + rng.randint(0, 40)
                b = max(a, lt_end - rng.randint(0, 30))
                wpro, worg = w.pick(rng, ri, OT.lokaal_team, PR.wijkteammedewerker, a, b, org)
                self._work(AR.wijkteammedewerker, wpro, worg, a, b, 0.8, 1, _K_WIJKTEAM,
                           concerned, 0.8)
            self._assess_during(pro, vt_end, lt_end)
            self._referrals(vt_end, lt_end - 30, kids, _Choice([(0, 3), (1, 5), (2, 2)])(rng))
            t = lt_end
        if not escalate:
            return t + rng.randint(0, 21), outcome

        # Raad voor de Kinderbescherming
        rv_start = t + rng.randint(3, 21)
        spoed = rng.random() < 0.2
        rv_end = rv_start + (rng.randint(40, 70) if spoed else rng.randint(50, 120))
        pro, org = w.pick(rng, ri, OT.rvdk, PR.raadsonderzoeker, rv_start, rv_end)
        raad = self._work(AR.raadsonderzoeker, pro, org, rv_start, rv_end, 0.0,
                          rng.randint(3, 6), _K_RAAD, concerned, 0.7)
        self._handover(cur, raad, rv_start, _R_VT_RAAD if direct else rng.choice(_R_TO_RAAD),
                       extend=True)
        young = any(c.age(rv_end + 60) < 17.5 for c in kids)  # a measure needs a minor
        if not young or (not spoed and rng.random() >= 0.85):  # no grounds: back to voluntary
            back = rv_end + rng.randint(1, 14)
            end = back + rng.randint(90, 300)
            pro, org = w.pick(rng, ri, OT.lokaal_team, PR.regisseur, back, end, self.team_org)
            reg = self._work(AR.regisseur, pro, org, back, end, 1.0, 2, _K_REGISSEUR,
                             concerned, 0.75)
            self._handover(raad, reg, back, _R_RAAD_LT)
            self._assess_during(pro, back, end)
            self._referrals(back, end - 30, kids, rng.randint(0, 2))
            return end + rng.randint(0, 21), outcome

        gi_start, chain_end, jb, gi_org = self._measures(rv_start, rv_end, spoed, kids, None)
        jbw = self._work(AR.jeugdbeschermer, jb, gi_org, gi_start, chain_end, 1.1, 2, _K_GI,
                         concerned, 0.6)
        self._handover(raad, jbw, gi_start, _R_RAAD_GI, cut=False)
        if rng.random() < 0.4:
            a = gi_start + rng.randint(0, 60)
            gpro, gorg = w.pick(rng, ri, OT.gi, PR.gedragswetenschapper, a, a + 120, gi_org)
            self._work(AR.gedragswetenschapper, gpro, gorg, a, a + rng.randint(30, 120), 0.0,
                       rng.randint(1, 3), _K_GW, concerned, 0.7)
        # turnover of jeugdbeschermers: the long tail of professionals per mother
        cur = jbw
        day = gi_start
        while True:
            day += rng.randint(120, 400) if self.complex else rng.randint(200, 700)
            if day >= chain_end - 30:
                break
            if rng.random() < (0.7 if self.complex else 0.4):
                pro, org = w.pick(rng, ri, OT.gi, PR.jeugdbeschermer, day, chain_end, gi_org)
                nxt = self._work(AR.jeugdbeschermer, pro, org, day, chain_end, 1.1, 1, _K_GI,
                                 concerned, 0.6)
                self._handover(cur, nxt, day, rng.choice(_R_TURNOVER))
                cur = nxt
        self._assess_during(jb, gi_start, chain_end)
        self._referrals(gi_start, chain_end - 60, kids, _Choice([(0, 2), (1, 4), (2, 3),
                                                                 (3, 1)])(rng))
        close = chain_end
        voogdij = self.voogdij
        if voogdij is not None:
            pro, org = w.pick(rng, ri, OT.gi, PR.voogd, voogdij.start, voogdij.end, gi_org)
            vw = self._work(AR.voogd, pro, org, voogdij.start, voogdij.end, 0.8, 1, _K_GI,
                            [voogdij.child], 0.4)
            self._handover(cur, vw, voogdij.start, _R_VOOGD)
            close = max(close, voogdij.end)
        return close + rng.randint(0, 30), outcome

    def _team_case(self, d0: int, kids: list[_P], concerned: list[_P],
                   escalate: bool) -> tuple[int, ReportOutcome]:
        """The team model: a duo from two organisations stays from start to end."""
        rng = self.rng
        w = self.w
        ri = self.ri
        start = d0 + rng.randint(1, 6)
        horizon = start + 730
        reg, reg_org = w.pick(rng, ri, OT.lokaal_team, PR.regisseur, start, horizon,
                              self.team_org)
        role = PR.save_werker if rng.random() < 0.5 else PR.jeugdbeschermer
        duo, gi_org = w.pick(rng, ri, OT.gi, role, start, horizon)
        a = self._work(AR.regisseur, reg, reg_org, start, start, 0.9, 2, _K_REGISSEUR,
                       concerned, 0.75, co=duo)
        b = self._work(AR.duo_partner, duo, gi_org, start, start, 0.6, 1, _K_REGISSEUR,
                       concerned, 0.75, co=reg)
        self._assess(reg, max(start, d0 + _DELAY(rng)))
        if not escalate:
            close = start + rng.randint(120, 700)
        else:
            rv_start = start + rng.randint(60, 300)
            spoed = rng.random() < 0.2
            rv_end = rv_start + (rng.randint(40, 70) if spoed else rng.randint(50, 120))
            pro, org = w.pick(rng, ri, OT.rvdk, PR.raadsonderzoeker, rv_start, rv_end)
            self._work(AR.raadsonderzoeker, pro, org, rv_start, rv_end, 0.0, rng.randint(3, 6),
                       _K_RAAD, concerned, 0.7)
            young = any(c.age(rv_end + 60) < 17.5 for c in kids)
            if not young or (not spoed and rng.random() >= 0.85):
                close = rv_end + rng.randint(60, 300)
            else:
                _, chain_end, _, _ = self._measures(rv_start, rv_end, spoed, kids, (duo, gi_org))
                close = chain_end
                if self.voogdij is not None:
                    close = max(close, self.voogdij.end)
        a.end = b.end = close
        self._assess_during(reg, start, close)
        self._referrals(start, close - 30, kids, _Choice([(0, 2), (1, 5), (2, 3)])(rng))
        outcome = ReportOutcome.rvdk_request if escalate and rng.random() < 0.3 else (
            ReportOutcome.referred_local_team)
        return close + rng.randint(0, 21), outcome

    def _measure(self, kind: MeasureKind, child: _P, requested: int, decision: int, start: int,
                 end: int, gi: int, extends: str | None = None) -> _Meas:
        self.n_measure += 1
        m = _Meas(f"m-{self.fid}-{self.n_measure:02d}", kind, child, requested, decision, start,
                  end, self.region.orgs[OT.rechtbank][0], gi, extends)
        self.plan_measures.append(m)
        return m

    def _measures(self, rv_start: int, rv_end: int, spoed: bool, kids: list[_P],
                  duo: tuple[str, int] | None) -> tuple[int, int, str, int]:
        """OTS per child (with extensions), voorlopige OTS, uithuisplaatsing, voogdij.

        Returns (GI start, end of the last OTS, jeugdbeschermer, GI organisation).
        """
        rng = self.rng
        self.voogdij = None
        ots_req = rv_end
        ots_dec = rv_end + rng.randint(10, 50)
        v_dec = rv_start + rng.randint(1, 6)
        if spoed:
            ots_dec = min(ots_dec, v_dec + 90)
            gi_start = v_dec + rng.randint(0, 5)
        else:
            gi_start = ots_dec + rng.randint(0, 7)
        if duo is not None:
            jb, gi_org = duo
        else:
            jb, gi_org = self.w.pick(rng, self.ri, OT.gi, PR.jeugdbeschermer, gi_start,
                                     gi_start + 365)
        chain_end = gi_start + 30
        children = [c for c in kids if c.alive(ots_dec) and c.age(ots_dec) < 17.8]
        placed = rng.choice(children) if children and rng.random() < 0.22 else None
        chains: list[tuple[_P, int, int]] = []
        for c in children:
            adult = c.birth + _years(18) - 1
            if spoed:
                self._measure(MeasureKind.voorlopige_ots, c, rv_start, v_dec, v_dec, ots_dec - 1,
                              gi_org)
            m = self._measure(MeasureKind.ots, c, ots_req, ots_dec, ots_dec,
                              min(ots_dec + 364, adult), gi_org)
            first = m
            chance = 0.65
            while m.end < adult - 30 and rng.random() < chance:
                end = m.end
                m = self._measure(MeasureKind.ots, c, end - rng.randint(20, 60),
                                  end - rng.randint(0, 15), end + 1, min(end + 365, adult),
                                  gi_org, extends=m.id)
                chance -= 0.1
            chains.append((c, ots_dec, m.end))
            chain_end = max(chain_end, m.end)
            if c is placed:
                self._placement(c, first, m.end, gi_org)
        if chains and duo is None and rng.random() < 0.12:
            c, s, e = max(chains, key=lambda x: x[2])
            adult = c.birth + _years(18) - 1
            if e - s >= 700 and e + 60 < adult and e == chain_end:
                self.voogdij = self._measure(MeasureKind.voogdij, c, e - rng.randint(40, 90),
                                             e - rng.randint(0, 20), e + 1, adult, gi_org)
        return gi_start, chain_end, jb, gi_org

    def _placement(self, c: _P, ots: _Meas, chain_end: int, gi_org: int) -> None:
        """Machtiging uithuisplaatsing: a foster family or residential youth care."""
        rng = self.rng
        start = ots.start + rng.randint(0, max(0, min(150, ots.end - ots.start - 30)))
        requested = start - rng.randint(3, 20)
        decision = rng.randint(requested, start)
        end = min(start + 364, chain_end)
        mu = self._measure(MeasureKind.machtiging_uithuisplaatsing, c, requested, decision, start,
                           end, gi_org)
        if end + 30 < chain_end and rng.random() < 0.4:
            mu = self._measure(MeasureKind.machtiging_uithuisplaatsing, c, end - 30,
                               end - rng.randint(0, 20), end + 1, min(end + 365, chain_end),
                               gi_org, extends=mu.id)
        back = mu.end
        if start > self.last:
            return
        for m in self.home.get(c.id, []):
            if m.start <= start and (m.end is None or m.end >= start):
                old_end = m.end
                m.end = start - 1
                if rng.random() < 0.6 and back < self.last and (old_end is None or back < old_end):
                    self._home(c, back + 1, old_end)
                break
        if rng.random() < 0.55:  # a foster family
            name = self._surname()
            fa = self._person(Sex.male, start - _years(rng.uniform(30, 50)), name)
            fm = self._person(Sex.female, fa.birth + rng.randint(-4 * 365, 3 * 365),
                              self._surname())
            fu = self._union(UnionKind.married, [fa, fm], min(
                max(fa.birth, fm.birth) + _years(rng.uniform(20, 26)), start - 365))
            ended = back if back <= self.last else None
            self._link(c, fu, ChildKind.foster, start=start, end=ended)
            fh = self._household(name, "Pleeggezin")
            self._member(fh, fa, fu.start, None)
            self._member(fh, fm, fu.start, None)
            self._member(fh, c, start, ended)
        else:  # residential care at a jeugdhulpaanbieder
            pro, org = self.w.pick(rng, self.ri, OT.jeugdhulpaanbieder, PR.jeugdhulpverlener,
                                   start, back)
            self.n_referral += 1
            self.sink.referrals.append(Referral.model_construct(
                id=f"rf-{self.fid}-{self.n_referral:02d}", person_id=c.id,
                provider_id=self.w.org_ids[org], case_id=self.cid,
                requested_date=_date(requested), started_date=_date(start),
                stopped_date=_opt_date(back if back <= self.last else None),
            ))
            self._work(None, pro, org, start, back, 1.5, 1, _K_CARE, [c], 0.2)

    def _jeugdreclassering(self, c: _P, start: int, concerned: list[_P]) -> None:
        rng = self.rng
        end = start + rng.randint(180, 365)
        pro, org = self.w.pick(rng, self.ri, OT.gi, PR.jeugdreclasseerder, start, end)
        self._measure(MeasureKind.jeugdreclassering, c, start - rng.randint(14, 45), start,
                      start, end, org)
        self._work(AR.jeugdreclasseerder, pro, org, start, end, 1.2, 1, _K_GI,
                   [c] + [p for p in concerned if p is self.mother], 0.5)

    def _emit_case_plan(self) -> int:
        """Clip the plan at today, write assignments, handovers, measures and contacts."""
        sink = self.sink
        orgs = self.w.org_ids
        last = self.last
        cid = self.cid
        for wk in self.works:
            if wk.aid is None or wk.role is None:
                self._contacts(wk, cid)
                continue
            if wk.start > last:
                wk.dropped = True
                continue
            sink.assignments.append(Assignment.model_construct(
                id=wk.aid, professional_id=wk.pro, case_id=cid, organisation_id=orgs[wk.org],
                role=wk.role, start_date=_date(wk.start),
                end_date=_date(wk.end) if wk.end <= last else None,
            ))
            self._contacts(wk, cid)
        for a, b, day, reason in self.plan_handovers:
            if a.dropped or b.dropped or day > last or a.aid is None or b.aid is None:
                continue
            self.n_handover += 1
            sink.handovers.append(Handover.model_construct(
                id=f"ho-{self.fid}-{self.n_handover:02d}", from_assignment_id=a.aid,
                to_assignment_id=b.aid, date=_date(day), reason=reason,
            ))
        count = 0
        for m in self.plan_measures:
            if m.start > last or m.decision > last:
                continue
            count += 1
            sink.measures.append(Measure.model_construct(
                id=m.id, kind=m.kind, child_id=m.child.id, requested_date=_date(m.requested),
                decision_date=_date(m.decision), start_date=_date(m.start),
                end_date=_date(m.end), court_id=orgs[m.court], gi_id=orgs[m.gi],
                case_id=cid, extends_id=m.extends,
            ))
        return count

    # ------------------------------------------------------------- contacts

    def _contacts(self, wk: _Work, cid: str | None) -> None:
        """Contacts of one involvement, spread over its period (the hot loop: kept lean)."""
        rng = self.rng
        end = min(wk.end, self.last)
        if wk.start > end:
            return
        span = end - wk.start + 1
        n = int(span / 30.44 * wk.rate * rng.uniform(0.45, 1.05) + 0.5)
        n = max(n, wk.min_n)
        mother = self.mother
        others = [p for p in wk.persons if p is not mother]
        has_mother = len(others) < len(wk.persons)
        append = self.sink.contacts.append
        construct = Contact.model_construct
        fromordinal = dt.date.fromordinal
        random_ = rng.random
        start = wk.start
        for _ in range(n):
            day = start + int(random_() * span)
            present = [p for p in others if p.alive(day)]
            chosen: list[str] = []
            if has_mother and mother.alive(day) and (not present or random_() < wk.mother_p):
                chosen.append(mother.id)
            if present:
                r = random_()
                extra = (0 if r < 0.25 else 1 if r < 0.75 else 2) if chosen else (
                    1 if r < 0.75 else 2)
                if extra == 1 or len(present) == 1:
                    chosen.append(present[int(random_() * len(present))].id)
                elif extra == 2:
                    chosen.extend(p.id for p in rng.sample(present, 2))
            if not chosen:
                continue
            co = wk.co
            pros = [wk.pro] if co is None or co == wk.pro or random_() >= 0.4 else sorted(
                (wk.pro, co))
            self.n_contact += 1
            append(construct(
                id=f"ct-{self.fid}-{self.n_contact:04d}", date=fromordinal(day),
                kind=wk.kinds(rng), professional_ids=pros,
                person_ids=sorted(chosen) if len(chosen) > 1 else chosen, case_id=cid,
            ))

    def _routine_contacts(self) -> None:
        """Consultatiebureau (JGZ) visits and a visit to the huisarts, in every family."""
        rng = self.rng
        w = self.w
        lo = max(_EARLIEST, self.today - _years(10))
        pairs: list[tuple[_P, _P]] = [(c, self.mother) for c in self.birth_kids]
        if self.grandchild is not None:
            pairs.append(self.grandchild)
        for child, parent in pairs:
            for at in (14, 120, 365, 730, 1370):
                if rng.random() >= 0.35:
                    continue
                day = child.birth + at + rng.randint(0, 60)
                if not lo <= day <= self.last or not child.alive(day):
                    continue
                pro, org = w.pick(rng, self.ri, OT.jgz, PR.jeugdarts, day, day)
                persons = [child, parent] if parent.alive(day) else [child]
                wk = _Work(None, None, pro, org, day, day, 0.0, 1, _K_JGZ, persons, 1.0)
                self._contacts(wk, None)
        if rng.random() < 0.25:
            day = rng.randint(max(lo, self.today - _years(6)), self.last)
            if self.mother.alive(day):
                pro, org = w.pick(rng, self.ri, OT.huisarts, PR.huisarts, day, day)
                self._contacts(_Work(None, None, pro, org, day, day, 0.0, 1, _K_DOCTOR,
                                     [self.mother], 1.0), None)

    # ------------------------------------------------------------- emission

    def _emit_family(self) -> None:
        sink = self.sink
        last = self.last
        for p in self.persons:
            sink.persons.append(Person.model_construct(
                id=p.id, given_names=p.given, prefix=p.prefix, surname=p.surname, sex=p.sex,
                birth_date=_date(p.birth), death_date=_opt_date(p.death), bsn=p.bsn,
            ))
        for u in self.unions:
            sink.unions.append(Union.model_construct(
                id=u.id, kind=u.kind, partner_ids=sorted(p.id for p in u.partners),
                start_date=_date(u.start), end_date=_opt_date(u.end), end_reason=u.reason,
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
                start_date=_date(start), end_date=_opt_date(end),
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
                id=h.id, name=h.name, municipality=h.municipality, start_date=_date(start),
                end_date=_opt_date(end),
            ))


# ------------------------------------------------------------------------------- public API


def _check(families: int, start_index: int, today: dt.date) -> None:
    if families < 0 or start_index < 0:
        raise ValueError("families and start_index must not be negative")
    if start_index + families > MAX_FAMILIES:
        raise ValueError(f"at most {MAX_FAMILIES} families")
    if today < _MIN_TODAY:
        raise ValueError(f"today must not be before {_MIN_TODAY.isoformat()}")


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building millions of small acyclic objects.

    The records form no reference cycles (reference counting frees them), but every
    generation-2 collection walks the whole growing heap: pausing halves generation time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _families(world: _World, sink: _Sink, start: int, stop: int) -> None:
    with _gc_paused():
        for k in range(start, stop):
            _Family(world, sink, k).build()


def generate(
    *, families: int, seed: int, start_index: int = 0, today: dt.date = DEFAULT_TODAY,
) -> Bundle:
    """Families ``start_index .. start_index + families - 1`` plus the world, as one bundle.

    The world is sized for ``start_index + families`` families (see :func:`professionals_for`),
    so ``generate(families=N, seed=S)`` equals the concatenation of
    ``generate_chunks(families=N, seed=S)``.
    """
    _check(families, start_index, today)
    world = _World(seed=seed, professionals=professionals_for(start_index + families),
                   today=today)
    sink = _Sink()
    world.emit(sink)
    _families(world, sink, start_index, start_index + families)
    return sink.bundle()


def generate_chunks(
    *, families: int, seed: int, chunk_families: int = 2000, today: dt.date = DEFAULT_TODAY,
) -> Iterator[Bundle]:
    """The records of ``generate(families=..., seed=...)`` in bundles of at most
    ``chunk_families`` families; the world (organisations, professionals, employments) is in
    the first bundle only."""
    if chunk_families < 1:
        raise ValueError("chunk_families must be at least 1")
    _check(families, 0, today)
    world = _World(seed=seed, professionals=professionals_for(families), today=today)
    start = 0
    while True:
        sink = _Sink()
        if start == 0:
            world.emit(sink)
        stop = min(families, start + chunk_families)
        _families(world, sink, start, stop)
        yield sink.bundle()
        start = stop
        if start >= families:
            return


def generate_lineage(
    *, persons: int, generations: int, lineages: int = 1, professionals: int = 0, seed: int = 1,
    today: dt.date = DEFAULT_TODAY, prefix: str = "lin",
) -> Lineage:
    """One large connected family of about ``persons`` persons over ``generations``
    generations, grown from ``lineages`` founding couples whose descendants intermarry, with
    ``professionals`` professionals around the youngest family (see
    :mod:`genogram_service.synthetic.lineage`). Deterministic, like :func:`generate`."""
    from genogram_service.synthetic.lineage import build_lineage

    return build_lineage(persons=persons, generations=generations, lineages=lineages,
                         professionals=professionals, seed=seed, today=today, prefix=prefix)
