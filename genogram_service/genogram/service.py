"""Use case: the genogram around a person, as of a date, with its overlays, as a picture.

``render_genogram`` authorises the caller first (``Action.render`` on the index person),
reads the family with ``read/genogram_relatives`` (or ``genogram_connected``), applies the date
and the selection (:mod:`family.select`), keeps only the persons the caller may see
(``Guard.visible_persons``), reads the overlays for exactly those persons (households and
emotional relations on the date, professionals in the period), and hands a
:class:`FamilyView` to the renderer.

Round trips: for a case worker, the family comes with who of it they may see
(``read/genogram_relatives_visible`` or ``genogram_connected_visible``). The overlays are one
composed statement (``read/genogram_overlays``) for up to
:data:`ONE_STATEMENT_PERSONS` persons, else four in parallel. A whole family (``connected``)
with every overlay, for a caller who sees everyone, is one statement in all
(``read/genogram_connected_overlays``: the overlays of every person in the family); its
overlays are used only when the persons shown are exactly those (nobody born after the date
or unconnected on it), otherwise they are read again for the persons shown.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Literal

from pydantic import BaseModel, Field

from genogram_service.db import Graph
from genogram_service.errors import NotFound
from genogram_service.family.graph import FamilyGraph
from genogram_service.family.select import as_of, connected, select
from genogram_service.genogram.options import GenogramOptions
from genogram_service.genogram.rendering import (
    MEDIA_TYPES,
    ChildItem,
    ContactLink,
    EmotionalItem,
    FamilyView,
    HouseholdItem,
    OrganisationItem,
    PersonItem,
    ProfessionalItem,
    RenderOptions,
    UnionItem,
    render,
)
from genogram_service.records.common import AssignmentRole
from genogram_service.security.access import Action, Actor, Guard

GenogramFormat = Literal["svg", "png", "pdf", "dot"]
_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="genogram")


class RenderedGenogram(BaseModel):
    content: bytes
    media_type: str
    format: str
    persons: int = Field(description="number of persons drawn")


def render_genogram(graph: Graph, guard: Guard, actor: Actor, *, person_id: str,
                    options: GenogramOptions, fmt: GenogramFormat = "svg",
                    today: dt.date | None = None) -> RenderedGenogram:
    """The genogram of ``person_id`` as ``fmt`` (svg, png, pdf or the dot source)."""
    view = family_view(graph, guard, actor, person_id=person_id, options=options, today=today)
    content = render(view, fmt, RenderOptions(lang=options.lang, legend=options.legend,
                                              title=options.legend))
    return RenderedGenogram(content=content, media_type=MEDIA_TYPES[fmt], format=fmt,
                            persons=len(view.persons))


def family_view(graph: Graph, guard: Guard, actor: Actor, *, person_id: str,
                options: GenogramOptions, today: dt.date | None = None) -> FamilyView:
    """What the genogram of ``person_id`` shows, for this actor (no picture yet)."""
    guard.authorize(actor, Action.render, persons=[person_id], resource="genogram",
                    not_found=f"no person with id '{person_id}'")
    at = options.at or today or dt.date.today()
    start, end = options.period(at)
    # a whole family, every overlay, for someone who sees everyone: one statement reads the
    # family and the overlays of all its persons (used when those are the persons shown)
    together = _together(options, guard, actor)
    # for a case worker, who may see which of them comes with the family (one read less)
    scope = guard.scope_params(actor)
    if together:
        rows = graph.read("read/genogram_connected_overlays", person_id=person_id, at=at,
                          start=start, end=end, regisseur=AssignmentRole.regisseur.value)
    elif scope is not None:
        rows = graph.read("read/genogram_connected_visible" if options.connected
                          else "read/genogram_relatives_visible", person_id=person_id, **scope)
    else:
        rows = graph.read("read/genogram_connected" if options.connected
                          else "read/genogram_relatives", person_id=person_id)
    if not rows:
        raise NotFound(f"no person with id '{person_id}'")
    family = as_of(rows[0], at)
    if person_id not in family.persons:
        raise NotFound(f"person '{person_id}' was not born on {at.isoformat()}")
    if options.connected:
        sel = connected(family, person_id)
    else:
        sel = select(family, person_id, up=options.up, down=options.down,
                     siblings=options.siblings, partners=options.partners)
    visible = guard.visible_persons(actor, sel.persons, scope=None if scope is None else [
        r["id"] for r in rows[0]["visible"]]) | {person_id}
    shown = sorted(sel.persons & visible)
    if actor.break_glass_reason is not None and len(shown) > 1:
        # break-glass shows every relative: the first entry was about the index person only
        # (and ordinary when they are in scope), so log the relatives shown, as break-glass
        # when any of them is outside the need-to-know
        guard.authorize(actor, Action.render, persons=shown, resource="genogram: family shown")
    if together and set(shown) == {p["id"] for p in rows[0]["persons"]}:
        results = {name: rows[0][name] for name in _OVERLAY_ROWS}
    else:  # (someone born after the date, not connected on it, or not visible)
        results = _overlays(graph, options, shown, at, start, end)
    return _view(family, person_id, at, set(shown), sel.unions, results,
                 (start, end) if options.professionals else None)


_OVERLAY_ROWS = ("households", "emotional", "professionals", "regisseurs")


def _together(options: GenogramOptions, guard: Guard, actor: Actor) -> bool:
    """Whether the family and its overlays are read in one statement."""
    return options.connected and _all_overlays(options) and guard.sees_everyone(actor)


def _all_overlays(options: GenogramOptions) -> bool:
    return options.households and options.emotional and options.professionals


#: up to this many persons the overlays come from one statement (one round trip instead of
#: four, which counts for a small family); larger families run the four statements in
#: parallel, which keeps both cores busy, where the one statement was slower (measured for a
#: 40- and a 700-person family: docs/benchmarks.md)
ONE_STATEMENT_PERSONS = 200


def _overlays(graph: Graph, options: GenogramOptions, shown: list[str], at: dt.date,
              start: dt.date, end: dt.date) -> dict[str, list[dict[str, Any]]]:
    """The rows of each overlay that is on, by overlay (``regisseurs`` with
    ``professionals``)."""
    regisseur = AssignmentRole.regisseur.value
    wanted = {"households": options.households, "emotional": options.emotional,
              "professionals": options.professionals, "regisseurs": options.professionals}
    if _all_overlays(options) and len(shown) <= ONE_STATEMENT_PERSONS:
        (row,) = graph.read("read/genogram_overlays", person_ids=shown, at=at, start=start,
                            end=end, regisseur=regisseur)
        return row
    params: dict[str, dict[str, Any]] = {
        "households": {"at": at}, "emotional": {"at": at},
        "professionals": {"start": start, "end": end, "at": at, "regisseur": regisseur},
        "regisseurs": {"at": at, "regisseur": regisseur}}
    jobs = {name: _POOL.submit(graph.read, f"read/genogram_{name}", person_ids=shown,
                               **params[name]) for name, on in wanted.items() if on}
    return {name: job.result() for name, job in jobs.items()}


def _dates(name: str) -> tuple[str, ...]:
    """A date field and its precision siblings (genealogy data)."""
    return name, f"{name}_to", f"{name}_precision", f"{name}_text"


def _view(family: FamilyGraph, index: str, at: dt.date, shown: set[str], unions: set[str],
          results: dict[str, list[dict[str, Any]]], period: tuple[dt.date, dt.date] | None
          ) -> FamilyView:
    persons = [PersonItem(**{k: family.persons[p].get(k) for k in (
        "id", "given_names", "prefix", "surname", *_dates("birth_date"), *_dates("death_date"))},
        sex=family.persons[p].get("sex") or "unknown") for p in sorted(shown)]
    drawn_unions = []
    for uid in sorted(unions):
        u = family.unions[uid]
        partners = sorted(p for p in u["partner_ids"] if p in shown)
        kids = [c for c in family.children_of.get(uid, []) if c in shown]
        if partners or kids:
            drawn_unions.append(UnionItem(
                id=uid, kind=u.get("kind") or "other", partner_ids=partners,
                end_reason=u.get("end_reason"),
                **{k: u.get(k) for k in (*_dates("start_date"), *_dates("end_date"))}))
    drawn = {u.id for u in drawn_unions}
    # in id order, not the database's (which follows its storage history): the same family
    # gives the same DOT, whatever was stored or deleted before
    children = [ChildItem(child_id=x["child_id"], union_id=x["union_id"], kind=x["kind"])
                for x in sorted(family.links, key=_link_key)
                if x["child_id"] in shown and x["union_id"] in drawn]
    households = None
    if "households" in results:
        households = [HouseholdItem(id=h["id"], name=h.get("name"), member_ids=sorted(
            m for m in h["member_ids"] if m in shown)) for h in results["households"]]
    emotional = None
    if "emotional" in results:
        emotional = [EmotionalItem(**e) for e in results["emotional"]
                     if e["from_id"] in shown and e["to_id"] in shown]
    professionals = None
    if "professionals" in results:
        professionals = _professionals(results["professionals"], results["regisseurs"], shown)
    return FamilyView(index_id=index, at=at, persons=persons, unions=drawn_unions,
                      children=children, households=households, emotional=emotional,
                      professionals=professionals, period=period)


def _link_key(link: dict[str, Any]) -> tuple[str, str]:
    return str(link["child_id"]), str(link["union_id"])


def _by_person(link: dict[str, Any]) -> str:
    return str(link["person_id"])


def _professionals(rows: list[dict[str, Any]], regisseurs: list[dict[str, Any]],
                   shown: set[str]) -> list[ProfessionalItem]:
    out: dict[str, ProfessionalItem] = {}
    lead = {r["id"] for r in regisseurs}
    for r in rows:
        links = [ContactLink(**x) for x in sorted(r["links"], key=_by_person)
                 if x["person_id"] in shown]
        if not links:
            continue
        roles = sorted(set(r["roles"] or []))
        role = "regisseur" if r["id"] in lead else (roles[0] if roles else r["role"])
        out[r["id"]] = ProfessionalItem(
            id=r["id"], name=r["name"], role=role, regisseur=r["id"] in lead,
            contacts=r["contacts"],
            organisation=OrganisationItem(**r["organisation"]) if r["organisation"] else None,
            links=links)
    for r in regisseurs:  # the current regisseur, even without a contact in the period
        links = [ContactLink(person_id=p, contacts=0) for p in sorted(r["person_ids"])
                 if p in shown]
        if r["id"] not in out and links:
            out[r["id"]] = ProfessionalItem(
                id=r["id"], name=r["name"], role="regisseur", regisseur=True, links=links,
                organisation=OrganisationItem(**r["organisation"]) if r["organisation"] else None)
    return list(out.values())
