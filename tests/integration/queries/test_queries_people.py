"""Second opinion, people: the headline question, the role and family distributions and the
auditors' traces, computed again in plain Python from the records and compared with the
service's answers (exactly: same rows, same order)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta

from genogram_service.queries.catalogue import run_query
from genogram_service.security.access import SYSTEM
from tests.support.query_fixtures import (
    END,
    START,
    TODAY,
    Loaded,
    World,
    asc,
    covers,
    d,
    loaded,
    percentile_disc,
)

__all__ = ["loaded"]  # the fixture

WINDOWS = [(START, END), (d("2017-01-01"), d("2020-12-31"))]


def run(ld: Loaded, name: str, **params: Any) -> list[dict[str, Any]]:
    result = run_query(ld.graph, ld.guard, actor=SYSTEM, name=name, params=params, today=TODAY)
    return result.rows


def anchors(w: World) -> list[str]:
    """Persons worth asking about: the awkward ones and a few generated mothers and children."""
    generated = [f"p-{k:06d}-{j:02d}" for k in range(3, 60, 11) for j in (0, 5)]
    return ["x-mum", "x-kid1", "x-kid2", "x-mum2", "x-step", *(p for p in generated
                                                                if p in w.persons)]


# ----------------------------------------------------------------------------- item 1


def expected_seen(w: World, person: str, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    groups: dict[tuple[str | None, str], list[Any]] = defaultdict(list)
    for c in w.contacts_of.get(person, []):
        if not start <= c.date <= end:
            continue
        for pro in c.professional_ids:
            for org in w.employers(pro, c.date) or [None]:
                groups[(org, pro)].append(c)
    rows = []
    for (org, pro), cs in groups.items():
        rows.append({
            "organisation_type": w.org_field(org, "type"), "organisation_id": org,
            "organisation_name": w.org_field(org, "name"), "professional_id": pro,
            "professional_name": w.pros[pro].name, "professional_role": w.pros[pro].role,
            "first_contact": min(c.date for c in cs), "last_contact": max(c.date for c in cs),
            "contacts": len({c.id for c in cs}),
        })
    rows.sort(key=lambda r: (asc(r["organisation_type"]), asc(r["organisation_name"]),
                             asc(r["organisation_id"]), r["first_contact"], r["professional_id"]))
    return rows


def expected_seen_count(w: World, person: str, start: dt.date, end: dt.date
                        ) -> list[dict[str, Any]]:
    cs = [c for c in w.contacts_of.get(person, []) if start <= c.date <= end]
    pros = {p for c in cs for p in c.professional_ids}
    orgs = {o for c in cs for p in c.professional_ids for o in w.employers(p, c.date)}
    return [{"person_id": person, "professionals": len(pros), "organisations": len(orgs),
             "contacts": len({c.id for c in cs}),
             "first_contact": min((c.date for c in cs), default=None),
             "last_contact": max((c.date for c in cs), default=None)}]


@pytest.mark.parametrize("window", WINDOWS)
def test_professionals_seen(loaded: Loaded, window: tuple[dt.date, dt.date]) -> None:
    start, end = window
    for person in anchors(loaded.world):
        expected = expected_seen(loaded.world, person, start, end)
        assert run(loaded, "professionals_seen", person_id=person, start=start, end=end) == \
            expected, person
        assert run(loaded, "professionals_seen_count", person_id=person, start=start,
                   end=end) == expected_seen_count(loaded.world, person, start, end), person


def test_the_awkward_cases_are_exercised(loaded: Loaded) -> None:
    """Guards the fixture: the comparisons above meet every awkward case (the expected rows
    themselves still come from the plain-Python computation)."""
    rows = expected_seen(loaded.world, "x-mum", START, END)
    pros = {r["professional_id"] for r in rows}
    assert {"x-pro-b0", "x-pro-b1"} <= pros  # contacts on the boundaries
    assert not {"x-pro-b2", "x-pro-b3"} & pros  # a day outside them
    assert len([r for r in rows if r["professional_id"] == "x-pro-mover"]) == 2  # two employers
    assert any(r["organisation_id"] is None for r in rows)  # no employment that day
    assert run(loaded, "professionals_seen", person_id="nobody", start=START, end=END) == []
    assert run(loaded, "professionals_seen_count", person_id="nobody") == []


# ----------------------------------------------------------------------------- items 2 and 3


def role_members(w: World, role: str, kinds: list[str], start: dt.date, end: dt.date
                 ) -> set[str]:
    minors = set()
    concerned = set()
    for c in w.cases.values():
        for pid in c.person_ids:
            concerned.add(pid)
            birth = w.persons[pid].birth_date
            if birth is not None and birth > c.opened - relativedelta(years=18):
                minors.add(pid)
    if role == "child":
        members = minors
    elif role == "concerned":
        members = concerned
    else:
        members = set()
        for child in minors:
            for link in w.links_of.get(child, []):
                if link.kind not in kinds:
                    continue
                for parent in w.unions[link.union_id].partner_ids:
                    sex = w.persons[parent].sex
                    if role == "parent" or (role == "mother" and sex == "female") or (
                            role == "father" and sex == "male"):
                        members.add(parent)
    return {p for p in members
            if covers(None, w.persons[p].death_date, start)
            and (w.persons[p].birth_date is None or w.persons[p].birth_date <= end)}


def involvement(w: World, person: str, start: dt.date, end: dt.date, what: str
                ) -> tuple[int, int]:
    """(distinct professionals or organisations, contacts counted with them)."""
    found: set[str] = set()
    contacts: set[str] = set()
    for c in w.contacts_of.get(person, []):
        if not start <= c.date <= end:
            continue
        for pro in c.professional_ids:
            if what == "professionals":
                found.add(pro)
                contacts.add(c.id)
            else:
                for org in w.employers(pro, c.date):
                    found.add(org)
                    contacts.add(c.id)
    return len(found), len(contacts)


def histogram(counts: list[int], width: int, label: str) -> list[dict[str, Any]]:
    if not counts:
        return []
    per: dict[int, int] = defaultdict(int)
    for n in counts:
        per[n // width] += 1
    return [{"bucket_from": b * width, "bucket_to": (b + 1) * width - 1, label: per.get(b, 0)}
            for b in range(max(per) + 1)]


def stats(counts: list[int], label: str) -> dict[str, Any]:
    return {label: len(counts), "median": percentile_disc(counts, 0.5),
            "p90": percentile_disc(counts, 0.9), "max": max(counts, default=None),
            "mean": sum(counts) / len(counts) if counts else None,
            f"{label}_without": sum(1 for n in counts if n == 0)}


def same_stats(actual: list[dict[str, Any]], expected: dict[str, Any]) -> None:
    assert len(actual) == 1
    got = dict(actual[0])
    mean = got.pop("mean")
    want = dict(expected)
    want_mean = want.pop("mean")
    assert got == want
    assert (mean is None and want_mean is None) or mean == pytest.approx(want_mean, rel=1e-12)


ROLE_CASES = [
    ("mother", ["birth", "adopted"], START, END, 1, 9),
    ("mother", ["birth", "adopted", "step", "foster"], START, END, 2, 6),
    ("father", ["birth", "adopted"], START, END, 1, 4),
    ("parent", ["step"], d("2017-01-01"), d("2024-12-31"), 3, 0),
    ("child", ["birth"], START, END, 1, 5),
    ("concerned", ["birth"], d("2018-06-01"), d("2022-05-31"), 1, 3),
]


@pytest.mark.parametrize("what", ["professionals", "organisations"])
@pytest.mark.parametrize(("role", "kinds", "start", "end", "width", "threshold"), ROLE_CASES)
def test_role_distributions(loaded: Loaded, what: str, role: str, kinds: list[str],
                            start: dt.date, end: dt.date, width: int, threshold: int) -> None:
    w = loaded.world
    members = sorted(role_members(w, role, kinds, start, end))
    per = {p: involvement(w, p, start, end, what) for p in members}
    counts = [n for n, _ in per.values()]
    params: dict[str, Any] = {"role": role, "link_kinds": kinds, "start": start, "end": end}
    assert run(loaded, f"role_{what}_histogram", bucket_width=width, **params) == \
        histogram(counts, width, "persons")
    same_stats(run(loaded, f"role_{what}_stats", **params), stats(counts, "persons"))
    above = [{"person_id": p, "birth_date": w.persons[p].birth_date,
              "death_date": w.persons[p].death_date, what: n, "contacts": c}
             for p, (n, c) in per.items() if n > threshold]
    above.sort(key=lambda r: (-r[what], r["person_id"]))
    assert run(loaded, f"role_{what}_above", threshold=threshold, **params) == above


def test_role_populations_meet_the_awkward_cases(loaded: Loaded) -> None:
    w = loaded.world
    mothers = role_members(w, "mother", ["birth", "adopted"], START, END)
    assert "x-mum2" in mothers  # died inside the window
    assert "x-mum3" not in mothers  # died before it
    assert "x-step" not in mothers  # a step-mother only with step links
    assert "x-step" in role_members(w, "mother", ["step"], START, END)
    assert "x-kid2" in role_members(w, "child", [], START, END)


def families(w: World, start: dt.date, end: dt.date) -> dict[str, tuple[int, int]]:
    in_case = {pid for c in w.cases.values() for pid in c.person_ids}
    out = {}
    for hid, h in w.households.items():
        members = w.members_of.get(hid, [])
        if not any(m.person_id in in_case for m in members):
            continue
        if not ((h.start_date or start) <= end and (h.end_date or end) >= start):
            continue
        orgs: set[str] = set()
        contacts: set[str] = set()
        for m in members:
            for c in w.contacts_of.get(m.person_id, []):
                if not (start <= c.date <= end and covers(m.start_date, m.end_date, c.date)):
                    continue
                for pro in c.professional_ids:
                    for org in w.employers(pro, c.date):
                        orgs.add(org)
                        contacts.add(c.id)
        out[hid] = (len(orgs), len(contacts))
    return out


@pytest.mark.parametrize(("start", "end", "width", "threshold"),
                         [(START, END, 1, 5), (d("2016-01-01"), d("2021-12-31"), 2, 2)])
def test_family_distributions(loaded: Loaded, start: dt.date, end: dt.date, width: int,
                              threshold: int) -> None:
    w = loaded.world
    per = families(w, start, end)
    counts = [n for n, _ in per.values()]
    window = {"start": start, "end": end}
    assert run(loaded, "family_organisations_histogram", bucket_width=width, **window) == \
        histogram(counts, width, "families")
    same_stats(run(loaded, "family_organisations_stats", **window), stats(counts, "families"))
    above = [{"household_id": h, "municipality": w.households[h].municipality,
              "organisations": n, "contacts": c} for h, (n, c) in per.items() if n > threshold]
    above.sort(key=lambda r: (-r["organisations"], r["household_id"]))
    assert run(loaded, "family_organisations_above", threshold=threshold, **window) == above


# ----------------------------------------------------------------------------- item 11


def name_of(w: World, pid: str) -> str:
    p = w.persons[pid]
    return " ".join(x for x in (p.given_names, p.prefix, p.surname) if x)


def overlaps(start: dt.date | None, end: dt.date | None, lo: dt.date | None,
             hi: dt.date | None) -> bool:
    """[start, end] (end open when None) meets the window [lo, hi] (each side open when None)."""
    return (hi is None or start is None or start <= hi) and (
        lo is None or end is None or end >= lo)


def contact_groups(w: World, contacts: list[Any], key: Any) -> dict[Any, list[Any]]:
    groups: dict[Any, list[Any]] = defaultdict(list)
    for c in contacts:
        for k in key(c):
            groups[k].append(c)
    return groups


def expected_professional_trace(w: World, pro: str, lo: dt.date | None, hi: dt.date | None
                                ) -> list[dict[str, Any]]:
    rows = []
    for a in w.assignments.values():
        if a.professional_id != pro or not overlaps(a.start_date, a.end_date, lo, hi):
            continue
        for pid in w.cases[a.case_id].person_ids:
            rows.append({"involvement": "assignment", "person_id": pid,
                         "person_name": name_of(w, pid), "case_id": a.case_id, "role": a.role,
                         "organisation_id": a.organisation_id, "start_date": a.start_date,
                         "end_date": a.end_date, "contacts": None})
    mine = [c for c in w.contacts if pro in c.professional_ids
            and (lo is None or c.date >= lo) and (hi is None or c.date <= hi)]
    groups = contact_groups(w, mine, lambda c: [(pid, c.case_id, org) for pid in c.person_ids
                                               for org in w.employers(pro, c.date) or [None]])
    for (pid, case, org), cs in groups.items():
        rows.append({"involvement": "contact", "person_id": pid, "person_name": name_of(w, pid),
                     "case_id": case, "role": None, "organisation_id": org,
                     "start_date": min(c.date for c in cs), "end_date": max(c.date for c in cs),
                     "contacts": len({c.id for c in cs})})
    rows.sort(key=lambda r: (r["person_id"], asc(r["start_date"]), r["involvement"],
                             asc(r["case_id"]), asc(r["organisation_id"]), asc(r["role"]),
                             asc(r["end_date"])))
    return rows


def trace_row(w: World, involvement: str, pro: str | None, org: str | None, role: Any,
              case: str | None, start: dt.date | None, end: dt.date | None,
              contacts: int | None = None) -> dict[str, Any]:
    return {"involvement": involvement, "professional_id": pro,
            "professional_name": None if pro is None else w.pros[pro].name,
            "organisation_id": org, "organisation_name": w.org_field(org, "name"),
            "organisation_type": w.org_field(org, "type"), "role": role, "case_id": case,
            "start_date": start, "end_date": end, "contacts": contacts}


def expected_person_trace(w: World, pid: str, lo: dt.date | None, hi: dt.date | None
                          ) -> list[dict[str, Any]]:
    rows = []
    for case in w.cases.values():
        if pid not in case.person_ids:
            continue
        for a in w.case_assignments.get(case.id, []):
            if overlaps(a.start_date, a.end_date, lo, hi):
                rows.append(trace_row(w, "assignment", a.professional_id, a.organisation_id,
                                      a.role, case.id, a.start_date, a.end_date))
    mine = [c for c in w.contacts_of.get(pid, [])
            if (lo is None or c.date >= lo) and (hi is None or c.date <= hi)]
    groups = contact_groups(w, mine, lambda c: [(pro, org, c.case_id)
                                               for pro in c.professional_ids
                                               for org in w.employers(pro, c.date) or [None]])
    for (pro, org, case_id), cs in groups.items():
        rows.append(trace_row(w, "contact", pro, org, None, case_id, min(c.date for c in cs),
                              max(c.date for c in cs), len({c.id for c in cs})))
    for m in w.measures.values():
        if m.child_id != pid:
            continue
        if overlaps(m.start_date, m.end_date, lo, hi):
            rows.append(trace_row(w, "measure", None, m.gi_id, m.kind, m.case_id, m.start_date,
                                  m.end_date))
        if m.court_id and m.decision_date and (lo is None or m.decision_date >= lo) and (
                hi is None or m.decision_date <= hi):
            rows.append(trace_row(w, "decision", None, m.court_id, m.kind, m.case_id,
                                  m.decision_date, m.decision_date))
    for rf in w.referrals:
        if rf.person_id == pid and overlaps(rf.requested_date, rf.stopped_date, lo, hi):
            rows.append(trace_row(w, "referral", None, rf.provider_id, "referral", rf.case_id,
                                  rf.requested_date, rf.stopped_date))
    for r in w.reports:
        if pid in r.person_ids and (lo is None or r.date >= lo) and (hi is None or r.date <= hi):
            rows.append(trace_row(w, "melding", None, r.organisation_id, r.reporter_type,
                                  r.case_id, r.date, r.date))
    rows.sort(key=lambda r: (asc(r["start_date"]), r["involvement"], asc(r["organisation_id"]),
                             asc(r["professional_id"]), asc(r["case_id"]), asc(r["role"]),
                             asc(r["end_date"])))
    return rows


TRACE_WINDOWS: list[tuple[dt.date | None, dt.date | None]] = [
    (None, None), (START, END), (d("2018-01-01"), None), (None, d("2019-12-31"))]
TRACED_PROFESSIONALS = 4


@pytest.mark.parametrize(("lo", "hi"), TRACE_WINDOWS)
def test_traces(loaded: Loaded, lo: dt.date | None, hi: dt.date | None) -> None:
    w = loaded.world
    pros = ["x-pro-mover", "x-pro-gap", *sorted({a.professional_id for a in
                                                w.assignments.values()})[:TRACED_PROFESSIONALS]]
    for pro in pros:
        assert run(loaded, "professional_trace", professional_id=pro, start=lo, end=hi) == \
            expected_professional_trace(w, pro, lo, hi), pro
    for pid in anchors(w):
        assert run(loaded, "person_trace", person_id=pid, start=lo, end=hi) == \
            expected_person_trace(w, pid, lo, hi), pid


def test_trace_of_a_professional_in_several_roles(loaded: Loaded) -> None:
    rows = expected_professional_trace(loaded.world, "x-pro-mover", None, None)
    assert {r["role"] for r in rows if r["involvement"] == "assignment"} == {
        "regisseur", "jeugdbeschermer"}
    assert len({r["organisation_id"] for r in rows if r["involvement"] == "contact"}) >= 2
