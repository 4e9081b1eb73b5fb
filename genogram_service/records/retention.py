"""Retention and erasure: records past their retention rule are listed (dry run) or removed,
each removal with an entry in the access log.

Rules (settings, defaults from domain.md): a case closed more than ``retention_case_years``
(20) ago goes with every record on it; a melding that never became part of a case goes after
``retention_signal_years`` (2); persons those records were about go too once nothing refers to
them any more. The access log itself is kept (it holds ids only).
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from pydantic import BaseModel

from genogram_service.db import Graph
from genogram_service.security.access import SYSTEM, Action, Actor, Guard
from genogram_service.settings import Settings

PURPOSE = "retention"


class Removal(BaseModel):
    kind: str
    id: str
    reason: str
    persons: list[str]
    records: int = 0


class RetentionReport(BaseModel):
    dry_run: bool
    case_cutoff: dt.date
    signal_cutoff: dt.date
    removals: list[Removal]


def run_retention(graph: Graph, guard: Guard, settings: Settings, *, dry_run: bool,
                  today: dt.date | None = None, actor: Actor = SYSTEM) -> RetentionReport:
    today = today or dt.date.today()
    # calendar years: from 29 February the cutoff is 28 February of a year without one
    case_cutoff = today - relativedelta(years=settings.retention_case_years)
    signal_cutoff = today - relativedelta(years=settings.retention_signal_years)
    actor = actor.model_copy(update={"purpose": PURPOSE})
    removals: list[Removal] = []
    for row in graph.read("read/retention_expired_cases", case_cutoff=case_cutoff):
        removals.append(Removal(kind="case", id=row["id"], persons=row["persons"],
                                records=row["records"],
                                reason=f"closed {row['closed'].isoformat()}, more than "
                                       f"{settings.retention_case_years} years ago"))
    for row in graph.read("read/retention_expired_signals", signal_cutoff=signal_cutoff):
        removals.append(Removal(kind="report", id=row["id"], persons=row["persons"],
                                reason=f"melding of {row['date'].isoformat()} without a case, "
                                       f"more than {settings.retention_signal_years} years ago"))
    if dry_run:
        candidates = sorted({p for r in removals for p in r.persons})
        # persons that would lose their last record: those only referred to by removed records
        return RetentionReport(dry_run=True, case_cutoff=case_cutoff,
                               signal_cutoff=signal_cutoff,
                               removals=removals + _person_preview(graph, removals, candidates))

    for removal in list(removals):
        guard.authorize(actor, Action.delete, persons=removal.persons,
                        resource=f"{removal.kind} '{removal.id}' ({removal.reason})")
        if removal.kind == "case":
            rows = graph.write("write/retention_remove_case", id=removal.id)
            removal.records = rows[0]["records"] if rows else 0
        else:
            graph.write("write/retention_remove_report", id=removal.id)
    candidates = sorted({p for r in removals for p in r.persons})
    for row in graph.read("read/retention_unreferenced_persons", ids=candidates):
        guard.authorize(actor, Action.delete, persons=[row["id"]],
                        resource=f"person '{row['id']}' (no records left after retention)")
        graph.write("write/retention_remove_person", id=row["id"])
        removals.append(Removal(kind="person", id=row["id"], persons=[row["id"]],
                                reason="no records left after retention"))
    return RetentionReport(dry_run=False, case_cutoff=case_cutoff, signal_cutoff=signal_cutoff,
                           removals=removals)


def _person_preview(graph: Graph, removals: list[Removal], candidates: list[str]
                    ) -> list[Removal]:
    """Without writing: persons whose every referring record is among the removals."""
    removed = {(r.kind, r.id) for r in removals}
    out = []
    for pid in candidates:
        refs = graph.read("read/person_references", id=pid)
        if refs and all((r["kind"], r["id"]) in removed or r["case_id"] and
                        ("case", r["case_id"]) in removed for r in refs):
            out.append(Removal(kind="person", id=pid, persons=[pid],
                               reason="no records left after retention"))
    return out
