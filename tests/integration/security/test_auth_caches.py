"""The caches of verified credentials: bounded, and never serving a credential past its time.

Small sizes and lifetimes are set through the module's constants (read when the service is
built), so the tests fill and outlive the caches in a second instead of with thousands of keys.
"""

from __future__ import annotations

import time

import pytest

from genogram_service.db import Graph
from genogram_service.errors import Unauthorized
from genogram_service.security import auth as auth_module
from genogram_service.security.access import Role
from genogram_service.security.auth import AuthService, User
from genogram_service.settings import Settings
from tests.support.fixtures import persist_user


def _service(graph: Graph, settings: Settings, monkeypatch: pytest.MonkeyPatch, **sizes: float
             ) -> AuthService:
    for name, value in sizes.items():
        monkeypatch.setattr(auth_module, name, value)
    return AuthService(graph, settings)


def _keys(auth: AuthService, n: int) -> list[str]:
    keys = []
    for i in range(n):
        auth.create_user(username=f"monitor-{i}", role=Role.auditor)
        keys.append(auth.create_api_key(f"monitor-{i}"))
    return keys


def test_the_api_key_cache_is_bounded(graph: Graph, settings: Settings,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    auth = _service(graph, settings, monkeypatch, KEY_CACHE_SIZE=2)
    first, second, third = _keys(auth, 3)
    for key in (first, second, third):
        assert auth.verify_api_key(key).role == Role.auditor
    # the least recently used key was dropped; the other two are answered without Neo4j
    assert auth.cached_api_key(first) is None
    assert auth.cached_api_key(second) is not None and auth.cached_api_key(third) is not None
    # a dropped key is verified again against the database, not refused
    assert auth.verify_api_key(first).username == "monitor-0"
    assert auth.cached_api_key(first) is not None


def test_a_remembered_api_key_is_forgotten_after_its_time(graph: Graph, settings: Settings,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    auth = _service(graph, settings, monkeypatch, KEY_CACHE_SECONDS=0.5)
    (key,) = _keys(auth, 1)
    auth.verify_api_key(key)
    assert auth.cached_api_key(key) is not None
    time.sleep(0.6)
    assert auth.cached_api_key(key) is None
    # wrong secrets are never remembered
    with pytest.raises(Unauthorized):
        auth.verify_api_key(key[:-2] + "xx")
    assert auth.cached_api_key(key[:-2] + "xx") is None


def test_the_token_cache_is_bounded(graph: Graph, settings: Settings,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    auth = _service(graph, settings, monkeypatch, TOKEN_CACHE_SIZE=2)
    users = [User(id=f"u{i}", username=f"user-{i}", role=Role.analyst) for i in range(3)]
    for user in users:
        persist_user(graph, user)
    tokens = [auth.issue_token(u).access_token for u in users]
    for token, user in zip(tokens, users, strict=True):
        assert auth.verify_token(token) == user
    assert len(auth._token_cache) == 2
    # still verified when no longer remembered
    assert [auth.verify_token(t).id for t in tokens] == ["u0", "u1", "u2"]
