"""Who a genogram shows, against the real database: the family as of a date, generations,
siblings, partners, the overlays, and the caller's need-to-know."""

from __future__ import annotations

import datetime as dt

import pytest

from genogram_service.container import Services
from genogram_service.errors import NotFound
from genogram_service.genogram import service as genogram
from genogram_service.genogram.options import GenogramOptions
from genogram_service.genogram.rendering import FamilyView, build_dot
from genogram_service.genogram.service import family_view
from genogram_service.records import Bundle
from genogram_service.security.access import SYSTEM, Actor, Role
from genogram_service.synthetic import DEFAULT_TODAY, generate_lineage
from tests.support.families import AT, FAMILIES


def load(services: Services, name: str) -> str:
    bundle, index = FAMILIES[name]()
    services.records.import_bundle(Bundle.model_validate(bundle))
    return index


def view(services: Services, index: str, actor: Actor = SYSTEM, **options: object
         ) -> FamilyView:
    options.setdefault("at", AT)
    return family_view(services.graph, services.guard, actor, person_id=index,
                       options=GenogramOptions.model_validate(options))


def ids(v: FamilyView) -> set[str]:
    return {p.id.split("-", 1)[1] for p in v.persons}


def test_moving_the_date_back_before_a_divorce_draws_the_partners_married(
        services: Services) -> None:
    load(services, "three_partners")
    now = view(services, "tp-a")
    u1 = next(u for u in now.unions if u.id == "tp-u1")
    assert u1.end_reason == "divorced" and u1.end_date == dt.date(2009, 9, 1)
    then = view(services, "tp-a", at=dt.date(2008, 1, 1))
    u1 = next(u for u in then.unions if u.id == "tp-u1")
    assert u1.end_date is None and u1.end_reason is None
    assert {u.id for u in then.unions} == {"tp-u1", "tp-u-gp"}  # later unions not started
    assert "d" not in ids(then) and "c" not in ids(then)  # not born yet
    source = build_dot(then)
    assert "g. 2009" not in source and "geh. 2003" in source


def test_deceased_only_when_died_before_the_date(services: Services) -> None:
    load(services, "twins_deceased")
    before = view(services, "tw-t1", at=dt.date(2017, 1, 1))
    after = view(services, "tw-t1")
    dad = {p.id: p for p in before.persons}["tw-dad"]
    assert dad.death_date is None
    assert {p.id: p for p in after.persons}["tw-dad"].death_date == dt.date(2018, 3, 3)
    assert "baby" not in ids(before)  # born 2024
    assert "new" not in ids(before)  # the new partner's union starts in 2020


def test_generations_siblings_and_partners(services: Services) -> None:
    load(services, "three_partners")
    full = ids(view(services, "tp-c"))
    assert full == {"c", "mum", "p2", "gm", "gf", "a", "b", "d", "p1", "p3", "e", "ex3"}
    assert ids(view(services, "tp-c", up=0)) == {"c"}
    assert ids(view(services, "tp-c", up=1, siblings=False, partners=False)) == {
        "c", "mum", "p2"}
    no_partners = ids(view(services, "tp-c", partners=False))
    assert "e" not in no_partners and "ex3" not in no_partners  # the partner's own child
    assert {"a", "b", "d", "p1", "p3"} <= no_partners  # half-siblings and their parents
    assert not {"a", "b", "d"} & ids(view(services, "tp-c", siblings=False))
    down = ids(view(services, "tp-mum", up=0, down=1, partners=False))
    assert down == {"mum", "a", "b", "c", "d", "p1", "p2", "p3"}
    assert ids(view(services, "tp-mum", up=0, down=0, partners=False)) == {"mum"}


def test_connected_shows_everyone(services: Services) -> None:
    load(services, "step_family")
    assert len(view(services, "st-own", connected=True).persons) == 11


