"""Use case: what a case worker sees beside a person's genogram in the web viewer.

The involvement timeline (every professional and organisation involved with the person, in
which role, from when to when, with the number of contacts per period), the handovers on the
person's cases, the measures with their end dates, and the latest veiligheidskaart with what
changed since the version before. One read authorisation on the person (``Action.read``, so
need-to-know and the access log apply exactly as for the person record); a person outside the
caller's scope is a 404 with the text of a genuine miss.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

from genogram_service.db import Graph
from genogram_service.security.access import Action, Actor, Guard

#: measures ending within this many days are flagged
ENDING_SOON_DAYS = 30
#: the lists on a veiligheidskaart compared between versions
CARD_LISTS = ("concerns", "strengths", "steps", "conditions", "monitoring")


class TimelineRow(BaseModel):
    involvement: str
    professional_id: str | None = None
    professional_name: str | None = None
    organisation_name: str | None = None
    organisation_type: str | None = None
    role: str | None = None
    case_id: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    contacts: int | None = None
    regisseur: bool = False
    handover: bool = Field(False, description="this assignment started with a handover")


class HandoverRow(BaseModel):
    case_id: str
    date: dt.date
    reason: str | None = None
    from_role: str | None = None
    from_name: str | None = None
    from_organisation: str | None = None
    to_role: str | None = None
    to_name: str | None = None
    to_organisation: str | None = None


class MeasureRow(BaseModel):
    measure_id: str
    kind: str
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    extension: int = 0
    gi_name: str | None = None
    active: bool = False
    ending_soon: bool = False


class CardChange(BaseModel):
    field: str
    added: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)


class SafetyCard(BaseModel):
    case_id: str
    id: str
    version: int
    date: dt.date
    author_name: str | None = None
    judgement: int | None = None
    future_judgement: int | None = None
    lists: dict[str, list[str]] = Field(default_factory=dict)
    previous_version: int | None = None
    previous_date: dt.date | None = None
    previous_judgement: int | None = None
    changes: list[CardChange] = Field(default_factory=list)


class PersonOverview(BaseModel):
    person_id: str
    today: dt.date
    timeline: list[TimelineRow]
    handovers: list[HandoverRow]
    measures: list[MeasureRow]
    cards: list[SafetyCard]


def person_overview(graph: Graph, guard: Guard, actor: Actor, *, person_id: str,
                    today: dt.date | None = None) -> PersonOverview:
    """Timeline, handovers, measures and the latest veiligheidskaart of ``person_id``."""
    guard.authorize(actor, Action.read, persons=[person_id],
                    resource=f"involvement overview of person '{person_id}'",
                    not_found=f"no person with id '{person_id}'")
    today = today or dt.date.today()
    handovers = [HandoverRow(**r) for r in graph.read("read/person_handovers",
                                                      person_id=person_id)]
    started_by_handover = {(h.case_id, h.date, h.to_role, h.to_name) for h in handovers}
    timeline = []
    for r in graph.read("queries/person_trace", person_id=person_id, start=None, end=None):
        row = TimelineRow(**{k: r.get(k) for k in TimelineRow.model_fields if k in r})
        if row.involvement == "assignment":
            row.regisseur = row.role == "regisseur"
            row.handover = (row.case_id, row.start_date, row.role,
                            row.professional_name) in started_by_handover
        timeline.append(row)
    soon = today + dt.timedelta(days=ENDING_SOON_DAYS)
    measures = []
    for r in graph.read("queries/child_measures", child_id=person_id, as_of=today):
        end = r.get("end_date")
        start = r.get("start_date")
        active = (start is None or start <= today) and (end is None or end >= today)
        measures.append(MeasureRow(
            measure_id=r["measure_id"], kind=r["kind"], start_date=start, end_date=end,
            extension=r.get("extension") or 0, gi_name=r.get("gi_name"), active=active,
            ending_soon=end is not None and today <= end <= soon))
    return PersonOverview(person_id=person_id, today=today, timeline=timeline,
                          handovers=handovers, measures=measures,
                          cards=_cards(graph.read("read/person_safety_assessments",
                                                  person_id=person_id)))


def _cards(rows: list[dict[str, Any]]) -> list[SafetyCard]:
    """The latest version per case, with the changes since the version before it."""
    by_case: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_case.setdefault(r["case_id"], []).append(r)
    out = []
    for case_id, versions in sorted(by_case.items()):
        latest = versions[0]["props"]
        card = SafetyCard(
            case_id=case_id, id=latest["id"], version=latest["version"], date=latest["date"],
            author_name=versions[0].get("author_name"), judgement=latest.get("judgement"),
            future_judgement=latest.get("future_judgement"),
            lists={k: list(latest.get(k) or []) for k in CARD_LISTS})
        if len(versions) > 1:
            prev = versions[1]["props"]
            card.previous_version = prev["version"]
            card.previous_date = prev["date"]
            card.previous_judgement = prev.get("judgement")
            for k in CARD_LISTS:
                new, old = list(latest.get(k) or []), list(prev.get(k) or [])
                added = [x for x in new if x not in old]
                removed = [x for x in old if x not in new]
                if added or removed:
                    card.changes.append(CardChange(field=k, added=added, removed=removed))
        out.append(card)
    return out
