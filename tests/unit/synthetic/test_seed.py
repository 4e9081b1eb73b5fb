"""The synthetic data generator: deterministic, valid, referentially whole and realistic.

Pure Python: no database. The generator builds records with ``model_construct`` (no
validation), so these tests are what proves the data valid.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import Counter, defaultdict
from typing import Any

import networkx as nx
import pytest

from genogram_service.records import KINDS, Bundle, elfproef
from genogram_service.records.common import (
    AssignmentRole,
    ChildKind,
    MeasureKind,
    OrganisationType,
    ProfessionalRole,
    UnionEndReason,
)
from genogram_service.synthetic import (
    DEFAULT_TODAY,
    MAX_SEED,
    generate,
    generate_chunks,
    professionals_for,
)

TODAY = DEFAULT_TODAY
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,99}$")
ADULT = 6574  # days in 18 years (inclusive of leap days)
WORLD = ("organisations", "professionals", "employments")


@pytest.fixture(scope="module")
def small() -> Bundle:
    return generate(families=200, seed=11)


@pytest.fixture(scope="module")
def large() -> Bundle:
    return generate(families=1000, seed=1)


def by_id(records: list[Any]) -> dict[str, Any]:
    return {r.id: r for r in records}


def family(record_id: str) -> str:
    """'ct-s1-000123-0017' -> '000123' (every family record carries its family index)."""
    return record_id.split("-")[2]


def birth_parents(b: Bundle) -> dict[str, set[str]]:
    unions = by_id(b.unions)
    parents: dict[str, set[str]] = defaultdict(set)
    for link in b.child_links:
        if link.kind in (ChildKind.birth, ChildKind.adopted):
            parents[link.child_id].update(unions[link.union_id].partner_ids)
    return parents


def parent_graph(b: Bundle) -> nx.DiGraph:
    unions = by_id(b.unions)
    g = nx.DiGraph()
    for link in b.child_links:
        for parent in unions[link.union_id].partner_ids:
            g.add_edge(parent, link.child_id)
    return g


def mothers_distinct_professionals(b: Bundle, years: int = 4) -> list[int]:
    """For every mother of a child who was a minor in a case: distinct professionals with a
    contact with her in the last ``years`` years (the headline question of the domain)."""
    persons = by_id(b.persons)
    unions = by_id(b.unions)
    minors = {
        pid for c in b.cases for pid in c.person_ids
        if persons[pid].birth_date > c.opened - dt.timedelta(days=ADULT)
    }
    mothers = set()
    for link in b.child_links:
        if link.kind in (ChildKind.birth, ChildKind.adopted) and link.child_id in minors:
            mothers.update(p for p in unions[link.union_id].partner_ids
                           if persons[p].sex == "female")
    since = TODAY - dt.timedelta(days=round(365.25 * years))
    seen: dict[str, set[str]] = {m: set() for m in mothers}
    for c in b.contacts:
        if since <= c.date < TODAY:
            for pid in c.person_ids:
                if pid in seen:
                    seen[pid].update(c.professional_ids)
    return sorted(len(v) for v in seen.values())


# ------------------------------------------------------------------------- determinism


def test_same_seed_gives_identical_data() -> None:
    assert generate(families=60, seed=5).model_dump() == generate(families=60, seed=5).model_dump()


def test_different_seed_gives_different_data() -> None:
    a, b = generate(families=60, seed=5), generate(families=60, seed=6)
    assert [p.model_dump() for p in a.persons] != [p.model_dump() for p in b.persons]
    assert [c.model_dump() for c in a.contacts] != [c.model_dump() for c in b.contacts]


def test_ids_carry_the_seed_so_two_datasets_share_none() -> None:
    """Seeds 1 and 9 once gave the same ids (`p-000039-00`): importing the second dataset
    overwrote the first. Every id now names its seed, and BSNs are numbered from it."""
    a, b = generate(families=300, seed=1), generate(families=300, seed=9)
    for kind in KINDS:
        ids_a = {r.id for r in getattr(a, kind.plural)}
        ids_b = {r.id for r in getattr(b, kind.plural)}
        assert ids_a and ids_b, kind.plural
        assert not ids_a & ids_b, kind.plural
        assert all(r.id.split("-")[1] == "s1" for r in getattr(a, kind.plural)), kind.plural
    bsns_a = {p.bsn for p in a.persons if p.bsn}
    bsns_b = {p.bsn for p in b.persons if p.bsn}
    assert len(bsns_a) == sum(1 for p in a.persons if p.bsn)  # unique within a dataset
    assert bsns_a and bsns_b and not bsns_a & bsns_b
    assert len(generate(families=0, seed=MAX_SEED).organisations[0].id) <= 100


def test_chunks_concatenate_to_one_generate_call() -> None:
    whole = generate(families=250, seed=3)
    chunks = list(generate_chunks(families=250, seed=3, chunk_families=100))
    assert len(chunks) == 3
    for kind in KINDS:
        joined = [r.model_dump() for c in chunks for r in getattr(c, kind.plural)]
        assert joined == [r.model_dump() for r in getattr(whole, kind.plural)], kind.plural
    # the world once, in the first chunk; at most chunk_families families per chunk
    for i, chunk in enumerate(chunks):
        for plural in WORLD:
            assert bool(getattr(chunk, plural)) == (i == 0)
        assert 0 < len({family(p.id) for p in chunk.persons}) <= 100


def test_a_family_depends_only_on_seed_index_and_world() -> None:
    whole = generate(families=250, seed=3)
    tail = generate(families=50, seed=3, start_index=200)
    for kind in KINDS:
        if kind.plural in WORLD:
            assert [r.model_dump() for r in getattr(tail, kind.plural)] == [
                r.model_dump() for r in getattr(whole, kind.plural)]
            continue
        expected = [r.model_dump() for r in getattr(whole, kind.plural) if family(r.id) >= "000200"]
        assert [r.model_dump() for r in getattr(tail, kind.plural)] == expected, kind.plural


def test_a_larger_world_extends_a_smaller_one() -> None:
    assert professionals_for(100) == professionals_for(2400) == 300
    assert professionals_for(100_000) == 12_500
    smaller = generate(families=0, seed=9)
    larger = generate(families=1, seed=9, start_index=3199)  # a world for 3,200 families
    assert len(larger.professionals) == 400 and len(smaller.professionals) == 300
    assert larger.organisations == smaller.organisations
    assert larger.professionals[:300] == smaller.professionals
    ids = {p.id for p in smaller.professionals}
    assert [e for e in larger.employments if e.professional_id in ids] == smaller.employments


def test_zero_families_is_just_the_world() -> None:
    world = generate(families=0, seed=2)
    assert world.organisations and world.professionals and world.employments
    assert not world.persons and not world.contacts
    chunks = list(generate_chunks(families=0, seed=2))
    assert len(chunks) == 1 and chunks[0].model_dump() == world.model_dump()


@pytest.mark.parametrize("kwargs", [
    {"families": -1, "seed": 1},
    {"families": 1, "seed": 1, "start_index": -1},
    {"families": 1, "seed": 1, "today": dt.date(2010, 1, 1)},
    {"families": 2, "seed": 1, "start_index": 999_999},  # beyond six-digit family ids
    {"families": 1, "seed": -1},  # the seed is an id segment: s0 .. s999999999
    {"families": 1, "seed": MAX_SEED + 1},
])
def test_bad_arguments_are_rejected(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        generate(**kwargs)


def test_bad_chunk_size_is_rejected() -> None:
    with pytest.raises(ValueError):
        next(generate_chunks(families=1, seed=1, chunk_families=0))


# ---------------------------------------------------------------------------- validity


def test_every_record_validates(small: Bundle) -> None:
    validated = Bundle.model_validate_json(small.model_dump_json())
    # validation changes nothing: ids sorted, whitespace stripped, enums and dates as built
    assert validated.model_dump() == small.model_dump()


def test_ids_are_readable_and_unique_per_kind(large: Bundle) -> None:
    prefixes = {
        "persons": "p-", "unions": "u-", "organisations": "org-", "professionals": "pro-",
        "households": "h-", "cases": "c-", "assignments": "a-", "contacts": "ct-",
        "measures": "m-", "reports": "r-", "referrals": "rf-", "safety_assessments": "sa-",
        "child_links": "cl-", "employments": "emp-", "household_memberships": "hm-",
        "emotional_relations": "er-", "handovers": "ho-",
    }
    for kind in KINDS:
        ids = [r.id for r in getattr(large, kind.plural)]
        assert ids, kind.plural
        assert len(set(ids)) == len(ids), kind.plural
        assert all(ID.match(i) and i.startswith(prefixes[kind.plural] + "s1-") for i in ids), \
            kind.plural
    assert all(re.fullmatch(r"org-s1-[a-z-]+-\d+", o.id) for o in large.organisations)
    assert any(re.fullmatch(r"org-s1-[a-z-]+-gi-1", o.id) for o in large.organisations)
    assert all(re.fullmatch(r"pro-s1-\d{5}", p.id) for p in large.professionals)
    assert all(re.fullmatch(r"p-s1-\d{6}-\d{2}", p.id) for p in large.persons)


def test_every_reference_resolves_to_a_record_of_the_right_kind(large: Bundle) -> None:
    ids = {kind.name: {r.id for r in getattr(large, kind.plural)} for kind in KINDS}
    for kind in KINDS:
        for rec in getattr(large, kind.plural):
            for ref in kind.refs:
                value = getattr(rec, ref.field)
                values = value if ref.many else ([] if value is None else [value])
                missing = [v for v in values if v not in ids[ref.target]]
                assert not missing, (kind.name, rec.id, ref.field, missing)


def test_references_point_at_fitting_organisations_and_roles(large: Bundle) -> None:
    orgs = by_id(large.organisations)
    pros = by_id(large.professionals)
    for m in large.measures:
        assert orgs[m.court_id].type == OrganisationType.rechtbank
        assert orgs[m.gi_id].type == OrganisationType.gi
    for r in large.reports:
        assert orgs[r.organisation_id].type == OrganisationType.veilig_thuis
    for r in large.referrals:
        assert orgs[r.provider_id].type in (OrganisationType.jeugdhulpaanbieder,
                                            OrganisationType.ggz)
    fits = {
        AssignmentRole.regisseur: {ProfessionalRole.regisseur},
        AssignmentRole.duo_partner: {ProfessionalRole.save_werker,
                                     ProfessionalRole.jeugdbeschermer},
        AssignmentRole.wijkteammedewerker: {ProfessionalRole.wijkteammedewerker},
        AssignmentRole.veilig_thuis_medewerker: {ProfessionalRole.veilig_thuis_medewerker},
        AssignmentRole.raadsonderzoeker: {ProfessionalRole.raadsonderzoeker},
        AssignmentRole.jeugdbeschermer: {ProfessionalRole.jeugdbeschermer},
        AssignmentRole.voogd: {ProfessionalRole.voogd},
        AssignmentRole.jeugdreclasseerder: {ProfessionalRole.jeugdreclasseerder},
        AssignmentRole.gedragswetenschapper: {ProfessionalRole.gedragswetenschapper},
    }
    for a in large.assignments:
        assert pros[a.professional_id].role in fits[a.role], a
    for p in large.professionals:
        if p.registration_number is not None:
            assert p.registry is not None


def test_assignments_are_on_behalf_of_the_employer(large: Bundle) -> None:
    jobs = defaultdict(list)
    for e in large.employments:
        jobs[e.professional_id].append(e)
    for a in large.assignments:
        assert any(
            e.organisation_id == a.organisation_id and e.start_date <= a.start_date
            and (e.end_date is None or a.start_date <= e.end_date)
            for e in jobs[a.professional_id]
        ), a


def test_employments_do_not_overlap_and_some_professionals_move(large: Bundle) -> None:
    jobs = defaultdict(list)
    for e in large.employments:
        jobs[e.professional_id].append(e)
    assert set(jobs) == {p.id for p in large.professionals}
    movers = 0
    for spells in jobs.values():
        spells.sort(key=lambda e: e.start_date)
        for a, b in zip(spells, spells[1:], strict=False):
            assert a.end_date is not None and a.end_date < b.start_date
            assert a.organisation_id != b.organisation_id
        movers += len(spells) == 2
        assert len(spells) <= 2
    assert 0.05 <= movers / len(jobs) <= 0.2


def test_nobody_is_their_own_ancestor(large: Bundle) -> None:
    g = parent_graph(large)
    assert nx.is_directed_acyclic_graph(g)
    for u in large.unions:
        assert len(set(u.partner_ids)) == len(u.partner_ids)


def test_dates_respect_lives_and_today(large: Bundle) -> None:
    persons = by_id(large.persons)

    def alive(pid: str, day: dt.date) -> bool:
        p = persons[pid]
        return p.birth_date <= day and (p.death_date is None or day <= p.death_date)

    for p in large.persons:
        assert p.birth_date < TODAY
        assert p.death_date is None or p.birth_date <= p.death_date < TODAY
    for c in large.contacts:
        assert c.date < TODAY
        assert all(alive(pid, c.date) for pid in c.person_ids), c
        assert 1 <= len(c.professional_ids) <= 2 and 1 <= len(c.person_ids) <= 3
    for m in large.household_memberships:
        p = persons[m.person_id]
        assert p.birth_date <= m.start_date < TODAY
        assert m.end_date is None or m.end_date < TODAY
        if p.death_date is not None:
            assert m.end_date is not None and m.end_date <= p.death_date
    for a in large.assignments:
        assert a.start_date < TODAY and (a.end_date is None or a.end_date < TODAY)
    for m in large.measures:
        assert m.requested_date <= m.decision_date <= m.start_date < TODAY
        assert persons[m.child_id].birth_date < m.start_date
    for r in large.referrals:
        for d in (r.requested_date, r.started_date, r.stopped_date):
            assert d is None or d < TODAY
        assert r.stopped_date is None or r.started_date is not None
    for x in [*large.reports, *large.safety_assessments, *large.handovers]:
        assert x.date < TODAY
    for c in large.cases:
        assert c.opened < TODAY and (c.closed is None or c.closed < TODAY)
        assert all(alive(pid, c.opened) for pid in c.person_ids)
    for u in large.unions:
        assert (u.end_date is None) == (u.end_reason is None)
        if u.end_reason == UnionEndReason.widowed:
            assert u.end_date in {persons[p].death_date for p in u.partner_ids}
    for e in large.emotional_relations:
        assert e.directed == (e.kind in ("abuse", "neglect"))
        if e.start_date is not None:
            assert persons[e.from_id].birth_date <= e.start_date < TODAY
            assert persons[e.to_id].birth_date <= e.start_date


def test_bsns_are_valid_unique_and_for_most_persons(large: Bundle) -> None:
    bsns = [p.bsn for p in large.persons if p.bsn is not None]
    assert all(elfproef(b) for b in bsns)
    assert len(set(bsns)) == len(bsns)
    assert 0.8 < len(bsns) / len(large.persons) < 0.97


def test_contacts_fall_within_the_assignments_of_their_case(large: Bundle) -> None:
    periods = defaultdict(list)
    for a in large.assignments:
        periods[(a.case_id, a.professional_id)].append((a.start_date, a.end_date or TODAY))
    checked = 0
    for c in large.contacts:
        for pro in c.professional_ids:
            spans = periods.get((c.case_id, pro))
            if spans:
                checked += 1
                assert any(s <= c.date <= e for s, e in spans), (c, spans)
    assert checked > len(large.contacts) / 3
    # and contacts with professionals that have no assignment: huisarts, school, JGZ, care
    assigned = {pro for _, pro in periods}
    assert any(set(c.professional_ids) - assigned for c in large.contacts)


def test_safety_assessments_are_versioned_per_case(large: Bundle) -> None:
    versions = defaultdict(list)
    for sa in large.safety_assessments:
        versions[sa.case_id].append(sa)
    assignees = defaultdict(set)
    for a in large.assignments:
        assignees[a.case_id].add(a.professional_id)
    changed = 0
    for case_id, sas in versions.items():
        assert [s.version for s in sas] == list(range(1, len(sas) + 1))
        assert [s.date for s in sas] == sorted(s.date for s in sas)
        assert all(s.author_id in assignees[case_id] for s in sas)
        changed += any(a.judgement != b.judgement or a.concerns != b.concerns
                       for a, b in zip(sas, sas[1:], strict=False))
    assert changed > 10


def test_measures_follow_the_rules(large: Bundle) -> None:
    persons = by_id(large.persons)
    measures = by_id(large.measures)
    ots = defaultdict(list)
    for m in large.measures:
        if m.kind == MeasureKind.ots:
            ots[m.child_id].append(m)
    for m in large.measures:
        days = (m.end_date - m.start_date).days
        adult = persons[m.child_id].birth_date + dt.timedelta(days=ADULT)
        if m.kind == MeasureKind.voorlopige_ots:
            assert days < 92
        if m.kind in (MeasureKind.ots, MeasureKind.machtiging_uithuisplaatsing):
            assert days <= 366 and m.end_date < adult
        if m.kind == MeasureKind.machtiging_uithuisplaatsing:
            assert any(o.start_date <= m.start_date <= o.end_date for o in ots[m.child_id])
        if m.extends_id is not None:
            prev = measures[m.extends_id]
            assert (prev.kind, prev.child_id) == (m.kind, m.child_id)
            assert m.start_date == prev.end_date + dt.timedelta(days=1)
        if m.kind == MeasureKind.jeugdreclassering:
            age = (m.start_date - persons[m.child_id].birth_date).days / 365.25
            assert 12 <= age < 18


def test_handovers_chain_assignments_in_relay_cases_only(large: Bundle) -> None:
    assignments = by_id(large.assignments)
    team_cases = {a.case_id for a in large.assignments if a.role == AssignmentRole.duo_partner}
    relay_cases = {a.case_id for a in large.assignments} - team_cases
    handed = set()
    for h in large.handovers:
        a, b = assignments[h.from_assignment_id], assignments[h.to_assignment_id]
        assert a.case_id == b.case_id
        assert a.start_date <= h.date == b.start_date
        assert h.reason
        handed.add(a.case_id)
    assert team_cases and relay_cases
    assert not handed & team_cases  # the duo stays: no handovers in the team model
    assert len(handed) > len(relay_cases) / 2
    # framework follows the measures
    with_measure = {m.case_id for m in large.measures}
    for c in large.cases:
        assert (c.framework == "court_ordered") == (c.id in with_measure)


# -------------------------------------------------------------------------- realism


def test_the_families_have_what_a_genogram_needs(large: Bundle) -> None:
    persons = by_id(large.persons)
    unions = by_id(large.unions)
    kinds = Counter(link.kind for link in large.child_links)
    assert kinds[ChildKind.step] and kinds[ChildKind.adopted] and kinds[ChildKind.foster]
    assert all(link.start_date for link in large.child_links
               if link.kind in (ChildKind.foster, ChildKind.adopted, ChildKind.step))
    assert kinds[ChildKind.birth] > 0.8 * len(large.child_links)
    reasons = Counter(u.end_reason for u in large.unions)
    assert reasons[UnionEndReason.divorced] and reasons[UnionEndReason.separated]
    assert reasons[UnionEndReason.widowed]
    assert {u.kind for u in large.unions} >= {"married", "registered_partnership", "cohabiting"}
    assert any(len(u.partner_ids) == 1 for u in large.unions)  # single parent
    assert sum(p.death_date is not None for p in large.persons) > 100
    assert {p.sex for p in large.persons} == {"male", "female", "other", "unknown"}
    assert any(p.prefix == "van der" for p in large.persons)
    assert all(p.given_names and p.surname for p in large.persons)

    # twins: two birth children of one union born on one day
    births = Counter((link.union_id, persons[link.child_id].birth_date)
                     for link in large.child_links if link.kind == ChildKind.birth)
    assert any(n == 2 for n in births.values())
    # half-siblings share exactly one birth parent; step-siblings share a union, no parent
    parents = birth_parents(large)
    by_parent = defaultdict(set)
    for child, ps in parents.items():
        for p in ps:
            by_parent[p].add(child)
    assert any(parents[a] != parents[b] and len(parents[a] & parents[b]) == 1
               for kids in by_parent.values() for a in kids for b in kids if a < b)
    children = defaultdict(list)
    for link in large.child_links:
        children[link.union_id].append(link.child_id)
    assert any(not parents[a] & parents[b] for kids in children.values()
               for a in kids for b in kids if a < b)
    # three or four generations
    assert nx.dag_longest_path_length(parent_graph(large)) >= 3
    assert all(len(unions[link.union_id].partner_ids) >= 1 for link in large.child_links)
    # households follow separations: someone is a member of two households over time
    homes = defaultdict(set)
    for m in large.household_memberships:
        homes[m.person_id].add(m.household_id)
    assert any(len(h) >= 2 for h in homes.values())
    assert {e.kind for e in large.emotional_relations} >= {
        "conflict", "close", "cut_off", "abuse", "neglect"}


def test_the_world_has_every_organisation_type_in_every_region(large: Bundle) -> None:
    types = defaultdict(set)
    for o in large.organisations:
        types[o.region].add(o.type)
    assert 4 <= len(types) <= 6
    assert all(t == set(OrganisationType) for t in types.values())
    pros = Counter(p.registry for p in large.professionals)
    assert pros["SKJ"] and pros["BIG"] and pros[None]
    assert all(p.registration_number is None or p.registration_number.isdigit()
               for p in large.professionals)


def test_cases_run_the_whole_chain(large: Bundle) -> None:
    families = len({family(p.id) for p in large.persons})
    assert 0.55 <= len({family(c.id) for c in large.cases}) / families <= 0.8
    assert {m.kind for m in large.measures} >= set(MeasureKind) - {MeasureKind.other}
    assert any(m.extends_id for m in large.measures if m.kind == MeasureKind.ots)
    assert {r.outcome for r in large.reports} >= {"referred_local_team", "rvdk_request", "advice"}
    # care workers (jeugdhulpverleners) work through referrals, not case assignments
    assert {a.role for a in large.assignments} == set(AssignmentRole) - {
        AssignmentRole.other, AssignmentRole.jeugdhulpverlener}
    assert any(r.started_date is None for r in large.referrals)  # requested, never started
    assert any(r.stopped_date is not None for r in large.referrals)
    assert any(c.closed is None for c in large.cases) and any(c.closed for c in large.cases)
    # a new melding within a year of closure
    cases = defaultdict(list)
    for c in large.cases:
        cases[family(c.id)].append(c)
    assert any(
        a.closed is not None and (b.opened - a.closed).days <= 365
        for cs in cases.values() for a, b in zip(cs, cs[1:], strict=False)
    )
    # the melding is assessed within days
    first = {sa.case_id: sa.date for sa in large.safety_assessments if sa.version == 1}
    opened = {c.id: c.opened for c in large.cases}
    delays = [(first[c] - opened[c]).days for c in first]
    assert 0 <= min(delays) and statistics.median(delays) <= 7 and max(delays) <= 20


def test_mothers_see_a_realistic_number_of_professionals(large: Bundle) -> None:
    counts = mothers_distinct_professionals(large)
    assert len(counts) > 400
    assert 2 <= statistics.median(counts) <= 8
    assert counts[-1] > 12  # the long tail
    assert counts[int(0.9 * len(counts))] <= 12


def test_contact_volume_supports_the_benchmark(large: Bundle) -> None:
    per_family = len(large.contacts) / len({family(p.id) for p in large.persons})
    assert 20 <= per_family <= 32