def test_overlays_on_the_date(services: Services) -> None:
    load(services, "ecomap")
    v = view(services, "em-k1")
    assert v.households is not None and [h.name for h in v.households] == [
        "Huishouden Bouzid"]
    assert v.emotional is not None and {e.kind for e in v.emotional} == {
        "hostile", "neglect", "close"}
    assert v.professionals is not None
    mother = [p for p in v.professionals if any(x.person_id == "em-mum" for x in p.links)]
    assert len(mother) == 9
    assert len({p.organisation.id for p in mother if p.organisation}) == 5
    lead = [p for p in v.professionals if p.regisseur]
    assert [p.name for p in lead] == ["Eva Jansen"]
    eva = lead[0]
    assert eva.organisation is not None and eva.organisation.type == "lokaal_team"
    assert eva.contacts == 14  # each with the mother and Amira: counted once
    assert {x.person_id: x.contacts for x in eva.links} == {"em-mum": 14, "em-k1": 14}
    # the period: contacts before it are not counted
    short = view(services, "em-k1", since=dt.date(2026, 1, 1))
    assert short.professionals is not None
    assert sum(x.contacts for p in short.professionals for x in p.links) < sum(
        x.contacts for p in v.professionals for x in p.links)
    off = view(services, "em-k1", households=False, emotional=False, professionals=False)
    assert off.households is None and off.emotional is None and off.professionals is None


@pytest.mark.parametrize("family, index", [("ecomap", "em-k1"), ("lineage", None)])
def test_overlays_read_with_the_family_in_one_statement_or_four_give_the_same_view(
        services: Services, monkeypatch: pytest.MonkeyPatch, family: str, index: str | None
) -> None:
    """A whole family for someone who sees everyone: family and overlays from one statement;
    else the overlays from one composed statement (small families) or the four statements in
    parallel (large ones). All three give the same view, overlay by overlay."""
    at = AT
    if family == "lineage":
        lineage = generate_lineage(persons=40, generations=4, professionals=15, prefix="ovl")
        services.records.import_bundle(lineage.bundle)
        index, at = lineage.index_id, DEFAULT_TODAY  # (one of them is born in August 2026)
    else:
        load(services, family)
    assert index is not None
    options = {"connected": True, "since": dt.date(2016, 1, 1), "at": at}
    reads = _reads(services, monkeypatch)
    together = view(services, index, **options)
    assert reads == ["read/genogram_connected_overlays"]
    monkeypatch.setattr(genogram, "_together", lambda options, guard, actor: False)
    reads.clear()
    one = view(services, index, **options)
    assert reads == ["read/genogram_connected", "read/genogram_overlays"]
    assert len(one.persons) <= genogram.ONE_STATEMENT_PERSONS
    monkeypatch.setattr(genogram, "ONE_STATEMENT_PERSONS", 0)
    four = view(services, index, **options)
    assert one.households and one.emotional and one.professionals  # something to compare
    assert any(p.regisseur for p in one.professionals)
    assert together.model_dump() == one.model_dump() == four.model_dump()


