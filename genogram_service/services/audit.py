"""The access log (NEN 7513 style): append-only, hash-chained, verifiable.

Each entry records who (user, role, professional, organisation) did what (action, resource) to
whom (subject persons), why (purpose), with which outcome, whether by break-glass, and for
which request. Entries are appended under the head's write lock, each carrying
``hash = sha256(prev_hash + canonical JSON of the entry)``; :func:`verify` recomputes the chain
and names the first entry that does not match. There is no update or delete path.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from ..graph import Graph, Tx
from .access import Action, Actor

GENESIS = "0" * 64
#: the fields covered by the hash, in a fixed order (adding one is a format change)
HASHED_FIELDS = (
    "seq", "event_id", "at", "user_id", "username", "role", "professional_id",
    "organisation_id", "action", "resource", "subjects", "purpose", "outcome", "break_glass",
    "break_glass_reason", "request_id", "prev_hash",
)


class AccessEvent(BaseModel):
    seq: int
    event_id: str
    at: dt.datetime
    user_id: str
    username: str
    role: str
    professional_id: str | None = None
    organisation_id: str | None = None
    action: str
    resource: str | None = None
    subjects: list[str] = []
    purpose: str | None = None
    outcome: str
    break_glass: bool = False
    break_glass_reason: str | None = None
    request_id: str | None = None
    prev_hash: str
    hash: str


class VerifyResult(BaseModel):
    ok: bool
    entries: int
    first_broken_seq: int | None = None
    first_broken_event_id: str | None = None
    reason: str | None = None


def _canonical(event: dict[str, Any]) -> str:
    def norm(value: Any) -> Any:
        if isinstance(value, dt.datetime):
            return value.astimezone(dt.UTC).isoformat()
        return value

    return json.dumps({k: norm(event.get(k)) for k in HASHED_FIELDS}, sort_keys=True,
                      separators=(",", ":"), ensure_ascii=False)


def entry_hash(event: dict[str, Any]) -> str:
    return hashlib.sha256((event["prev_hash"] + "\n" + _canonical(event)).encode()).hexdigest()


class AuditLog:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def record(self, actor: Actor, action: Action, *, subjects: list[str], resource: str | None,
               outcome: str, purpose: str | None) -> AccessEvent:
        event_id = uuid.uuid4().hex
        at = dt.datetime.now(dt.UTC)

        def append(tx: Tx) -> dict[str, Any]:
            head = tx.run("write/audit_lock_head", genesis=GENESIS,
                          request_id=actor.request_id or event_id)[0]
            event: dict[str, Any] = {
                "seq": head["seq"] + 1, "event_id": event_id, "at": at,
                "user_id": actor.user_id, "username": actor.username, "role": str(actor.role),
                "professional_id": actor.professional_id,
                "organisation_id": actor.organisation_id, "action": str(action),
                "resource": resource, "subjects": sorted(set(subjects)), "purpose": purpose,
                "outcome": outcome, "break_glass": actor.break_glass_reason is not None,
                "break_glass_reason": actor.break_glass_reason, "request_id": actor.request_id,
                "prev_hash": head["hash"],
            }
            event["hash"] = entry_hash(event)
            tx.run("write/audit_append", event={k: v for k, v in event.items() if v is not None})
            return event

        event, _ = self.graph.in_transaction(append)
        return AccessEvent.model_validate(event)

    # ------------------------------------------------------------------ reading

    def _pages(self, statement: str, page: int = 5000, **params: Any) -> Iterator[AccessEvent]:
        after = 0
        while True:
            rows = self.graph.read(statement, after_seq=after, limit=page, **params)
            for row in rows:
                yield AccessEvent.model_validate(row["event"])
            if len(rows) < page:
                return
            after = rows[-1]["event"]["seq"]

    def events(self, *, start: dt.datetime, end: dt.datetime,
               person_id: str | None = None) -> Iterator[AccessEvent]:
        return self._pages("read/audit_events_in_range", start=start, end=end,
                           person_id=person_id)

    def verify(self) -> VerifyResult:
        prev = GENESIS
        expected_seq = 1
        count = 0
        for row in self._raw_chain():
            count += 1
            seq = row.get("seq")
            problem = None
            if seq != expected_seq:
                problem = f"sequence gap: expected entry {expected_seq}, found {seq}"
            elif row.get("prev_hash") != prev:
                problem = "prev_hash does not match the previous entry"
            elif entry_hash(row) != row.get("hash"):
                problem = "content does not match its hash (entry changed)"
            if problem:
                return VerifyResult(ok=False, entries=count, first_broken_seq=seq,
                                    first_broken_event_id=row.get("event_id"), reason=problem)
            prev = row["hash"]
            expected_seq += 1
        head = self.graph.read("read/audit_head")
        if head and (head[0]["seq"] != count or head[0]["hash"] != prev):
            return VerifyResult(ok=False, entries=count, first_broken_seq=count + 1,
                                reason="entries after the last one found are missing "
                                       f"(head says {head[0]['seq']})")
        return VerifyResult(ok=True, entries=count)

    def _raw_chain(self, page: int = 5000) -> Iterator[dict[str, Any]]:
        after = 0
        while True:
            rows = self.graph.read("read/audit_events_by_seq", after_seq=after, limit=page)
            for row in rows:
                event: dict[str, Any] = row["event"]
                yield event
            if len(rows) < page:
                return
            after = rows[-1]["event"]["seq"]

    def violations(self, *, start: dt.datetime, end: dt.datetime) -> list[dict[str, Any]]:
        rows = self.graph.read("read/audit_violations", start=start, end=end)
        return [{"event": AccessEvent.model_validate(r["event"]).model_dump(mode="json"),
                 "persons_without_assignment": r["persons"]} for r in rows]

    def break_glass(self, *, start: dt.datetime, end: dt.datetime) -> list[dict[str, Any]]:
        return self.graph.read("read/audit_break_glass", start=start, end=end)
