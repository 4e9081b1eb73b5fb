"""The access log (NEN 7513 style): append-only, chained with a keyed MAC, verifiable.

Each entry records who (user, role, professional, organisation) did what (action, resource) to
whom (subject persons), why (purpose), with which outcome, whether by break-glass, and for
which request. Entries are appended under the head's write lock, each carrying
``hash = HMAC-SHA256(audit key, prev_hash + canonical JSON of the entry)``
(:mod:`.audit_crypto`; the key is in settings, never in the database), and each process writes
signed checkpoints of the chain outside the database (:mod:`.audit_checkpoints`).
:meth:`AuditLog.verify` checks the chain with the key and against the checkpoints and names
the first entry that does not match (:mod:`.audit_verify`). There is no update or delete path.

Appending is a group commit: one writer thread per process takes every entry waiting at that
moment and appends them in one transaction (one head lock, one commit), so concurrent requests
share a commit instead of queueing for one each. :meth:`AuditLog.record` waits for the commit.
:meth:`AuditLog.submit` returns at once with a future; inside :func:`audit_scope.deferred` (the
API opens one per request) the guard submits and the request's answer is held back until every
entry it submitted is committed (:func:`audit_scope.settle`), so the access log is written while
the query runs, and still before anyone sees the answer. If the append fails, no answer is sent.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from genogram_service.db import Graph, Tx
from genogram_service.errors import Conflict
from genogram_service.security.actor import Action, Actor
from genogram_service.security.audit_checkpoints import Checkpoint, Checkpointer
from genogram_service.security.audit_crypto import GENESIS, AuditKeys
from genogram_service.security.audit_verify import VerifyResult, verify_chain
from genogram_service.settings import Settings

__all__ = ["GENESIS", "AccessEvent", "AuditLog", "VerifyResult"]


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
    #: the keyed MAC (HMAC-SHA256) of the entry; without ``key_id``, an unkeyed SHA-256
    #: (written before the access log had a key)
    hash: str
    #: fingerprint of the audit key the MAC was computed with
    key_id: str | None = None


class _Appender:
    """The group-commit writer: one daemon thread, started on first use; it also writes this
    process's checkpoints (after a commit, or when one falls due while idle)."""

    def __init__(self, graph: Graph, max_batch: int, keys: AuditKeys,
                 checkpoints: Checkpointer) -> None:
        self.graph = graph
        self.max_batch = max_batch
        self.keys = keys
        self.checkpoints = checkpoints
        self._queue: list[tuple[dict[str, Any], Future[dict[str, Any]]]] = []
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._closed = False
        #: (seq, hash) of the last entry this process appended, while it is believed the head
        self._head: tuple[int, str] | None = None
        #: group commits so far (tests check that concurrent entries share one)
        self.commits = 0

    def submit(self, fields: dict[str, Any]) -> Future[dict[str, Any]]:
        future: Future[dict[str, Any]] = Future()
        with self._cond:
            if self._closed:
                raise RuntimeError("the access log is closed")
            self._queue.append((fields, future))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="access-log-writer",
                                                daemon=True)
                self._thread.start()
            self._cond.notify()
        return future

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify()
            thread = self._thread
        if thread is not None:
            thread.join(timeout=30)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._queue and not self._closed and self.checkpoints.wait() != 0:
                    self._cond.wait(self.checkpoints.wait())
                batch = self._queue[:self.max_batch]
                del self._queue[:self.max_batch]
                done = self._closed and not batch
            if done:
                self.checkpoints.flush()  # the last entries of this process
                return
            if batch:
                self._commit(batch)
            if self.checkpoints.wait() == 0:
                self.checkpoints.flush()

    def _commit(self, batch: list[tuple[dict[str, Any], Future[dict[str, Any]]]]) -> None:
        try:
            events = self._append([fields for fields, _ in batch])
        except BaseException as exc:  # noqa: BLE001 (every waiter must hear of it)
            self._head = None
            for _, future in batch:
                future.set_exception(exc)
            return
        self.commits += 1
        # noted before the waiters hear of it (a checkpoint asked for after record() returns
        # covers the entry), answered before the checkpoint is written (that fsync is not the
        # requests' to wait for)
        self.checkpoints.appended(events[-1]["seq"], events[-1]["hash"], len(events))
        for (_, future), event in zip(batch, events, strict=True):
            future.set_result(event)

    def _append(self, batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Append ``batch`` after the head. Fast path (one statement): chain from the head this
        process wrote last, if it is still the head. Otherwise read the head under its lock."""
        request_id = batch[-1]["request_id"] or batch[-1]["event_id"]
        if self._head is not None:
            events = self._chain(batch, *self._head)
            try:
                rows = self.graph.write_once(
                    "write/audit_append_if_head", **self._params(events),
                    prev_seq=self._head[0], prev_hash=self._head[1], request_id=request_id)
            except Conflict:
                raise  # the next sequence number is taken: the managed path would fail too
            except Exception:  # noqa: BLE001 - transient: the managed path below retries
                rows = []
            if rows and rows[0]["appended"] == len(events):
                self._head = (events[-1]["seq"], events[-1]["hash"])
                return events

        def append(tx: Tx) -> list[dict[str, Any]]:
            head = tx.run("write/audit_lock_head", genesis=GENESIS, request_id=request_id)[0]
            events = self._chain(batch, head["seq"], head["hash"])
            tx.run("write/audit_append", **self._params(events))
            return events

        events, _ = self.graph.in_transaction(append)
        self._head = (events[-1]["seq"], events[-1]["hash"])
        return events

    def _chain(self, batch: list[dict[str, Any]], seq: int, prev: str) -> list[dict[str, Any]]:
        events = []
        for fields in batch:
            seq += 1
            event = {**fields, "seq": seq, "prev_hash": prev, "key_id": self.keys.current}
            event["hash"] = prev = self.keys.entry_mac(event)
            events.append(event)
        return events

    @staticmethod
    def _params(events: list[dict[str, Any]]) -> dict[str, Any]:
        return {"seq": events[-1]["seq"], "hash": events[-1]["hash"],
                "events": [{k: v for k, v in e.items() if v is not None} for e in events]}


class AuditLog:
    def __init__(self, graph: Graph, keys: AuditKeys, *, checkpoint_file: Path,
                 checkpoint_every: int = 1000, checkpoint_seconds: float = 60.0,
                 max_batch: int = 256) -> None:
        self.graph = graph
        self.keys = keys
        self.checkpoints = Checkpointer(graph, keys, checkpoint_file, every=checkpoint_every,
                                        seconds=checkpoint_seconds)
        self._appender = _Appender(graph, max_batch, keys, self.checkpoints)

    @classmethod
    def from_settings(cls, graph: Graph, settings: Settings) -> AuditLog:
        return cls(graph, AuditKeys.from_settings(settings),
                   checkpoint_file=settings.effective_audit_checkpoint_file,
                   checkpoint_every=settings.audit_checkpoint_every,
                   checkpoint_seconds=settings.audit_checkpoint_seconds)

    @property
    def commits(self) -> int:
        return self._appender.commits

    def close(self) -> None:
        """Append what is waiting, checkpoint it, then stop the writer thread."""
        self._appender.close()

    def submit(self, actor: Actor, action: Action, *, subjects: list[str], resource: str | None,
               outcome: str, purpose: str | None) -> Future[dict[str, Any]]:
        """Queue one entry for the next group commit; the future holds the appended entry's
        fields once it is committed."""
        return self._appender.submit({
            "event_id": uuid.uuid4().hex, "at": dt.datetime.now(dt.UTC),
            "user_id": actor.user_id, "username": actor.username, "role": str(actor.role),
            "professional_id": actor.professional_id,
            "organisation_id": actor.organisation_id, "action": str(action),
            "resource": resource, "subjects": sorted(set(subjects)), "purpose": purpose,
            "outcome": outcome, "break_glass": actor.break_glass_reason is not None,
            "break_glass_reason": actor.break_glass_reason, "request_id": actor.request_id,
        })

    def record(self, actor: Actor, action: Action, *, subjects: list[str], resource: str | None,
               outcome: str, purpose: str | None) -> AccessEvent:
        """Append one entry and wait until it is committed."""
        return AccessEvent.model_validate(self.submit(
            actor, action, subjects=subjects, resource=resource, outcome=outcome,
            purpose=purpose).result())

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

    def verify(self, extra_files: Sequence[Path] = ()) -> VerifyResult:
        """Check the chain with the keys and against the checkpoints of this process's file
        and ``extra_files`` (other hosts' files) and their copies in the database."""
        return verify_chain(self.graph, self.keys,
                            [self.checkpoints.path, *extra_files])[0]

    def anchor(self, extra_files: Sequence[Path] = ()) -> tuple[VerifyResult, Checkpoint | None]:
        """Verify, and if the chain is sound, checkpoint its last entry now (``genogram audit
        checkpoint``: e.g. right after entries without a key were followed by keyed ones)."""
        result, last = verify_chain(self.graph, self.keys,
                                    [self.checkpoints.path, *extra_files])
        if last is None:
            return result, None
        return result, self.checkpoints.write(*last)

    def violations(self, *, start: dt.datetime, end: dt.datetime) -> list[dict[str, Any]]:
        rows = self.graph.read("read/audit_violations", start=start, end=end)
        return [{"event": AccessEvent.model_validate(r["event"]).model_dump(mode="json"),
                 "persons_without_assignment": r["persons"]} for r in rows]

    def break_glass(self, *, start: dt.datetime, end: dt.datetime) -> list[dict[str, Any]]:
        return self.graph.read("read/audit_break_glass", start=start, end=end)
