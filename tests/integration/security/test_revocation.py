"""Tokens and API keys die with their user: deleting, disabling, changing the role of a user,
or revoking its credentials, makes them fail in this process at once and in every other
process within ``auth_recheck_seconds``.

Two AuthService instances on one database stand for two API processes; the recheck time is
set to a fraction of a second so the test waits that, not the default's seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from genogram_service.api import create_app
from genogram_service.db import Graph
from genogram_service.errors import Unauthorized
from genogram_service.security.access import Role
from genogram_service.security.auth import AuthService
from genogram_service.settings import Settings

RECHECK = 0.3
PASSWORD = "correct horse battery"


@pytest.fixture
def fast(settings: Settings) -> Settings:
    return settings.model_copy(update={"auth_recheck_seconds": RECHECK})


@pytest.fixture
def two(graph: Graph, fast: Settings) -> tuple[AuthService, AuthService]:
    """Two "processes": each has its own caches."""
    return AuthService(graph, fast), AuthService(graph, fast)


def _signed_in(auth: AuthService) -> tuple[str, str]:
    auth.create_user(username="anna", role=Role.analyst, password=PASSWORD)
    return auth.login("anna", PASSWORD).access_token, auth.create_api_key("anna")


def _refused_within_recheck(check: Callable[[], object]) -> None:
    """Refused at the latest after the recheck time (and a margin for a loaded machine)."""
    deadline = time.monotonic() + RECHECK + 2.0
    while True:
        try:
            check()
        except Unauthorized:
            return
        assert time.monotonic() < deadline, "still accepted after the recheck time"
        time.sleep(0.05)


@pytest.mark.parametrize("change", ["revoke", "disable", "delete", "set_role"])
def test_a_change_to_the_user_ends_its_token_and_key_in_every_process(
        two: tuple[AuthService, AuthService], change: str) -> None:
    here, there = two
    token, key = _signed_in(here)
    # both processes accept them and remember them (token cache, key cache, user state)
    for auth in (here, there):
        assert auth.verify_token(token).username == "anna"
        assert auth.verify_api_key(key).username == "anna"
        assert auth.cached_token(token) is not None and auth.cached_api_key(key) is not None
    {"revoke": lambda: here.revoke("anna"),
     "disable": lambda: here.set_disabled("anna", True),
     "delete": lambda: here.delete_user("anna"),
     "set_role": lambda: here.set_role("anna", Role.auditor)}[change]()
    # the process that made the change refuses at once
    with pytest.raises(Unauthorized):
        here.verify_token(token)
    with pytest.raises(Unauthorized):
        here.verify_api_key(key)
    # the other one within its recheck time, from its caches as well as from the database
    _refused_within_recheck(lambda: there.verify_token(token))
    _refused_within_recheck(lambda: there.verify_api_key(key))
    with pytest.raises(Unauthorized):
        there.cached_token(token)  # the state it re-read is remembered: refused from memory
    # and no new token or key works for a disabled or deleted account
    if change in ("disable", "delete"):
        with pytest.raises(Unauthorized):
            there.login("anna", PASSWORD)
        with pytest.raises(Unauthorized):
            there.verify_token(token)


def test_a_fresh_sign_in_after_a_role_change_has_the_new_role(
        two: tuple[AuthService, AuthService]) -> None:
    here, there = two
    token, _key = _signed_in(here)
    there.verify_token(token)
    here.set_role("anna", Role.auditor)
    fresh = there.login("anna", PASSWORD).access_token
    assert there.verify_token(fresh).role == Role.auditor
    # the old token carried the old role: it stays refused
    with pytest.raises(Unauthorized):
        there.verify_token(token)
    # a new API key works, with the new role
    assert there.verify_api_key(here.create_api_key("anna")).role == Role.auditor


def test_enabling_again_does_not_bring_back_the_old_credentials(
        two: tuple[AuthService, AuthService]) -> None:
    here, there = two
    token, key = _signed_in(here)
    here.set_disabled("anna", True)
    here.set_disabled("anna", False)
    for check in (lambda: there.verify_token(token), lambda: there.verify_api_key(key)):
        with pytest.raises(Unauthorized):
            check()
    assert there.verify_token(there.login("anna", PASSWORD).access_token).username == "anna"


def test_an_unchanged_user_is_not_refused_after_the_recheck(
        two: tuple[AuthService, AuthService]) -> None:
    here, _there = two
    token, key = _signed_in(here)
    here.verify_token(token)
    time.sleep(RECHECK + 0.1)
    assert here.cached_token(token) is None  # the user's state is asked again ...
    assert here.verify_token(token).username == "anna"  # ... and still holds
    assert here.verify_api_key(key).username == "anna"


def test_a_token_or_key_of_another_user_is_unaffected(
        two: tuple[AuthService, AuthService]) -> None:
    here, there = two
    token, key = _signed_in(here)
    here.create_user(username="bert", role=Role.analyst, password=PASSWORD)
    bert = here.login("bert", PASSWORD).access_token
    here.revoke("anna")
    assert there.verify_token(bert).username == "bert"


def test_the_api_refuses_a_revoked_token(graph: Graph, fast: Settings) -> None:
    """Through HTTP: /auth/me 200, then the user is revoked by another process, then 401."""
    other = AuthService(graph, fast)
    token, key = _signed_in(other)
    with TestClient(create_app(fast, graph), raise_server_exceptions=False) as client:
        headers = {"Authorization": f"Bearer {token}"}
        assert client.get("/auth/me", headers=headers).status_code == 200
        assert client.get("/auth/me", headers={"X-API-Key": key}).status_code == 200
        other.delete_user("anna")
        time.sleep(RECHECK + 0.1)
        answer = client.get("/auth/me", headers=headers)
        assert answer.status_code == 401, answer.text
        assert client.get("/auth/me", headers={"X-API-Key": key}).status_code == 401
