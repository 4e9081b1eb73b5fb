"""Retention: what is past its rule goes (with an access-log entry each); the rest stays."""

from __future__ import annotations

import datetime as dt

from genogram_service.container import Services
from genogram_service.records import Bundle
from genogram_service.records.retention import run_retention
from genogram_service.settings import Settings
from tests.support.helpers import graph_counts
from tests.support.samples import family


def _old_family() -> Bundle:
    """A case closed in 2001 (past 20 years), a fresh family with an open case, and a melding
    without a case from 2020 (past 2 years)."""
    data = family()
    data["persons"].append({"id": "p-old", "given_names": "Jan", "sex": "male",
                            "birth_date": "1990-01-01"})
    data["cases"].append({"id": "case-old", "opened": "1999-01-01", "closed": "2001-06-30",
                          "framework": "voluntary", "municipality": "Utrecht",
                          "person_ids": ["p-old"]})
    data["contacts"].append({"id": "ct-old", "date": "2000-01-01", "kind": "phone",
                             "professional_ids": ["pro-1"], "person_ids": ["p-old"],
                             "case_id": "case-old"})
    data["reports"].append({"id": "r-signal", "date": "2020-01-01", "reporter_type": "neighbour",
                            "outcome": "advice", "person_ids": ["p-kind2"]})
    return Bundle.model_validate(data)


def test_retention_dry_run_then_run(services: Services, settings: Settings) -> None:
    services.records.import_bundle(_old_family())
    before = graph_counts(services.graph)
    today = dt.date(2026, 11, 23)
    plan = run_retention(services.graph, services.guard, settings, dry_run=True, today=today)
    assert {(r.kind, r.id) for r in plan.removals} == {
        ("case", "case-old"), ("report", "r-signal"), ("person", "p-old")}
    assert graph_counts(services.graph) == before  # a dry run changes nothing

    done = run_retention(services.graph, services.guard, settings, dry_run=False, today=today)
    assert {(r.kind, r.id) for r in done.removals} == {(r.kind, r.id) for r in plan.removals}
    after = graph_counts(services.graph)
    assert after["node:Case"] == before["node:Case"] - 1
    assert after["node:Contact"] == before["node:Contact"] - 1
    assert after["node:Report"] == before["node:Report"] - 1
    assert after["node:Person"] == before["node:Person"] - 1  # p-kind2 still has her case
    assert services.graph.read("read/get_person", ids=["p-kind2"])

    events = list(services.audit.events(start=dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
                                        end=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)))
    removals = [e for e in events if e.purpose == "retention"]
    assert len(removals) == 3 and all(e.action == "delete" for e in removals)
    assert services.audit.verify().ok
    # running again finds nothing more
    assert run_retention(services.graph, services.guard, settings, dry_run=False,
                         today=today).removals == []


def test_cutoffs_are_calendar_years(services: Services, settings: Settings) -> None:
    """From 29 February the cutoff is the same day in a leap year, else 28 February."""
    assert (settings.retention_case_years, settings.retention_signal_years) == (20, 2)
    leap = run_retention(services.graph, services.guard, settings, dry_run=True,
                         today=dt.date(2024, 2, 29))
    assert leap.case_cutoff == dt.date(2004, 2, 29)
    assert leap.signal_cutoff == dt.date(2022, 2, 28)
    plain = run_retention(services.graph, services.guard, settings, dry_run=True,
                          today=dt.date(2023, 3, 1))
    assert (plain.case_cutoff, plain.signal_cutoff) == (dt.date(2003, 3, 1), dt.date(2021, 3, 1))
