"""The overlays' part of the layout: which household each person is drawn in, and the band of
professionals under the family.

Only the professionals are nodes in the layout: one row below everyone (an invisible floor
keeps them there), grouped by organisation type, each group and each professional placed
under the people they saw (mean position in their rows), the regisseur with a thick border and
a star. Everything that joins them to the family (contact lines), the emotional relations and
the household boundaries is drawn after the layout (:mod:`decorations`), so none of it can
move a person.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from genogram_service.genogram.rendering.canvas import (
    PERSON,
    PROFESSIONAL,
    TEXT,
    UNION,
    Canvas,
    node_name,
)
from genogram_service.genogram.rendering.households import HouseholdShape
from genogram_service.genogram.rendering.model import FamilyView, ProfessionalItem
from genogram_service.genogram.rendering.ordering import Ordering
from genogram_service.genogram.rendering.text import professional_label

FLOOR = "FLOOR"


def assign_households(view: FamilyView) -> dict[str, str]:
    """Person id -> household key (``hh<n>``) of the household they are drawn in: a person in
    several households on the date goes to the one with the most members shown."""
    households = view.households
    if not households:
        return {}
    shown = {p.id for p in view.persons}
    members = {h.id: [m for m in h.member_ids if m in shown] for h in households}
    best: dict[str, str] = {}
    for h in sorted(households, key=lambda h: (-len(members[h.id]), h.id)):
        for pid in members[h.id]:
            best.setdefault(pid, h.id)
    key = {h.id: f"hh{i}" for i, h in enumerate(households)}
    return {pid: key[hid] for pid, hid in best.items()}


def household_shapes(c: Canvas, household_of: dict[str, str], order: Ordering
                     ) -> list[HouseholdShape]:
    """What each household outline goes around: its members' symbols and texts, and the
    union nodes of couples living in it, per generation (drawn after the layout)."""
    theme = c.notation.household
    used = set(household_of.values())
    shapes: dict[str, HouseholdShape] = {}
    for i, h in enumerate(c.view.households or []):
        key = f"hh{i}"
        if key in used:
            shapes[key] = HouseholdShape(key, h.name or "", theme.colors[i % len(theme.colors)])
            c.use("household")
    for pid, key in sorted(household_of.items()):  # rows: 2 * generation (+1 for the texts)
        gen = order.gen.get(pid, 0)
        shapes[key].bands.setdefault(2 * gen, []).append(node_name(PERSON, pid))
        shapes[key].bands.setdefault(2 * gen + 1, []).append(node_name(TEXT, pid))
    for u in c.view.unions:
        keys = {household_of.get(p) for p in u.partner_ids}
        home = keys.pop() if len(keys) == 1 and u.partner_ids else None
        if home is not None:
            shapes[home].bands.setdefault(2 * order.union_gen.get(u.id, 0), []).append(
                node_name(UNION, u.id))
    return list(shapes.values())


@dataclass(frozen=True)
class ProGroup:
    """Professionals of one organisation type, left to right."""

    org_type: str
    names: list[str]


def draw_professionals(c: Canvas, order: Ordering) -> list[ProGroup]:
    """The band of professionals (nodes, pinned left to right); returns the groups."""
    shown = {p.id for p in c.view.persons}
    pros = [p for p in c.view.professionals or []
            if any(x.person_id in shown for x in p.links)]
    if not pros:
        return []
    theme = c.notation.professionals
    where = _relative_positions(order)

    def centre(pro: ProfessionalItem) -> float:
        xs = [where[x.person_id] for x in pro.links if x.person_id in where]
        return sum(xs) / len(xs) if xs else 0.5

    by_type: dict[str, list[ProfessionalItem]] = defaultdict(list)
    for pro in pros:
        by_type[pro.organisation.type if pro.organisation else "unknown"].append(pro)
    groups = []
    for org_type, members in sorted(by_type.items(), key=lambda kv: (
            sum(map(centre, kv[1])) / len(kv[1]), kv[0])):
        members.sort(key=lambda p: (centre(p), p.name, p.id))
        groups.append(ProGroup(org_type, [node_name(PROFESSIONAL, p.id) for p in members]))
        colour = theme.colour(org_type)
        for pro in members:
            c.node(node_name(PROFESSIONAL, pro.id), shape=theme.shape, style=theme.style,
                   fillcolor="white", color=colour.line, margin="0.06,0.03",
                   id=f"professional-{pro.id}",
                   penwidth=f"{theme.regisseur_penwidth if pro.regisseur else theme.penwidth:g}",
                   label=professional_label(pro, c.notation, c.lang))
            if pro.regisseur:
                c.use("professional.regisseur")
        c.use("professional.contact")
    band = [n for g in groups for n in g.names]
    c.node(FLOOR, shape="point", style="invis", width="0")
    lowest = max(order.gen.values(), default=0)
    for p in c.view.persons:  # the band goes below everyone, centred under the family
        if order.gen.get(p.id, lowest) == lowest:
            c.edge(node_name(TEXT, p.id), FLOOR, style="invis", weight="1")
    c.same_rank.append(band)
    for name in band:
        c.edge(FLOOR, name, style="invis", weight="0", minlen="3")
    for pro in pros:  # each professional drawn towards the people they saw
        for x in pro.links:
            if x.person_id in shown:
                c.edge(node_name(TEXT, x.person_id), node_name(PROFESSIONAL, pro.id),
                       style="invis", constraint="false", weight="1")
    for a, b in zip(band, band[1:], strict=False):
        c.edge(a, b, style="invis", weight="1")
    return groups


def _relative_positions(order: Ordering) -> dict[str, float]:
    """Each person's place in their row, from 0 (left) to 1 (right)."""
    out: dict[str, float] = {}
    for row in order.rows.values():
        n = max(len(row) - 1, 1)
        for k, s in enumerate(row):
            if s.kind == "person":
                out[s.id] = k / n
    return out
