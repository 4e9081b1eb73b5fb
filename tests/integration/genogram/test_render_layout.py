"""Layout quality, measured on the positions Graphviz computed (``dot -Tjson``), on the awkward
hand-written families and on generated ones (40 people over four generations, 150 people,
a connected 700-person family of four intermarried lineages over six generations).

``layout_problems`` (genogram_service/rendering/quality.py) checks: every person exactly once;
partners on their union's row with nothing else between them and the union; children below
their parents' union; siblings left to right in birth order; no two symbols overlap; household
outlines hold their members and nobody else. The tests below also check these facts directly
on a few families, so that the checker itself is checked."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from genogram_service.container import Services
from genogram_service.genogram.options import GenogramOptions
from genogram_service.genogram.rendering import FamilyView, positions
from genogram_service.genogram.rendering.build import build, render_drawing
from genogram_service.genogram.service import family_view
from genogram_service.records import Bundle
from genogram_service.security.access import SYSTEM
from genogram_service.synthetic import generate_lineage
from tests.support.families import AT, FAMILIES
from tests.support.quality import layout_problems

Boxes = dict[str, tuple[float, float]]


def load(services: Services, name: str) -> str:
    bundle, index = FAMILIES[name]()
    services.records.import_bundle(Bundle.model_validate(bundle))
    return index


def view(services: Services, index: str, at: dt.date = AT, **options: object) -> FamilyView:
    return family_view(services.graph, services.guard, SYSTEM, person_id=index,
                       options=GenogramOptions.model_validate({"at": at, **options}))


def layout(v: FamilyView) -> tuple[list[str], Boxes]:
    drawing = build(v)
    laid_out = render_drawing(drawing, "json")
    boxes = {n: (b.x, b.y) for n, b in positions(laid_out).items()}
    return layout_problems(v, laid_out, drawing.households), boxes


@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_awkward_families_lay_out_cleanly(services: Services, name: str) -> None:
    index = load(services, name)
    for households in (True, False):
        problems, _ = layout(view(services, index, households=households))
        assert problems == [], (name, households)


def test_three_partners_in_time_order_with_the_shared_person_between(
        services: Services) -> None:
    index = load(services, "three_partners")
    problems, at = layout(view(services, index))
    assert problems == []
    x = {k: at[f"P_tp-{k}"][0] for k in ("p1", "p2", "mum", "p3", "ex3")}
    assert x["p1"] < x["p2"] < x["mum"] < x["p3"]  # earlier partners left, latest right
    assert len({round(at[f"P_tp-{k}"][1]) for k in x}) == 1  # one row
    assert x["p1"] < at["U_tp-u1"][0] < x["p2"]  # first union right of its outer partner
    assert x["mum"] < at["U_tp-u3"][0] < x["p3"]
    # children below their parents' union, half-siblings under the shared parent's unions
    for kid, union in (("a", "u1"), ("b", "u1"), ("c", "u2"), ("d", "u3"), ("e", "u4")):
        assert at[f"P_tp-{kid}"][1] < at[f"U_tp-{union}"][1]
    assert at["P_tp-a"][0] < at["P_tp-b"][0]  # siblings in birth order


def test_step_family_children_on_both_sides(services: Services) -> None:
    index = load(services, "step_family")
    problems, at = layout(view(services, index, households=False))
    assert problems == []
    assert at["P_st-h1"][0] < at["P_st-h2"][0]  # her children, in birth order
    assert at["P_st-s1"][0] < at["P_st-s2"][0]  # his
    row = round(at["P_st-her"][1])
    assert all(round(at[f"P_st-{k}"][1]) == row for k in ("his", "her-ex", "his-ex"))


def test_adoption_with_birth_and_adoptive_parents(services: Services) -> None:
    index = load(services, "adoption_foster")
    v = view(services, index)
    shown = {p.id for p in v.persons}
    assert {"af-bm", "af-bf", "af-am", "af-ad", "af-fbm"} <= shown
    kinds = {(c.child_id, c.union_id): c.kind for c in v.children}
    assert kinds[("af-idx", "af-u-birth")] == "birth"
    assert kinds[("af-idx", "af-u-adopt")] == "adopted"
    assert kinds[("af-foster", "af-u-adopt")] == "foster"
    problems, at = layout(v)
    assert problems == []
    assert at["P_af-idx"][1] < at["U_af-u-birth"][1]
    assert at["P_af-idx"][1] < at["U_af-u-adopt"][1]
    # a foster placement that had not started yet is not drawn
    before = view(services, index, at=dt.date(2019, 1, 1))
    assert ("af-foster", "af-u-adopt") not in {(c.child_id, c.union_id)
                                               for c in before.children}


def test_twins_hang_from_one_point(services: Services) -> None:
    index = load(services, "twins_deceased")
    v = view(services, index)
    source = build(v).source
    assert '"T_tw-u.tw-t1" -> "P_tw-t1"' in source or '"T_tw-u.tw-t1" -> "P_tw-t2"' in source
    assert '"T_tw-u.tw-t1" -> "P_tw-t2"' in source and '"T_tw-u.tw-t1" -> "P_tw-t1"' in source
    problems, _ = layout(v)
    assert problems == []


def test_emotional_relations_do_not_move_anyone(services: Services) -> None:
    index = load(services, "step_family")
    _, with_lines = layout(view(services, index, professionals=False))
    _, without = layout(view(services, index, professionals=False, emotional=False))

    def persons(at: Boxes) -> Boxes:  # relative to the lowest symbol: the legend differs
        low = min(y for n, (_, y) in at.items() if n.startswith("P_"))
        return {n: (x, y - low) for n, (x, y) in at.items() if n.startswith("P_")}

    assert persons(with_lines) == persons(without)


def test_forty_people_over_four_generations(services: Services) -> None:
    lineage = generate_lineage(persons=40, generations=4, professionals=15, prefix="g40")
    services.records.import_bundle(lineage.bundle)
    v = view(services, lineage.index_id, at=dt.date(2026, 11, 1), connected=True)
    assert len(v.persons) == 40
    problems, at = layout(v)
    assert problems == []
    rows = Counter(round(y) for n, (_, y) in at.items() if n.startswith("P_"))
    assert len(rows) == 4  # four generations, four rows
    assert v.professionals is not None and len(v.professionals) == 15


def test_a_hundred_and_fifty_people_render_once_each(services: Services) -> None:
    lineage = generate_lineage(persons=150, generations=5, lineages=2, prefix="g150")
    services.records.import_bundle(lineage.bundle)
    v = view(services, lineage.index_id, at=dt.date(2026, 11, 1), connected=True)
    assert len(v.persons) == 150
    problems, at = layout(v)
    assert problems == []
    drawn = Counter(n for n in at if n.startswith("P_"))
    assert len(drawn) == 150 and set(drawn.values()) == {1}
    svg = render_drawing(build(v), "svg")
    assert svg.count(b'class="node"') >= 150


def test_connected_family_of_seven_hundred(services: Services) -> None:
    lineage = generate_lineage(persons=700, generations=6, lineages=4, prefix="g700")
    services.records.import_bundle(lineage.bundle)
    v = view(services, lineage.index_id, at=dt.date(2026, 11, 1), connected=True,
             professionals=False)
    assert len(v.persons) == 700
    problems, at = layout(v)
    assert problems == []
    rows = {round(y) for n, (_, y) in at.items() if n.startswith("P_")}
    assert len(rows) == 6
