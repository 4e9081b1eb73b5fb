"""Data for the query catalogue tests: generated families plus hand-made awkward records, and a
plain-Python index of the records from which the tests compute the expected answers (never via
Cypher).

The awkward cases (ids starting with ``x-``): contacts exactly on both window boundaries and a
day outside them, a professional who changes employer inside the window and holds several
roles, a contact on a day no employment covers, a child living in two families (one of them
generated), a step-mother, a mother who died inside the window and one who died before it,
siblings under measures of two different GIs and with two different jeugdbeschermers, an OTS
with extensions still running, a gap in responsibility, a new melding after closure and a
referral that never started.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta

from genogram_service.container import build_services
from genogram_service.db import Graph
from genogram_service.records import KINDS, Bundle
from genogram_service.records.entities import (
    Assignment,
    Case,
    ChildLink,
    Contact,
    Employment,
    Handover,
    Household,
    HouseholdMembership,
    Measure,
    Person,
    Professional,
    Referral,
    Report,
    SafetyAssessment,
    Union,
)
from genogram_service.security.access import Guard
from genogram_service.settings import Settings
from genogram_service.synthetic.seed import DEFAULT_TODAY, generate

FAMILIES = 60
SEED = 21
#: the generated data's reference date; queries run with today = TODAY
TODAY = DEFAULT_TODAY
#: the four-year window of the population questions: [START, END], both inclusive
START = TODAY - relativedelta(years=4)
END = TODAY - dt.timedelta(days=1)
DAY = dt.timedelta(days=1)
MUNICIPALITY = "Teststad"


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# ----------------------------------------------------------------------------- the dataset


def _first(records: Iterable[Any], **match: Any) -> Any:
    for r in records:
        if all(getattr(r, k) == v for k, v in match.items()):
            return r
    raise LookupError(match)


def awkward(base: Bundle) -> dict[str, list[Any]]:
    """Hand-made records (validated through the models) that use the generated world."""
    gis = [o.id for o in base.organisations if o.type == "gi"]
    gi_a, gi_b = gis[0], gis[1]
    court = _first(base.organisations, type="rechtbank").id
    vt = _first(base.organisations, type="veilig_thuis").id
    team = _first(base.organisations, type="lokaal_team").id
    care = _first(base.organisations, type="jeugdhulpaanbieder").id
    ggz = _first(base.organisations, type="ggz").id
    jb = _first(base.professionals, role="jeugdbeschermer").id
    jb2 = [p.id for p in base.professionals if p.role == "jeugdbeschermer"][1]
    other_mother = f"p-s{SEED}-000001-00"
    other_union = next(u.id for u in base.unions if other_mother in u.partner_ids)
    other_home = next(m.household_id for m in base.household_memberships
                      if m.person_id == other_mother)

    def person(pid: str, sex: str, born: str, died: str | None = None) -> Person:
        return Person(id=pid, given_names=pid.split("-")[1].capitalize(), surname="Xander",
                      sex=sex, birth_date=d(born), death_date=d(died) if died else None)

    persons = [
        person("x-mum", "female", "1985-03-10"), person("x-dad", "male", "1983-07-02"),
        person("x-kid1", "male", "2012-05-01"), person("x-kid2", "female", "2014-08-20"),
        person("x-step", "female", "1988-11-30"),
        person("x-mum2", "female", "1980-01-20", died="2024-03-01"),
        person("x-kid3", "other", "2010-02-28"),
        person("x-mum3", "female", "1979-04-04", died="2021-01-01"),
        person("x-kid4", "male", "2008-12-12"),
    ]
    unions = [
        Union(id="x-u1", kind="married", partner_ids=["x-mum", "x-dad"], start_date=d("2010-06-01"),
              end_date=d("2019-06-30"), end_reason="divorced"),
        Union(id="x-u2", kind="cohabiting", partner_ids=["x-dad", "x-step"],
              start_date=d("2020-01-01")),
        Union(id="x-u3", kind="other", partner_ids=["x-mum2"]),
        Union(id="x-u4", kind="other", partner_ids=["x-mum3"]),
    ]
    child_links = [
        ChildLink(id="x-cl1", child_id="x-kid1", union_id="x-u1"),
        ChildLink(id="x-cl2", child_id="x-kid2", union_id="x-u1"),
        ChildLink(id="x-cl3", child_id="x-kid1", union_id="x-u2", kind="step",
                  start_date=d("2020-01-01")),
        ChildLink(id="x-cl4", child_id="x-kid3", union_id="x-u3"),
        ChildLink(id="x-cl5", child_id="x-kid4", union_id="x-u4"),
        # x-kid2 is also a foster child in a generated family
        ChildLink(id="x-cl6", child_id="x-kid2", union_id=other_union, kind="foster",
                  start_date=d("2021-01-01")),
    ]
    households = [
        Household(id="x-h1", name="Gezin Xander", municipality=MUNICIPALITY,
                  start_date=d("2010-06-01")),
        Household(id="x-h2", name="Huishouden Xander", municipality=MUNICIPALITY,
                  start_date=d("2020-01-01")),
        Household(id="x-h3", name="Gezin Xander-2", municipality=MUNICIPALITY,
                  start_date=d("2010-02-28")),
    ]
    memberships = [
        HouseholdMembership(id="x-hm1", person_id="x-mum", household_id="x-h1",
                            start_date=d("2010-06-01")),
        HouseholdMembership(id="x-hm2", person_id="x-dad", household_id="x-h1",
                            start_date=d("2010-06-01"), end_date=d("2019-06-30")),
        HouseholdMembership(id="x-hm3", person_id="x-kid1", household_id="x-h1",
                            start_date=d("2012-05-01"), end_date=d("2019-12-31")),
        HouseholdMembership(id="x-hm4", person_id="x-kid2", household_id="x-h1",
                            start_date=d("2014-08-20"), end_date=d("2020-12-31")),
        HouseholdMembership(id="x-hm5", person_id="x-dad", household_id="x-h2",
                            start_date=d("2020-01-01")),
        HouseholdMembership(id="x-hm6", person_id="x-step", household_id="x-h2",
                            start_date=d("2020-01-01")),
        HouseholdMembership(id="x-hm7", person_id="x-kid1", household_id="x-h2",
                            start_date=d("2020-01-01")),
        HouseholdMembership(id="x-hm8", person_id="x-kid2", household_id=other_home,
                            start_date=d("2021-01-01")),
        HouseholdMembership(id="x-hm9", person_id="x-mum2", household_id="x-h3",
                            start_date=d("2010-02-28"), end_date=d("2024-03-01")),
        HouseholdMembership(id="x-hm10", person_id="x-kid3", household_id="x-h3",
                            start_date=d("2010-02-28")),
    ]
    professionals = [
        Professional(id="x-pro-mover", name="Mo Verhuizer", role="jeugdbeschermer"),
        Professional(id="x-pro-gap", name="Gea Tussenpoos", role="wijkteammedewerker"),
        *(Professional(id=f"x-pro-b{i}", name=f"Bea Grens {i}", role="other") for i in range(4)),
    ]
    employments = [
        Employment(id="x-emp-mover-1", professional_id="x-pro-mover", organisation_id=gi_a,
                   start_date=d("2010-01-01"), end_date=d("2023-06-30")),
        Employment(id="x-emp-mover-2", professional_id="x-pro-mover", organisation_id=team,
                   start_date=d("2023-07-01")),
        Employment(id="x-emp-gap", professional_id="x-pro-gap", organisation_id=team,
                   start_date=d("2010-01-01"), end_date=d("2022-12-31")),
        *(Employment(id=f"x-emp-b{i}", professional_id=f"x-pro-b{i}", organisation_id=ggz,
                     start_date=d("2015-01-01")) for i in range(4)),
    ]
    cases = [
        Case(id="x-c1", opened=d("2017-09-01"), closed=d("2020-03-31"), framework="court_ordered",
             municipality=MUNICIPALITY, person_ids=["x-mum", "x-kid1"]),
        Case(id="x-c4", opened=d("2017-10-01"), closed=d("2020-06-30"), framework="court_ordered",
             municipality=MUNICIPALITY, person_ids=["x-mum", "x-kid2"]),
        Case(id="x-c2", opened=d("2022-01-15"), closed=d("2024-02-01"), framework="court_ordered",
             municipality=MUNICIPALITY, person_ids=["x-mum2", "x-kid3"]),
        Case(id="x-c3", opened=d("2019-05-01"), closed=d("2020-12-01"), framework="voluntary",
             municipality=MUNICIPALITY, person_ids=["x-mum3", "x-kid4"]),
    ]
    assignments = [
        # the same professional in several roles, on behalf of its employer of the time
        Assignment(id="x-a1", professional_id="x-pro-mover", case_id="x-c1", organisation_id=gi_a,
                   role="regisseur", start_date=d("2017-09-01"), end_date=d("2017-12-31")),
        Assignment(id="x-a2", professional_id=jb, case_id="x-c1", organisation_id=gi_a,
                   role="jeugdbeschermer", start_date=d("2018-01-01"), end_date=d("2020-03-31")),
        Assignment(id="x-a3", professional_id="x-pro-mover", case_id="x-c4", organisation_id=gi_a,
                   role="jeugdbeschermer", start_date=d("2018-01-01"), end_date=d("2019-12-31")),
        Assignment(id="x-a4", professional_id="x-pro-mover", case_id="x-c2", organisation_id=team,
                   role="regisseur", start_date=d("2023-07-01"), end_date=d("2023-12-31")),
        Assignment(id="x-a5", professional_id=jb2, case_id="x-c2", organisation_id=gi_b,
                   role="jeugdbeschermer", start_date=d("2022-03-01")),
        Assignment(id="x-a6", professional_id="x-pro-gap", case_id="x-c3", organisation_id=team,
                   role="regisseur", start_date=d("2019-05-01"), end_date=d("2019-09-30")),
        Assignment(id="x-a7", professional_id=jb, case_id="x-c3", organisation_id=team,
                   role="wijkteammedewerker", start_date=d("2020-01-15"), end_date=d("2020-12-01")),
    ]
    handovers = [
        Handover(id="x-ho1", from_assignment_id="x-a1", to_assignment_id="x-a2",
                 date=d("2018-01-01"), reason="Kinderrechter spreekt een OTS uit"),
        Handover(id="x-ho2", from_assignment_id="x-a6", to_assignment_id="x-a7",
                 date=d("2020-01-15"), reason="Na een wachtlijst"),
    ]
    measures = [
        Measure(id="x-m1", kind="ots", child_id="x-kid1", requested_date=d("2017-11-15"),
                decision_date=d("2017-12-20"), start_date=d("2018-01-01"),
                end_date=d("2018-12-31"), court_id=court, gi_id=gi_a, case_id="x-c1"),
        Measure(id="x-m2", kind="ots", child_id="x-kid1", requested_date=d("2018-11-20"),
                decision_date=d("2018-12-18"), start_date=d("2019-01-01"),
                end_date=d("2019-12-31"), court_id=court, gi_id=gi_a, case_id="x-c1",
                extends_id="x-m1"),
        Measure(id="x-m3", kind="ots", child_id="x-kid2", requested_date=d("2018-04-03"),
                decision_date=d("2018-05-29"), start_date=d("2018-06-01"),
                end_date=d("2019-05-31"), court_id=court, gi_id=gi_b, case_id="x-c4"),
        Measure(id="x-m4", kind="machtiging_uithuisplaatsing", child_id="x-kid1",
                requested_date=d("2018-02-01"), decision_date=d("2018-02-20"),
                start_date=d("2018-03-01"), end_date=d("2018-12-31"), court_id=court, gi_id=gi_a,
                case_id="x-c1"),
        Measure(id="x-m5", kind="ots", child_id="x-kid3", requested_date=d("2022-01-20"),
                decision_date=d("2022-02-25"), start_date=d("2022-03-01"),
                end_date=d("2023-02-28"), court_id=court, gi_id=gi_b, case_id="x-c2"),
        Measure(id="x-m6", kind="ots", child_id="x-kid3", start_date=d("2023-03-01"),
                end_date=d("2024-02-28"), court_id=court, gi_id=gi_b, case_id="x-c2",
                extends_id="x-m5"),
        Measure(id="x-m7", kind="ots", child_id="x-kid3", start_date=d("2024-02-29"),
                court_id=court, gi_id=gi_b, extends_id="x-m6"),
    ]
    reports = [
        Report(id="x-r1", date=d("2017-08-25"), reporter_type="school", outcome="investigation",
               person_ids=["x-kid1"], organisation_id=vt, case_id="x-c1"),
        Report(id="x-r4", date=d("2017-09-20"), reporter_type="police", outcome="investigation",
               person_ids=["x-kid2", "x-mum"], organisation_id=vt, case_id="x-c4"),
        Report(id="x-r5", date=d("2020-09-01"), reporter_type="neighbour", outcome="advice",
               person_ids=["x-mum"], organisation_id=vt),
        Report(id="x-r2", date=d("2022-01-10"), reporter_type="huisarts",
               outcome="rvdk_request", person_ids=["x-kid3"], organisation_id=vt,
               case_id="x-c2"),
    ]
    assessments = [
        SafetyAssessment(id="x-sa1", case_id="x-c1", version=1, date=d("2017-09-05"),
                         author_id="x-pro-mover", judgement=3),
        SafetyAssessment(id="x-sa2", case_id="x-c2", version=1, date=d("2022-01-20"),
                         author_id=jb2, judgement=4),
    ]
    referrals = [
        Referral(id="x-rf1", person_id="x-kid1", provider_id=care, case_id="x-c1",
                 requested_date=d("2019-01-10")),
        Referral(id="x-rf2", person_id="x-kid3", provider_id=ggz, case_id="x-c2",
                 requested_date=d("2022-05-01"), started_date=d("2022-06-01"),
                 stopped_date=d("2023-01-01")),
        Referral(id="x-rf3", person_id="x-mum2", provider_id=ggz,
                 requested_date=d("2023-10-01"), stopped_date=d("2023-11-01")),
    ]

    n = 0

    def contact(day: dt.date, pros: list[str], people: list[str], case: str | None = None,
                kind: str = "home_visit") -> Contact:
        nonlocal n
        n += 1
        return Contact(id=f"x-ct{n:02d}", date=day, kind=kind, professional_ids=pros,
                       person_ids=people, case_id=case)

    contacts = [
        # the window boundaries: on them (counted) and a day outside them (not counted)
        contact(START, ["x-pro-b0"], ["x-mum"]),
        contact(END, ["x-pro-b1"], ["x-mum"]),
        contact(START - DAY, ["x-pro-b2"], ["x-mum"]),
        contact(END + DAY, ["x-pro-b3"], ["x-mum"]),
        # the last day at one employer and the first at the next
        contact(d("2023-06-30"), ["x-pro-mover"], ["x-mum", "x-kid2"]),
        contact(d("2023-07-01"), ["x-pro-mover"], ["x-mum"]),
        # a day no employment covers
        contact(d("2023-03-15"), ["x-pro-gap"], ["x-mum"]),
        # two professionals at once (they met)
        contact(d("2024-05-05"), ["x-pro-b0", "x-pro-mover"], ["x-mum"], kind="case_conference"),
        # the earlier cases, the deceased mothers
        contact(d("2017-09-03"), ["x-pro-mover"], ["x-mum", "x-kid1"], "x-c1"),
        contact(d("2018-02-14"), [jb], ["x-mum", "x-kid1"], "x-c1"),
        contact(d("2018-03-14"), ["x-pro-mover"], ["x-kid2"], "x-c4"),
        contact(d("2022-02-10"), [jb2], ["x-mum2", "x-kid3"], "x-c2"),
        contact(d("2024-03-01"), [jb2], ["x-mum2"], "x-c2", kind="phone"),
        contact(d("2024-06-01"), [jb2, "x-pro-b2"], ["x-kid3"], "x-c2"),
        contact(d("2019-06-01"), ["x-pro-gap"], ["x-mum3", "x-kid4"], "x-c3"),
        contact(d("2020-11-30"), [jb], ["x-mum3"], "x-c3"),
        contact(d("2023-09-09"), [jb2], ["x-kid2"]),
    ]
    return {
        "persons": persons, "unions": unions, "child_links": child_links,
        "households": households, "household_memberships": memberships,
        "professionals": professionals, "employments": employments, "cases": cases,
        "assignments": assignments, "handovers": handovers, "measures": measures,
        "reports": reports, "safety_assessments": assessments, "referrals": referrals,
        "contacts": contacts,
    }


@cache
def dataset() -> Bundle:
    """The generated families plus the awkward records, as one bundle."""
    base = generate(families=FAMILIES, seed=SEED)
    extra = awkward(base)
    groups = {k.plural: list(getattr(base, k.plural)) + extra.get(k.plural, []) for k in KINDS}
    return Bundle.model_construct(**groups)


# ----------------------------------------------------------------------------- the index


class World:
    """The records of a bundle, indexed for computing expected answers in plain Python."""

    def __init__(self, b: Bundle) -> None:
        self.persons = {p.id: p for p in b.persons}
        self.unions = {u.id: u for u in b.unions}
        self.orgs = {o.id: o for o in b.organisations}
        self.pros = {p.id: p for p in b.professionals}
        self.households = {h.id: h for h in b.households}
        self.cases = {c.id: c for c in b.cases}
        self.assignments = {a.id: a for a in b.assignments}
        self.contacts = list(b.contacts)
        self.measures = {m.id: m for m in b.measures}
        self.reports = list(b.reports)
        self.referrals = list(b.referrals)
        self.assessments = list(b.safety_assessments)
        self.child_links = list(b.child_links)
        self.handovers = list(b.handovers)
        self.memberships = list(b.household_memberships)
        self.jobs: dict[str, list[Employment]] = defaultdict(list)
        for e in b.employments:
            self.jobs[e.professional_id].append(e)
        self.contacts_of: dict[str, list[Contact]] = defaultdict(list)
        for c in self.contacts:
            for pid in c.person_ids:
                self.contacts_of[pid].append(c)
        self.members_of: dict[str, list[HouseholdMembership]] = defaultdict(list)
        for m in self.memberships:
            self.members_of[m.household_id].append(m)
        self.links_of: dict[str, list[ChildLink]] = defaultdict(list)
        for link in self.child_links:
            self.links_of[link.child_id].append(link)
        self.case_assignments: dict[str, list[Assignment]] = defaultdict(list)
        for a in self.assignments.values():
            self.case_assignments[a.case_id].append(a)

    def employers(self, pro: str, day: dt.date) -> list[str]:
        """Organisations employing ``pro`` on ``day`` (open ends count)."""
        return sorted({e.organisation_id for e in self.jobs.get(pro, [])
                       if covers(e.start_date, e.end_date, day)})

    def org_field(self, org: str | None, name: str) -> Any:
        return None if org is None else getattr(self.orgs[org], name)

    def unions_of(self, child: str) -> set[str]:
        return {link.union_id for link in self.links_of.get(child, [])}

    def siblings(self, a: str, b: str) -> bool:
        """Children of one union, or of two unions that share a partner."""
        for ua in self.unions_of(a):
            for ub in self.unions_of(b):
                if ua == ub or set(self.unions[ua].partner_ids) & set(self.unions[ub].partner_ids):
                    return True
        return False


@cache
def world() -> World:
    return World(dataset())


# ----------------------------------------------------------------------------- helpers


def covers(start: dt.date | None, end: dt.date | None, day: dt.date) -> bool:
    return (start is None or start <= day) and (end is None or day <= end)


def percentile_disc(values: Iterable[Any], p: float) -> Any:
    """Nearest-rank percentile as Neo4j's percentileDisc computes it (nulls ignored)."""
    vals = sorted(v for v in values if v is not None)
    if not vals:
        return None
    if p == 1.0 or len(vals) == 1:
        return vals[-1]
    float_idx = p * len(vals)
    idx = int(float_idx)
    if float_idx == idx and idx != 0:
        idx -= 1
    return vals[idx]


def asc(value: Any) -> tuple[bool, Any]:
    """Sort key part: ascending with nulls last (Cypher ORDER BY)."""
    return (value is None, value if value is not None else 0)


def days_between(a: dt.date, b: dt.date) -> Iterator[dt.date]:
    day = a
    while day <= b:
        yield day
        day += DAY


@dataclass
class Loaded:
    graph: Graph
    guard: Guard
    world: World


def _loaded_already(graph: Graph, bundle: Bundle) -> bool:
    counts = {r["name"]: r["count"] for r in graph.read("read/count_graph") if r["kind"] == "node"}
    return (counts.get("Person") == len(bundle.persons)
            and counts.get("Contact") == len(bundle.contacts)
            and bool(graph.read("read/person_lives", ids=["x-mum"])))


@pytest.fixture
def loaded(session_graph: Graph, settings: Settings) -> Loaded:
    """The dataset in the database (imported through the service once, again only after
    another test emptied the database)."""
    bundle = dataset()
    services = build_services(settings, session_graph)
    if not _loaded_already(session_graph, bundle):
        session_graph.run_autocommit("write/clear_database")
        services.records.import_bundle(bundle)
    return Loaded(session_graph, services.guard, world())
