"""The access log's group commit and the "logged before answered" gate, against real Neo4j.

The head's write lock is held from a second transaction to make the timing deterministic: while
it is held, no entry can commit, so entries queue up (one group commit afterwards) and answers
must wait.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from typing import Any

from fastapi.testclient import TestClient

from genogram_service.container import Services
from genogram_service.records import Bundle
from genogram_service.security.access import Action, Actor, Role
from genogram_service.security.audit import AccessEvent, AuditLog
from genogram_service.settings import Settings
from tests.support.fixtures import ClientFactory
from tests.support.helpers import problem
from tests.support.samples import family

ADMIN = Actor(user_id="u-1", username="tester", role=Role.admin)


@contextmanager
def head_locked(services: Services) -> Iterator[None]:
    """Hold the access-log head's write lock in an open transaction until the block ends."""
    with services.graph.driver.session(database="neo4j") as session:
        tx = session.begin_transaction()
        try:
            tx.run("MATCH (h:AuditHead {id: 'access-log'}) SET h.last_request = 'test-lock'"
                   ).consume()
            yield
        finally:
            tx.rollback()


def record(services: Services, n: int) -> AccessEvent:
    return services.audit.record(ADMIN, Action.read, subjects=[f"p-{n}"], resource="person",
                                 outcome="allowed", purpose="test")


def test_waiting_entries_share_one_commit_in_submission_order(services: Services) -> None:
    record(services, 0)  # creates the head
    before = services.audit.commits
    futures: list[Future[dict[str, Any]]] = []
    with head_locked(services):
        for n in range(1, 21):
            futures.append(services.audit.submit(
                ADMIN, Action.read, subjects=[f"p-{n}"], resource="person", outcome="allowed",
                purpose="test"))
            if n == 1:
                time.sleep(0.3)  # the writer has taken the first and waits for the lock
        time.sleep(0.3)
        assert not any(f.done() for f in futures), "an entry committed through the lock"
    events = [AccessEvent.model_validate(f.result(timeout=10)) for f in futures]
    # the first waited for the lock alone; the other 19 queued behind it and share one commit
    assert services.audit.commits - before == 2
    assert [e.seq for e in events] == list(range(2, 22))
    assert [e.subjects for e in events] == [[f"p-{n}"] for n in range(1, 21)]
    assert all(b.prev_hash == a.hash for a, b in zip(events, events[1:], strict=False))
    verdict = services.audit.verify()
    assert verdict.ok and verdict.entries == 21


def test_concurrent_appends_keep_one_unbroken_chain(services: Services) -> None:
    results: list[AccessEvent] = []
    lock = threading.Lock()

    def worker(base: int) -> None:
        for n in range(10):
            event = record(services, base * 100 + n)
            with lock:
                results.append(event)

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(e.seq for e in results) == list(range(1, 81))
    assert len({e.event_id for e in results}) == 80
    verdict = services.audit.verify()
    assert verdict.ok and verdict.entries == 80


def test_two_processes_appending_in_turn_keep_one_chain(services: Services,
                                                        settings: Settings) -> None:
    """Each writer chains from the head it wrote last when that is still the head (one
    statement); when the other wrote in between, it reads the head under the lock instead."""
    other = AuditLog.from_settings(services.graph, settings)
    try:
        for n in range(6):
            record(services, n)
            other.record(ADMIN, Action.read, subjects=[f"q-{n}"], resource="person",
                         outcome="allowed", purpose="test")
            record(services, 100 + n)  # right after its own: the one-statement path
    finally:
        other.close()
    verdict = services.audit.verify()
    assert verdict.ok and verdict.entries == 18


def test_the_answer_waits_for_its_access_log_entry(services: Services,
                                                   client_as: ClientFactory) -> None:
    services.records.import_bundle(Bundle.model_validate(family()))
    cw = client_as(Role.case_worker, "pro-1")
    assert cw.get("/persons/p-kind").status_code == 200  # creates the head
    answered: list[int] = []

    def ask() -> None:
        answered.append(cw.get("/persons/p-moeder").status_code)

    with head_locked(services):
        asker = threading.Thread(target=ask)
        asker.start()
        asker.join(timeout=1.0)
        assert answered == [], "answered before the access was logged"
    asker.join(timeout=10)
    assert answered == [200]
    entries = [e for e in services.audit.events(start=_epoch(), end=_future())
               if e.subjects == ["p-moeder"]]
    assert len(entries) == 1 and entries[0].outcome == "allowed"


def test_no_answer_when_the_access_cannot_be_logged(services: Services,
                                                    client_as: ClientFactory) -> None:
    services.records.import_bundle(Bundle.model_validate(family()))
    cw: TestClient = client_as(Role.case_worker, "pro-1")
    assert cw.get("/persons/p-kind").status_code == 200
    head = services.graph.read("read/audit_head")[0]
    # an entry squats on the next sequence number: the next append breaks its constraint
    services.graph.driver.execute_query(
        "CREATE (:AccessEvent {seq: $seq, event_id: 'squatter'})", seq=head["seq"] + 1,
        database_="neo4j")
    r = cw.get("/persons/p-moeder")
    body = problem(r, 503)
    assert body["type"].endswith("/access-log-unavailable")
    assert "Sanne" not in r.text and "1985-06-12" not in r.text
    # nothing about the refused request was appended
    assert services.graph.read("read/audit_head")[0]["seq"] == head["seq"]
    services.graph.driver.execute_query("MATCH (e:AccessEvent {event_id: 'squatter'}) DELETE e",
                                        database_="neo4j")
    assert cw.get("/persons/p-moeder").status_code == 200
    assert services.audit.verify().ok


def _epoch() -> dt.datetime:
    return dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def _future() -> dt.datetime:
    return dt.datetime.now(dt.UTC) + dt.timedelta(days=1)

