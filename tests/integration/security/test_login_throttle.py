"""Sign-in throttling: per account and per client address, counted in Neo4j (so shared by
every API process), a lockout that grows, answered 429 with Retry-After, in the API and the
web sign-in, and written to the access log; password hashing with bounded concurrency.

Lockouts last seconds here (settings), so the tests wait that, not minutes."""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from genogram_service.api import create_app
from genogram_service.container import build_services
from genogram_service.db import Graph
from genogram_service.errors import TooManySignIns
from genogram_service.security.access import Role
from genogram_service.security.auth import AuthService
from genogram_service.security.throttle import HashSlots
from genogram_service.settings import Settings
from tests.support.helpers import problem

PASSWORD = "correct horse battery"
LOCKOUT = 3.0  # seconds: long enough for the next request to arrive on a loaded machine


@pytest.fixture
def strict(settings: Settings) -> Settings:
    return settings.model_copy(update={
        "login_max_failures": 3,
        "login_lockout_seconds": LOCKOUT, "login_lockout_max_seconds": 4 * LOCKOUT,
        "login_address_max_failures": 20})


@pytest.fixture
def app(graph: Graph, strict: Settings) -> FastAPI:
    return create_app(strict, graph)


@pytest.fixture
def api(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as client:
        app.state.auth.create_user(username="anna", role=Role.analyst, password=PASSWORD)
        app.state.auth.create_user(username="bert", role=Role.analyst, password=PASSWORD)
        yield client


def _sign_in(client: TestClient, username: str, password: str) -> int:
    return client.post("/auth/token", data={"username": username,
                                            "password": password}).status_code


def test_wrong_passwords_lock_the_account_then_it_opens_again(api: TestClient) -> None:
    assert [_sign_in(api, "anna", "wrong password") for _ in range(3)] == [401, 401, 401]
    locked = api.post("/auth/token", data={"username": "anna", "password": PASSWORD})
    body = problem(locked, 429)  # the right password too, while locked
    assert int(locked.headers["Retry-After"]) == body["retry_after"] >= 1
    assert body["type"].endswith("too-many-sign-ins")
    assert _sign_in(api, "bert", PASSWORD) == 200  # another account is not locked
    time.sleep(LOCKOUT + 0.1)
    assert _sign_in(api, "anna", PASSWORD) == 200


def test_lockouts_in_a_row_grow(api: TestClient, graph: Graph) -> None:
    """Exponential back-off: the second lockout in a row is twice the first (read from the
    counter itself: Retry-After is rounded and shrinks while a loaded machine answers)."""
    lengths = []
    for _ in range(3):
        for _ in range(3):
            assert _sign_in(api, "anna", "wrong password") == 401
        locked = api.post("/auth/token", data={"username": "anna", "password": PASSWORD})
        assert locked.status_code == 429
        row = graph.driver.execute_query(
            "MATCH (t:LoginThrottle {key: 'account:anna'}) "
            "RETURN t.locked_until - t.since AS length", database_=graph.database).records[0]
        lengths.append(row["length"])
        time.sleep(row["length"] + 0.1)
    assert lengths == [LOCKOUT, 2 * LOCKOUT, 4 * LOCKOUT]
    # a success ends the back-off
    assert _sign_in(api, "anna", PASSWORD) == 200
    for _ in range(3):
        _sign_in(api, "anna", "wrong password")
    assert graph.driver.execute_query(
        "MATCH (t:LoginThrottle {key: 'account:anna'}) RETURN t.lockouts AS n",
        database_=graph.database).records[0]["n"] == 1


def test_an_unknown_account_is_locked_like_a_known_one(api: TestClient) -> None:
    """No enumeration through the throttle: the same answers for a missing account."""
    assert [_sign_in(api, "nobody", "wrong password") for _ in range(4)] == [401] * 3 + [429]


def test_one_address_guessing_many_accounts_is_locked(api: TestClient) -> None:
    statuses = [_sign_in(api, f"user-{i}", "wrong password") for i in range(20)]
    assert statuses == [401] * 20
    # the address is locked, for every account, the right password included
    assert _sign_in(api, "bert", PASSWORD) == 429
    time.sleep(LOCKOUT + 0.1)
    assert _sign_in(api, "bert", PASSWORD) == 200


def test_the_lock_holds_in_every_process(graph: Graph, strict: Settings) -> None:
    """Two AuthServices standing for two API processes share the counters."""
    one, two = AuthService(graph, strict), AuthService(graph, strict)
    one.create_user(username="anna", role=Role.analyst, password=PASSWORD)
    for auth in (one, two, one):
        with pytest.raises(Exception, match="wrong username or password"):
            auth.login("anna", "wrong password", "10.0.0.1")
    with pytest.raises(TooManySignIns):
        two.login("anna", PASSWORD, "10.0.0.2")


def test_the_lockout_is_in_the_access_log(api: TestClient, app: FastAPI) -> None:
    for _ in range(3):
        _sign_in(api, "anna", "wrong password")
    now = dt.datetime.now(dt.UTC)
    events = [e for e in app.state.services.audit.events(
        start=now - dt.timedelta(minutes=1), end=now + dt.timedelta(minutes=1))
        if e.resource == "sign-in"]
    assert len(events) == 1
    assert events[0].username == "anna" and events[0].outcome == "locked_out"
    assert events[0].action == "login" and "account:anna" in (events[0].purpose or "")


def test_the_web_sign_in_shows_the_lockout(api: TestClient) -> None:
    def post(password: str) -> tuple[int, str, dict[str, str]]:
        page = api.get("/ui/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        r = api.post("/ui/login", data={"username": "anna", "password": password,
                                         "csrf": csrf}, follow_redirects=False)
        return r.status_code, r.text, dict(r.headers)

    for _ in range(3):
        assert post("wrong password")[0] == 303
    status, text, headers = post(PASSWORD)
    assert status == 429 and int(headers["retry-after"]) >= 1
    assert 'id="login-error"' in text and "geblokkeerd" in text
    time.sleep(LOCKOUT + 0.1)
    status, _text, headers = post(PASSWORD)
    assert status == 303 and headers["location"] == "/ui/search"


def test_password_hashing_is_bounded() -> None:
    """Two hashes at once, one waiting; the next one is refused at once, not queued."""
    slots = HashSlots(concurrency=2, queue=1)
    release = threading.Event()
    started = threading.Semaphore(0)

    names: set[str] = set()

    def hold() -> None:
        names.add(threading.current_thread().name)
        started.release()
        release.wait(10)

    threads = [threading.Thread(target=slots.run, args=(hold,)) for _ in range(3)]
    for t in threads:
        t.start()
    for _ in range(2):
        assert started.acquire(timeout=10)
    assert not started.acquire(timeout=0.2)  # the third waits for a slot
    with pytest.raises(TooManySignIns) as refused:
        slots.run(lambda: None)
    assert refused.value.retry_after == 1
    release.set()
    for t in threads:
        t.join(10)
    assert slots.run(lambda: "free again") == "free again"
    # on two threads of their own (glibc keeps a thread's freed argon2 memory in its arena)
    assert len(names) == 2 and all(n.startswith("argon2") for n in names)


def test_argon2_parameters_are_the_stated_ones(graph: Graph, settings: Settings) -> None:
    services = build_services(settings, graph)
    try:
        services.auth.create_user(username="anna", role=Role.analyst, password=PASSWORD)
        stored = graph.read("read/get_user", username="anna", today=dt.date.today())
        assert stored[0]["user"]["password_hash"].startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    finally:
        services.audit.close()