def test_overlays_read_with_the_family_are_used_only_for_exactly_the_persons_shown(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a date before Milan's birth he is in the family read but not shown: his contact
    with the regisseur must not count, so the overlays are read again for those shown."""
    load(services, "ecomap")
    services.records.import_bundle(Bundle.model_validate({"contacts": [
        {"id": "em-ct-milan", "date": "2024-01-10", "kind": "home_visit",
         "professional_ids": ["em-reg"], "person_ids": ["em-k2"]}]}))
    options = {"connected": True, "at": dt.date(2014, 1, 1), "until": dt.date(2026, 1, 1)}
    reads = _reads(services, monkeypatch)
    v = view(services, "em-k1", **options)
    assert "em-k2" not in {p.id for p in v.persons}
    assert reads == ["read/genogram_connected_overlays", "read/genogram_overlays"]
    assert v.professionals is not None
    eva = next(p for p in v.professionals if p.id == "em-reg")
    assert eva.contacts == 14  # not the 15th, with Milan
    assert "em-jgz" not in {p.id for p in v.professionals}  # saw only Milan
    monkeypatch.setattr(genogram, "_together", lambda options, guard, actor: False)
    assert view(services, "em-k1", **options).model_dump() == v.model_dump()


def _reads(services: Services, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the statements the genogram reads from now on (the real reads run)."""
    names: list[str] = []
    real = services.graph.read

    def read(statement: str, /, **params: object) -> list[dict[str, object]]:
        if statement.startswith(("read/genogram_", "read/visible_persons")):
            names.append(statement)
        return real(statement, **params)

    monkeypatch.setattr(services.graph, "read", read)
    return names


def _case_worker(services: Services) -> Actor:
    """Fatima, with an assignment on a case about E (three_partners, loaded)."""
    services.records.import_bundle(Bundle.model_validate({
        "organisations": [{"id": "tp-o", "type": "gi", "name": "GI"}],
        "professionals": [{"id": "tp-pro", "name": "Fatima", "role": "jeugdbeschermer"}],
        "cases": [{"id": "tp-case", "opened": "2025-01-01", "framework": "court_ordered",
                   "municipality": "Utrecht", "person_ids": ["tp-e"]}],
        "assignments": [{"id": "tp-as", "professional_id": "tp-pro", "case_id": "tp-case",
                         "organisation_id": "tp-o", "role": "jeugdbeschermer",
                         "start_date": "2025-01-01"}],
    }))
    return Actor(user_id="u1", username="fatima", role=Role.case_worker,
                 professional_id="tp-pro")


def test_a_case_worker_sees_only_their_need_to_know(services: Services) -> None:
    load(services, "three_partners")
    worker = _case_worker(services)
    shown = ids(view(services, "tp-d", actor=worker))
    assert shown == {"d", "mum", "p3", "e", "ex3"}  # within two family steps of the case
    with pytest.raises(NotFound):
        view(services, "tp-gf", actor=worker)


def test_break_glass_on_a_person_in_scope_logs_the_relatives_outside_it(
        services: Services) -> None:
    """Break-glass shows the whole family; the relatives outside the need-to-know must be in a
    break-glass entry of the access log, even when the index person is in scope."""
    test_a_case_worker_sees_only_their_need_to_know(services)
    worker = Actor(user_id="u1", username="fatima", role=Role.case_worker,
                   professional_id="tp-pro", break_glass_reason="crisis call, mother unreachable")
    shown = ids(view(services, "tp-d", actor=worker))
    assert {"gf", "d", "e"} <= shown  # more than the need-to-know
    start = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    entries = list(services.audit.events(start=start, end=dt.datetime.now(dt.UTC)
                                         + dt.timedelta(minutes=1)))
    glass = [e for e in entries if e.break_glass]
    assert len(glass) == 1 and glass[0].resource == "genogram: family shown"
    assert set(glass[0].subjects) == {f"tp-{p}" for p in shown}
    assert glass[0].break_glass_reason == "crisis call, mother unreachable"


def test_unknown_person(services: Services) -> None:
    with pytest.raises(NotFound):
        view(services, "nobody")


@pytest.mark.parametrize("connected", [False, True])
def test_a_case_workers_need_to_know_comes_with_the_family(
        services: Services, monkeypatch: pytest.MonkeyPatch, connected: bool) -> None:
    """The family and who of it the case worker may see in one statement: the same view as
    reading the need-to-know for the selection afterwards."""
    load(services, "three_partners")
    worker = _case_worker(services)
    reads = _reads(services, monkeypatch)
    together = view(services, "tp-d", actor=worker, connected=connected)
    family = "connected" if connected else "relatives"
    assert reads == ["read/visible_persons", f"read/genogram_{family}_visible",
                     "read/genogram_overlays"]
    assert "tp-gf" not in {p.id for p in together.persons}  # outside the need-to-know
    monkeypatch.setattr(services.guard, "scope_params", lambda actor: None)
    reads.clear()
    apart = view(services, "tp-d", actor=worker, connected=connected)
    assert reads == ["read/visible_persons", f"read/genogram_{family}",
                     "read/visible_persons", "read/genogram_overlays"]
    assert together.model_dump() == apart.model_dump()


def test_the_same_family_gives_the_same_picture_whatever_was_stored_before(
        services: Services) -> None:
    """The database returns rows in an order that follows its storage history; the view (and
    so the DOT) must not: the adoption family alone, and after three other families were
    stored and deleted, gives the same DOT."""
    index = load(services, "adoption_foster")
    alone = view(services, index)
    services.graph.run_autocommit("write/clear_database")
    for other in ("simple", "three_partners", "step_family"):
        load(services, other)
        services.graph.run_autocommit("write/clear_database")
    load(services, "adoption_foster")
    again = view(services, index)
    assert again.model_dump() == alone.model_dump()
    assert build_dot(again) == build_dot(alone)
