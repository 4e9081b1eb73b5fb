"""Second opinion, cases: handovers and chains, regisseurs and gaps, measures, lead times,
repeat meldingen, siblings and referrals, computed again in plain Python from the records and
compared with the service's answers (exactly: same rows, same order)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta

from genogram_service.queries.catalogue import run_query
from genogram_service.security.access import SYSTEM
from tests.support.query_fixtures import (
    DAY,
    MUNICIPALITY,
    TODAY,
    Loaded,
    World,
    asc,
    covers,
    d,
    days_between,
    loaded,
    percentile_disc,
)

__all__ = ["loaded"]  # the fixture


def run(ld: Loaded, name: str, **params: Any) -> list[dict[str, Any]]:
    result = run_query(ld.graph, ld.guard, actor=SYSTEM, name=name, params=params, today=TODAY)
    return result.rows


def month(day: dt.date) -> str:
    return day.isoformat()[:7]


# ----------------------------------------------------------------------------- item 4


def case_rows(w: World, municipality: str | None = None, framework: str | None = None,
              opened_from: dt.date | None = None, opened_to: dt.date | None = None
              ) -> list[dict[str, Any]]:
    rows = []
    for c in sorted(w.cases.values(), key=lambda c: c.id):
        if (municipality and c.municipality != municipality) or (
                framework and c.framework != framework) or (
                opened_from and c.opened < opened_from) or (opened_to and c.opened > opened_to):
            continue
        meldingen = [r.date for r in w.reports if r.case_id == c.id]
        first_melding = min(meldingen) if meldingen else c.opened
        starts = [m.start_date for m in w.measures.values() if m.case_id == c.id]
        first_measure = min(starts) if starts else None
        mine = {a.id for a in w.case_assignments.get(c.id, [])}
        handovers = sum(1 for h in w.handovers if h.from_assignment_id in mine
                        and first_melding <= h.date
                        and (first_measure is None or h.date <= first_measure))
        ordered = sorted((a for a in w.case_assignments.get(c.id, []) if a.organisation_id),
                         key=lambda a: (a.start_date, a.id))
        chain: list[str] = []
        for a in ordered:
            if not chain or chain[-1] != a.organisation_id:
                chain.append(a.organisation_id)
        rows.append({"case_id": c.id, "municipality": c.municipality, "framework": c.framework,
                     "opened": c.opened, "closed": c.closed, "first_melding": first_melding,
                     "first_measure": first_measure, "handovers": handovers, "chain": chain,
                     "chain_steps": len(chain), "chain_length": len(set(chain))})
    return rows


CASE_FILTERS: list[dict[str, Any]] = [
    {}, {"municipality": MUNICIPALITY}, {"framework": "voluntary"},
    {"opened_from": d("2019-01-01"), "opened_to": d("2024-12-31")},
]


@pytest.mark.parametrize("filters", CASE_FILTERS)
def test_handovers_and_chains(loaded: Loaded, filters: dict[str, Any]) -> None:
    rows = case_rows(loaded.world, **filters)
    assert run(loaded, "case_handovers", **filters) == rows
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[(r["municipality"], r["framework"])].append(r)
    expected = []
    for (municipality, framework), rs in sorted(groups.items()):
        hs = [r["handovers"] for r in rs]
        ls = [r["chain_length"] for r in rs]
        expected.append({
            "municipality": municipality, "framework": framework, "cases": len(rs),
            "cases_with_handover": sum(1 for h in hs if h > 0),
            "median_handovers": percentile_disc(hs, 0.5), "max_handovers": max(hs),
            "median_chain_length": percentile_disc(ls, 0.5), "max_chain_length": max(ls)})
    assert run(loaded, "handovers_by_municipality", **filters) == expected


# ----------------------------------------------------------------------------- item 5


def expected_history(w: World, case: str, role: str) -> list[dict[str, Any]]:
    rows = []
    for a in w.case_assignments.get(case, []):
        if a.role != role:
            continue
        ins = [h for h in w.handovers if h.to_assignment_id == a.id] or [None]
        outs = [h for h in w.handovers if h.from_assignment_id == a.id] or [None]
        for hin in ins:
            for hout in outs:
                prev = w.assignments[hin.from_assignment_id] if hin else None
                nxt = w.assignments[hout.to_assignment_id] if hout else None
                rows.append({
                    "assignment_id": a.id, "professional_id": a.professional_id,
                    "professional_name": w.pros[a.professional_id].name,
                    "organisation_id": a.organisation_id,
                    "organisation_name": w.org_field(a.organisation_id, "name"),
                    "start_date": a.start_date, "end_date": a.end_date,
                    "received_from": prev.id if prev else None,
                    "received_from_role": prev.role if prev else None,
                    "received_on": hin.date if hin else None,
                    "received_reason": hin.reason if hin else None,
                    "handed_over_to": nxt.id if nxt else None,
                    "handed_over_to_role": nxt.role if nxt else None,
                    "handed_over_on": hout.date if hout else None,
                    "handover_reason": hout.reason if hout else None,
                })
    rows.sort(key=lambda r: (r["start_date"], r["assignment_id"], asc(r["received_on"]),
                             asc(r["received_from"]), asc(r["handed_over_on"]),
                             asc(r["handed_over_to"])))
    return rows


def test_regisseur_history(loaded: Loaded) -> None:
    w = loaded.world
    for case in sorted(w.cases):
        for role in ("regisseur", "jeugdbeschermer"):
            assert run(loaded, "regisseur_history", case_id=case, role=role) == \
                expected_history(w, case, role), (case, role)


def expected_without(w: World, day: dt.date, role: str, municipality: str | None
                     ) -> list[dict[str, Any]]:
    rows = []
    for c in sorted(w.cases.values(), key=lambda c: c.id):
        if not (c.opened <= day and covers(None, c.closed, day)):
            continue
        if municipality and c.municipality != municipality:
            continue
        mine = w.case_assignments.get(c.id, [])
        if any(a.role == role and covers(a.start_date, a.end_date, day) for a in mine):
            continue
        ended = [a.end_date for a in mine if a.role == role and a.end_date and a.end_date < day]
        active = [a for a in mine if covers(a.start_date, a.end_date, day)]
        rows.append({"case_id": c.id, "municipality": c.municipality, "framework": c.framework,
                     "opened": c.opened, "closed": c.closed,
                     "last_held_until": max(ended) if ended else None,
                     "active_assignments": len(active),
                     "active_roles": sorted({a.role for a in active})})
    return rows


@pytest.mark.parametrize("day", [d("2019-12-01"), d("2023-09-01"), d("2025-06-30")])
@pytest.mark.parametrize("role", ["regisseur", "jeugdbeschermer"])
def test_cases_without_regisseur(loaded: Loaded, day: dt.date, role: str) -> None:
    for municipality in (None, MUNICIPALITY):
        assert run(loaded, "cases_without_regisseur", date=day, role=role,
                   municipality=municipality) == expected_without(loaded.world, day, role,
                                                                  municipality)


def expected_gaps(w: World, role: str | None, min_days: int, as_of: dt.date,
                  case_id: str | None = None, municipality: str | None = None
                  ) -> list[dict[str, Any]]:
    """By counting covered days, not by sweeping intervals as the query does."""
    rows = []
    for c in sorted(w.cases.values(), key=lambda c: c.id):
        if (case_id and c.id != case_id) or (municipality and c.municipality != municipality):
            continue
        if c.opened > as_of:
            continue
        hi = as_of if c.closed is None or c.closed > as_of else c.closed
        covered: set[dt.date] = set()
        for a in w.case_assignments.get(c.id, []):
            if (role is None or a.role == role) and a.start_date <= as_of:
                covered.update(days_between(a.start_date, a.end_date or as_of))
        run_start = None
        for day in [*days_between(c.opened, hi), None]:
            if day is not None and day not in covered:
                run_start = run_start or day
                continue
            if run_start is not None:
                last = (day - DAY) if day is not None else hi
                days = (last - run_start).days + 1
                if days >= min_days:
                    rows.append({"case_id": c.id, "municipality": c.municipality,
                                 "framework": c.framework, "gap_start": run_start,
                                 "gap_end": last, "days": days})
                run_start = None
    return rows


@pytest.mark.parametrize(("role", "min_days"), [(None, 1), ("regisseur", 30),
                                                ("jeugdbeschermer", 1)])
def test_responsibility_gaps(loaded: Loaded, role: str | None, min_days: int) -> None:
    w = loaded.world
    for as_of in (TODAY, d("2023-01-01")):
        assert run(loaded, "responsibility_gaps", role=role, min_days=min_days, as_of=as_of) == \
            expected_gaps(w, role, min_days, as_of)
    assert run(loaded, "responsibility_gaps", case_id="x-c2", role="regisseur") == \
        expected_gaps(w, "regisseur", 1, TODAY, case_id="x-c2")
    assert run(loaded, "responsibility_gaps", municipality=MUNICIPALITY) == \
        expected_gaps(w, None, 1, TODAY, municipality=MUNICIPALITY)


# ----------------------------------------------------------------------------- item 6


def until(end: dt.date | None, as_of: dt.date) -> dt.date:
    return as_of if end is None or end > as_of else end


def expected_measures(w: World, child: str, as_of: dt.date) -> list[dict[str, Any]]:
    rows = []
    for m in w.measures.values():
        if m.child_id != child:
            continue
        first, hops = m, 0
        while first.extends_id is not None:
            first, hops = w.measures[first.extends_id], hops + 1
        last = until(m.end_date, as_of)
        rows.append({
            "measure_id": m.id, "kind": m.kind, "requested_date": m.requested_date,
            "decision_date": m.decision_date, "start_date": m.start_date,
            "end_date": m.end_date,
            "days": 0 if m.start_date > last else (last - m.start_date).days + 1,
            "chain_id": first.id, "extension": hops, "extends_id": m.extends_id,
            "gi_id": m.gi_id, "gi_name": w.org_field(m.gi_id, "name"), "court_id": m.court_id,
            "case_id": m.case_id})
    rows.sort(key=lambda r: (r["start_date"], r["measure_id"]))
    return rows


def test_child_measures(loaded: Loaded) -> None:
    w = loaded.world
    children = sorted({m.child_id for m in w.measures.values()})
    assert "x-kid3" in children
    for child in children:
        for as_of in (TODAY, d("2023-06-01")):
            assert run(loaded, "child_measures", child_id=child, as_of=as_of) == \
                expected_measures(w, child, as_of), child


def expected_ots(w: World, years: float, kinds: list[str], as_of: dt.date
                 ) -> list[dict[str, Any]]:
    per: dict[str, list[Any]] = defaultdict(list)
    for m in w.measures.values():
        if m.kind in kinds and m.start_date <= as_of:
            per[m.child_id].append(m)
    rows = []
    for child, ms in per.items():
        days: set[dt.date] = set()
        for m in ms:
            days.update(days_between(m.start_date, until(m.end_date, as_of)))
        if not len(days) > years * 365.25:
            continue
        rows.append({
            "child_id": child, "birth_date": w.persons[child].birth_date, "measures": len(ms),
            "extensions": sum(1 for m in ms if m.extends_id is not None), "ots_days": len(days),
            "ots_years": len(days) / 365.25, "first_start": min(m.start_date for m in ms),
            "last_end": max(until(m.end_date, as_of) for m in ms),
            "ongoing": any(m.end_date is None or m.end_date > as_of for m in ms),
            "placements": sum(1 for m in w.measures.values() if m.child_id == child
                              and m.kind == "machtiging_uithuisplaatsing")})
    rows.sort(key=lambda r: (-r["ots_days"], r["child_id"]))
    return rows


@pytest.mark.parametrize(("years", "kinds", "as_of"), [
    (2.0, ["ots", "voorlopige_ots"], TODAY), (0.5, ["ots"], d("2024-01-01")),
    (0.0, ["ots", "voorlopige_ots", "machtiging_uithuisplaatsing"], TODAY)])
def test_children_ots_over(loaded: Loaded, years: float, kinds: list[str], as_of: dt.date
                           ) -> None:
    assert run(loaded, "children_ots_over", years=years, kinds=kinds, as_of=as_of) == \
        expected_ots(loaded.world, years, kinds, as_of)


# ----------------------------------------------------------------------------- item 7


def working_days(a: dt.date, b: dt.date) -> int:
    return sum(1 for day in days_between(a + DAY, b) if day.isoweekday() <= 5)


def grouped(rows: list[tuple[Any, Any, dict[str, Any]]]) -> dict[tuple[Any, Any],
                                                                  list[dict[str, Any]]]:
    out: dict[tuple[Any, Any], list[dict[str, Any]]] = defaultdict(list)
    for region, mon, item in rows:
        out[(region, mon)].append(item)
    return dict(sorted(out.items(), key=lambda kv: (asc(kv[0][0]), kv[0][1])))


@pytest.mark.parametrize(("start", "end"), [(None, None), (d("2022-01-01"), d("2025-06-30"))])
def test_melding_to_assessment(loaded: Loaded, start: dt.date | None, end: dt.date | None
                               ) -> None:
    w = loaded.world
    items = []
    for c in w.cases.values():
        reports = sorted((r for r in w.reports if r.case_id == c.id), key=lambda r: (r.date, r.id))
        if not reports:
            continue
        melding = reports[0]
        if (start and melding.date < start) or (end and melding.date > end):
            continue
        later = [sa.date for sa in w.assessments if sa.case_id == c.id and sa.date >= melding.date]
        assessed = min(later) if later else None
        days = (assessed - melding.date).days if assessed else None
        items.append((w.org_field(melding.organisation_id, "region"), month(melding.date),
                      {"days": days, "work": working_days(melding.date, assessed)
                       if assessed else None}))
    expected = []
    for (region, mon), xs in grouped(items).items():
        days = [x["days"] for x in xs]
        expected.append({
            "region": region, "month": mon, "meldingen": len(xs),
            "assessed": sum(1 for v in days if v is not None),
            "median_days": percentile_disc(days, 0.5), "p90_days": percentile_disc(days, 0.9),
            "max_days": max((v for v in days if v is not None), default=None),
            "within_norm": sum(1 for x in xs if x["work"] is not None and x["work"] <= 5)})
    assert run(loaded, "melding_to_assessment", start=start, end=end) == expected


@pytest.mark.parametrize(("start", "end", "kinds", "extensions"), [
    (None, None, None, False), (d("2018-01-01"), d("2024-12-31"), ["ots"], True)])
def test_request_to_decision(loaded: Loaded, start: dt.date | None, end: dt.date | None,
                             kinds: list[str] | None, extensions: bool) -> None:
    w = loaded.world
    items = []
    for m in w.measures.values():
        if m.requested_date is None or m.decision_date is None:
            continue
        if (start and m.requested_date < start) or (end and m.requested_date > end):
            continue
        if (kinds and m.kind not in kinds) or (not extensions and m.extends_id is not None):
            continue
        items.append((w.org_field(m.court_id, "region"), month(m.requested_date),
                      {"days": (m.decision_date - m.requested_date).days}))
    expected = []
    for (region, mon), xs in grouped(items).items():
        days = [x["days"] for x in xs]
        expected.append({"region": region, "month": mon, "measures": len(xs),
                         "median_days": percentile_disc(days, 0.5),
                         "p90_days": percentile_disc(days, 0.9), "max_days": max(days)})
    assert run(loaded, "request_to_decision", start=start, end=end, kinds=kinds,
               include_extensions=extensions) == expected


# ----------------------------------------------------------------------------- item 8


@pytest.mark.parametrize(("months", "filters"), [
    (12, {}), (3, {"municipality": MUNICIPALITY}),
    (24, {"closed_from": d("2020-01-01"), "closed_to": d("2024-12-31")})])
def test_remelding_after_closure(loaded: Loaded, months: int, filters: dict[str, Any]) -> None:
    w = loaded.world
    expected = []
    for c in sorted(w.cases.values(), key=lambda c: c.id):
        if c.closed is None:
            continue
        if (filters.get("municipality") and c.municipality != filters["municipality"]) or (
                filters.get("closed_from") and c.closed < filters["closed_from"]) or (
                filters.get("closed_to") and c.closed > filters["closed_to"]):
            continue
        limit = c.closed + relativedelta(months=months)
        found = sorted(((r, len(set(r.person_ids) & set(c.person_ids))) for r in w.reports
                        if c.closed < r.date <= limit and set(r.person_ids) & set(c.person_ids)),
                       key=lambda x: (x[0].date, x[0].id))
        if not found:
            continue
        r, shared = found[0]
        expected.append({"case_id": c.id, "municipality": c.municipality,
                         "framework": c.framework, "closed": c.closed, "melding_id": r.id,
                         "melding_date": r.date, "days_after": (r.date - c.closed).days,
                         "new_case_id": r.case_id, "meldingen": len(found),
                         "persons_in_common": shared})
    assert run(loaded, "remelding_after_closure", months=months, **filters) == expected


# ----------------------------------------------------------------------------- item 9


def overlap(starts: list[dt.date | None], ends: list[dt.date | None], as_of: dt.date
            ) -> tuple[dt.date, dt.date]:
    lo = max(s for s in starts if s is not None)
    hi = min([as_of, *(e for e in ends if e is not None)])
    return lo, hi


def co_residents(w: World) -> list[tuple[str, Any, Any]]:
    """(household, membership of a, membership of b) with a's id before b's."""
    out = []
    for hid, members in w.members_of.items():
        for ma in members:
            for mb in members:
                if ma.person_id < mb.person_id:
                    out.append((hid, ma, mb))
    return out


WINDOWS9: list[tuple[dt.date, dt.date | None, dt.date | None]] = [
    (TODAY, None, None), (d("2019-01-01"), d("2018-09-01"), None)]


@pytest.mark.parametrize(("as_of", "start", "end"), WINDOWS9)
def test_siblings_different_gi(loaded: Loaded, as_of: dt.date, start: dt.date | None,
                               end: dt.date | None) -> None:
    w = loaded.world
    by_child: dict[str, list[Any]] = defaultdict(list)
    for m in w.measures.values():
        if m.gi_id is not None:
            by_child[m.child_id].append(m)
    rows = set()
    for hid, ma, mb in co_residents(w):
        a, b = ma.person_id, mb.person_id
        if not (by_child.get(a) and by_child.get(b) and w.siblings(a, b)):
            continue
        for xa in by_child[a]:
            for xb in by_child[b]:
                if xa.gi_id == xb.gi_id:
                    continue
                lo, hi = overlap([xa.start_date, xb.start_date, ma.start_date, mb.start_date,
                                  start], [xa.end_date, xb.end_date, ma.end_date, mb.end_date,
                                           end], as_of)
                if lo <= hi:
                    rows.add((hid, a, b, xa.id, xb.id, xa.gi_id, xb.gi_id, lo, hi))
    cols = ["household_id", "child_a", "child_b", "measure_a", "measure_b", "gi_a", "gi_b",
            "overlap_start", "overlap_end"]
    expected = [dict(zip(cols, r, strict=True)) for r in sorted(rows)]
    assert any(r["child_a"] == "x-kid1" for r in expected) or as_of < d("2018-06-01")
    assert run(loaded, "siblings_different_gi", as_of=as_of, start=start, end=end) == expected


@pytest.mark.parametrize(("as_of", "start", "end"), WINDOWS9)
def test_siblings_different_jeugdbeschermer(loaded: Loaded, as_of: dt.date,
                                            start: dt.date | None, end: dt.date | None) -> None:
    w = loaded.world
    served: dict[str, list[tuple[Any, Any]]] = defaultdict(list)  # child -> (assignment, case)
    for a in w.assignments.values():
        if a.role == "jeugdbeschermer":
            case = w.cases[a.case_id]
            for pid in case.person_ids:
                served[pid].append((a, case))
    rows = set()
    for hid, ma, mb in co_residents(w):
        a, b = ma.person_id, mb.person_id
        if not (served.get(a) and served.get(b) and w.siblings(a, b)):
            continue
        for sa, ca in served[a]:
            for sb, cb in served[b]:
                if sa.professional_id == sb.professional_id or b in ca.person_ids or (
                        a in cb.person_ids):
                    continue
                lo, hi = overlap([sa.start_date, sb.start_date, ma.start_date, mb.start_date,
                                  start], [sa.end_date, sb.end_date, ma.end_date, mb.end_date,
                                           end], as_of)
                if lo <= hi:
                    rows.add((hid, a, b, sa.id, sb.id, sa.professional_id, sb.professional_id,
                              sa.organisation_id, sb.organisation_id, lo, hi))
    cols = ["household_id", "child_a", "child_b", "assignment_a", "assignment_b",
            "professional_a", "professional_b", "organisation_a", "organisation_b",
            "overlap_start", "overlap_end"]
    expected = [dict(zip(cols, r, strict=True)) for r in
                sorted(rows, key=lambda r: (*r[:5], r[9], r[10]))]
    assert run(loaded, "siblings_different_jeugdbeschermer", as_of=as_of, start=start,
               end=end) == expected


# ----------------------------------------------------------------------------- item 10


@pytest.mark.parametrize(("as_of", "min_days", "types", "municipality"), [
    (TODAY, 0, None, None), (d("2024-01-01"), 90, ["jeugdhulpaanbieder"], None),
    (TODAY, 0, ["ggz", "jeugdhulpaanbieder"], MUNICIPALITY)])
def test_referrals_not_started(loaded: Loaded, as_of: dt.date, min_days: int,
                               types: list[str] | None, municipality: str | None) -> None:
    w = loaded.world
    expected = []
    for rf in w.referrals:
        provider = w.orgs[rf.provider_id]
        case = w.cases.get(rf.case_id) if rf.case_id else None
        if rf.started_date is not None or rf.requested_date > as_of - dt.timedelta(min_days):
            continue
        if (types and provider.type not in types) or (
                municipality and (case is None or case.municipality != municipality)):
            continue
        expected.append({"referral_id": rf.id, "person_id": rf.person_id,
                         "provider_id": provider.id, "provider_name": provider.name,
                         "provider_type": provider.type, "requested_date": rf.requested_date,
                         "stopped_date": rf.stopped_date,
                         "days_waiting": (as_of - rf.requested_date).days,
                         "case_id": rf.case_id,
                         "municipality": case.municipality if case else None})
    expected.sort(key=lambda r: (-r["days_waiting"], r["referral_id"]))
    assert run(loaded, "referrals_not_started", as_of=as_of, min_days=min_days,
               provider_types=types, municipality=municipality) == expected


@pytest.mark.parametrize(("types", "start", "end", "municipality"), [
    (["jeugdhulpaanbieder", "ggz"], None, None, None),
    (["ggz"], d("2021-01-01"), d("2025-12-31"), None),
    (["jeugdhulpaanbieder", "ggz"], None, None, MUNICIPALITY)])
def test_referrals_per_month(loaded: Loaded, types: list[str], start: dt.date | None,
                             end: dt.date | None, municipality: str | None) -> None:
    w = loaded.world
    groups: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for rf in w.referrals:
        provider = w.orgs[rf.provider_id]
        case = w.cases.get(rf.case_id) if rf.case_id else None
        if provider.type not in types or (start and rf.requested_date < start) or (
                end and rf.requested_date > end):
            continue
        if municipality and (case is None or case.municipality != municipality):
            continue
        groups[(month(rf.requested_date), provider.type)].append(rf)
    expected = []
    for (mon, ptype), rfs in sorted(groups.items()):
        started = [rf for rf in rfs if rf.started_date is not None]
        expected.append({
            "month": mon, "provider_type": ptype, "requested": len(rfs),
            "started": len(started), "not_started": len(rfs) - len(started),
            "stopped": sum(1 for rf in rfs if rf.stopped_date is not None),
            "median_days_to_start": percentile_disc(
                [(rf.started_date - rf.requested_date).days for rf in started], 0.5)})
    assert run(loaded, "referrals_per_month", provider_types=types, start=start, end=end,
               municipality=municipality) == expected


def test_the_awkward_cases_are_exercised(loaded: Loaded) -> None:
    """Guards the fixture: the comparisons above meet the awkward cases (the expected rows
    themselves still come from the plain-Python computations)."""
    w = loaded.world
    assert expected_history(w, "x-c1", "regisseur")[0]["handed_over_to"] == "x-a2"
    assert "x-c1" in {r["case_id"] for r in expected_without(w, d("2019-12-01"), "regisseur",
                                                              None)}
    assert any(r["case_id"] == "x-c2" for r in expected_gaps(w, "regisseur", 1, TODAY))
    assert "x-kid3" in {r["child_id"] for r in expected_ots(w, 2.0, ["ots"], TODAY)}
    chains = {r["case_id"]: r for r in case_rows(w)}
    assert chains["x-c1"]["handovers"] == 1 and chains["x-c3"]["first_measure"] is None
