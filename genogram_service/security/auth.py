"""Authentication: user accounts, passwords (argon2), bearer tokens (JWT, HS256, with expiry)
and API keys for service accounts (stored as argon2 hashes, shown once).

API keys look like ``gk_<key id>.<secret>``: the id finds the stored hash, the secret is
verified against it. A verified key is remembered (by its SHA-256) for a few minutes, so
service accounts do not pay argon2's deliberate cost on every request.

Revocation: a user has a token version (``token_version``, 0 when never set), raised by
disabling the account, changing its role and ``genogram users revoke``. A token carries the
version it was issued under (``ver``), an API key the one it was created under; on use both are
compared with the user's current version and disabled flag, read from Neo4j at most every
``auth_recheck_seconds`` per user and process (a small cache), so every API process refuses a
revoked credential within that time; a deleted user's credentials fail the same way (no user).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import threading
import time
import uuid
from typing import Any, NamedTuple

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from cachetools import TLRUCache, TTLCache
from pydantic import BaseModel

from genogram_service.db import Graph
from genogram_service.errors import (
    Conflict,
    GenogramError,
    NotFound,
    Unauthorized,
    ValidationProblem,
    field_error,
)
from genogram_service.security.access import Action, Actor, Role
from genogram_service.security.actor import SYSTEM
from genogram_service.security.audit import AuditLog
from genogram_service.security.throttle import HashSlots, LoginThrottle
from genogram_service.settings import Settings

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._\-]{1,63}$")
KEY_CACHE_SECONDS = 300
#: verified keys kept at most; a key enters only after argon2 accepted it, so this bounds the
#: service accounts remembered at once, not what an attacker can make us store
KEY_CACHE_SIZE = 1_000
TOKEN_CACHE_SIZE = 10_000
#: users whose current token version and disabled flag are remembered at once
STATE_CACHE_SIZE = 10_000
#: argon2id as OWASP's password storage cheat sheet recommends (19 MiB, 2 passes, 1 lane): the
#: library's default (64 MiB, 3 passes, 4 lanes) made a flood of sign-ins cost gigabytes
ARGON2_MEMORY_KIB = 19_456
ARGON2_TIME_COST = 2
ARGON2_PARALLELISM = 1


class _State(NamedTuple):
    """A user's current token version and disabled flag; ``exists`` False once deleted."""

    version: int
    disabled: bool
    exists: bool = True

    def newer(self, version: int) -> bool:
        """A credential issued under a later version than this (remembered) state knows of."""
        return self.exists and version > self.version


_GONE = _State(version=-1, disabled=True, exists=False)


class User(BaseModel):
    id: str
    username: str
    role: Role
    professional_id: str | None = None
    organisation_id: str | None = None


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth2 token type, not a secret
    expires_in: int


class AuthService:
    def __init__(self, graph: Graph, settings: Settings, audit: AuditLog | None = None) -> None:
        if settings.jwt_secret is None:
            raise GenogramError("GENOGRAM_JWT_SECRET must be set (`genogram secrets generate`)")
        self.graph = graph
        self.settings = settings
        self._secret = settings.jwt_secret.get_secret_value()
        self._hasher = PasswordHasher(memory_cost=ARGON2_MEMORY_KIB,
                                      time_cost=ARGON2_TIME_COST,
                                      parallelism=ARGON2_PARALLELISM)
        self._dummy_hash = self._hasher.hash(secrets.token_urlsafe(16))
        #: argon2 with bounded concurrency and memory; failed sign-ins counted in Neo4j
        self._slots = HashSlots(settings.password_hash_concurrency,
                                settings.password_hash_queue)
        self.throttle = LoginThrottle(graph, settings)
        self.audit = audit
        #: verified API keys (by SHA-256 of the key) for KEY_CACHE_SECONDS, least recently used
        #: dropped first when full
        self._key_cache: TTLCache[str, tuple[User, int]] = TTLCache(maxsize=KEY_CACHE_SIZE,
                                                        ttl=KEY_CACHE_SECONDS,
                                                        timer=time.monotonic)
        #: verified bearer tokens (by SHA-256 of the token) until the token's own expiry (wall
        #: clock, like the ``exp`` claim), so a client's every request does not redo the
        #: signature check; a token is never served from here after it expired
        self._token_cache: TLRUCache[bytes, tuple[float, User, int]] = TLRUCache(
            maxsize=TOKEN_CACHE_SIZE, ttu=lambda _key, value, _now: value[0], timer=time.time)
        #: each user's current token version and disabled flag, by user id, re-read after
        #: auth_recheck_seconds: the revocation bound across processes
        self._states: TTLCache[str, _State] = TTLCache(
            maxsize=STATE_CACHE_SIZE, ttl=settings.auth_recheck_seconds, timer=time.monotonic)
        #: the caches are not thread-safe and requests run in a thread pool
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ accounts

    def create_user(self, *, username: str, role: Role, professional_id: str | None = None,
                    password: str | None = None) -> User:
        errors = []
        if not USERNAME.match(username):
            errors.append(field_error(["username"], "lower-case letters, digits, '.', '_', '-' "
                                      "(2-64)"))
        if role == Role.case_worker and not professional_id:
            errors.append(field_error(["professional_id"], "a case worker must be linked to a "
                                      "professional", "missing"))
        if professional_id and not self.graph.read("read/existing_professional_ids",
                                                    ids=[professional_id])[0]["ids"]:
            errors.append(field_error(["professional_id"], f"no professional '{professional_id}'",
                                      "reference"))
        if password is not None and len(password) < 12:
            errors.append(field_error(["password"], "at least 12 characters"))
        if errors:
            raise ValidationProblem(errors)
        if self._user_row(username) is not None:
            raise Conflict(f"user '{username}' exists already")
        record: dict[str, Any] = {
            "id": f"user-{uuid.uuid4().hex}", "username": username, "role": str(role),
            "professional_id": professional_id, "created": dt.datetime.now(dt.UTC),
        }
        if password is not None:
            record["password_hash"] = self._slots.run(lambda: self._hasher.hash(password))
        self.graph.write("write/create_user",
                         user={k: v for k, v in record.items() if v is not None})
        return User(id=record["id"], username=username, role=role,
                    professional_id=professional_id)

    def list_users(self) -> list[User]:
        return [User.model_validate(r["user"]) for r in self.graph.read("read/list_users")]

    def get_user(self, username: str) -> User:
        row = self._user_row(username)
        if row is None:
            raise NotFound(f"no user '{username}'")
        return User.model_validate({**row["user"], "organisation_id": row["organisation_id"]})

    def _user_row(self, username: str) -> dict[str, Any] | None:
        rows = self.graph.read("read/get_user", username=username, today=dt.date.today())
        return rows[0] if rows else None

    # ------------------------------------------------------------------ passwords, tokens

    def login(self, username: str, password: str, address: str | None = None) -> Token:
        """Sign in with a password from the client ``address``: 429 while the account or the
        address is locked out (before the password is checked), 401 for a wrong one."""
        name = username if USERNAME.match(username) else None
        self.throttle.check(name, address)
        row = self._user_row(username) if name else None
        stored = row["user"].get("password_hash") if row else None
        try:
            if row is None or stored is None:
                # the same work whether or not the user exists: no enumeration by timing
                self._slots.run(lambda: self._hasher.verify(self._dummy_hash, password))
                raise VerificationError
            self._slots.run(lambda: self._hasher.verify(stored, password))
        except (VerificationError, InvalidHashError):
            self._log_lockouts(row, self.throttle.failed(name, address), address)
            raise Unauthorized("wrong username or password") from None
        self.throttle.succeeded(username)
        if row["user"].get("disabled"):
            raise Unauthorized("this account is disabled")
        user = User.model_validate({**row["user"], "organisation_id": row["organisation_id"]})
        return self._issue(user, int(row["user"].get("token_version") or 0))

    def _log_lockouts(self, row: dict[str, Any] | None, locked: list[tuple[str, float]],
                      address: str | None) -> None:
        """A lockout's start in the access log: by the account when it exists, else by the
        service itself (``system``); the purpose names the counter, its length and the
        client address."""
        if self.audit is None:
            return
        for key, seconds in locked:
            actor = SYSTEM
            if row is not None and key.startswith("account:"):
                actor = self.actor(User.model_validate(
                    {**row["user"], "organisation_id": row["organisation_id"]}),
                    purpose=None, break_glass_reason=None, request_id=None)
            self.audit.record(actor, Action.login, subjects=[], resource="sign-in",
                              outcome="locked_out",
                              purpose=f"{key} locked for {round(seconds)} s after failed "
                                      f"sign-ins (client address {address or 'unknown'})")

    def issue_token(self, user: User, ttl_minutes: int | None = None) -> Token:
        """A token for an existing, enabled user (CLI, single sign-on), under its current
        token version."""
        state = self._read_state(user.id)
        if not state.exists or state.disabled:
            raise Unauthorized(f"user '{user.username}' is disabled or does not exist")
        return self._issue(user, state.version, ttl_minutes)

    def _issue(self, user: User, version: int, ttl_minutes: int | None = None) -> Token:
        ttl = dt.timedelta(minutes=ttl_minutes or self.settings.jwt_ttl_minutes)
        now = dt.datetime.now(dt.UTC)
        claims = {
            "sub": user.id, "name": user.username, "role": str(user.role),
            "pro": user.professional_id, "org": user.organisation_id,
            "iss": self.settings.jwt_issuer, "iat": now, "exp": now + ttl,
            "jti": uuid.uuid4().hex, "ver": version,
        }
        token = jwt.encode({k: v for k, v in claims.items() if v is not None}, self._secret,
                           algorithm="HS256")
        return Token(access_token=token, expires_in=int(ttl.total_seconds()))

    def cached_token(self, token: str) -> User | None:
        """The token's user when both its signature and its user's state were checked
        recently (no database read); ``None`` when :meth:`verify_token` must ask Neo4j.
        Raises :class:`Unauthorized` for a token known to be bad."""
        fingerprint = hashlib.sha256(token.encode()).digest()
        with self._lock:
            cached = self._token_cache.get(fingerprint)
            state = self._states.get(cached[1].id) if cached is not None else None
        if cached is None or state is None or state.newer(cached[2]):
            return None
        self._check(state, cached[2], "token")
        return cached[1]

    def verify_token(self, token: str) -> User:
        fingerprint = hashlib.sha256(token.encode()).digest()
        with self._lock:
            cached = self._token_cache.get(fingerprint)
        if cached is None:
            cached = self._verify_token(token)
            with self._lock:
                self._token_cache[fingerprint] = cached
        _expires, user, version = cached
        self._check(self._state(user.id, version), version, "token")
        return user

    def _verify_token(self, token: str) -> tuple[float, User, int]:
        try:
            claims = jwt.decode(token, self._secret, algorithms=["HS256"],
                                issuer=self.settings.jwt_issuer,
                                options={"require": ["exp", "iat", "sub", "role"]})
        except jwt.ExpiredSignatureError:
            raise Unauthorized("the token has expired") from None
        except jwt.PyJWTError:
            raise Unauthorized("the token is not valid") from None
        try:
            return float(claims["exp"]), User(
                id=claims["sub"], username=claims.get("name", claims["sub"]),
                role=Role(claims["role"]), professional_id=claims.get("pro"),
                organisation_id=claims.get("org")), int(claims.get("ver", 0))
        except (ValueError, TypeError):
            raise Unauthorized("the token is not valid") from None

    # ------------------------------------------------------------------ API keys

    def create_api_key(self, username: str) -> str:
        self.get_user(username)
        key_id = secrets.token_hex(8)
        secret = secrets.token_urlsafe(32)
        self.graph.write("write/create_api_key", username=username, key={
            "id": key_id, "key_hash": self._slots.run(lambda: self._hasher.hash(secret)),
            "created": dt.datetime.now(dt.UTC)})
        return f"gk_{key_id}.{secret}"

    def cached_api_key(self, key: str) -> User | None:
        """The key's user when the key was verified in the last minutes and its user's state
        checked in the last seconds (no database read); ``None`` when :meth:`verify_api_key`
        must ask Neo4j. Raises :class:`Unauthorized` for a key known to be revoked."""
        fingerprint = hashlib.sha256(key.encode()).hexdigest()
        with self._lock:
            cached = self._key_cache.get(fingerprint)
            state = self._states.get(cached[0].id) if cached is not None else None
        if cached is None or state is None or state.newer(cached[1]):
            return None
        self._check(state, cached[1], "API key")
        return cached[0]

    def verify_api_key(self, key: str) -> User:
        with self._lock:
            cached = self._key_cache.get(hashlib.sha256(key.encode()).hexdigest())
        if cached is not None:
            self._check(self._state(cached[0].id, cached[1]), cached[1], "API key")
            return cached[0]
        fingerprint = hashlib.sha256(key.encode()).hexdigest()
        match = re.fullmatch(r"gk_([0-9a-f]{16})\.([A-Za-z0-9_\-]{20,100})", key)
        if not match:
            raise Unauthorized("the API key is not valid")
        rows = self.graph.read("read/get_api_key", id=match.group(1), today=dt.date.today())
        if not rows or rows[0]["revoked"]:
            raise Unauthorized("the API key is not valid")
        try:
            self._slots.run(lambda: self._hasher.verify(rows[0]["key_hash"], match.group(2)))
        except (VerificationError, InvalidHashError):
            raise Unauthorized("the API key is not valid") from None
        user = User.model_validate({**rows[0]["user"],
                                    "organisation_id": rows[0]["organisation_id"]})
        state = _State(int(rows[0]["user"].get("token_version") or 0),
                       bool(rows[0]["user"].get("disabled")))
        version = int(rows[0]["key_version"])
        self._check(state, version, "API key")
        with self._lock:
            self._key_cache[fingerprint] = (user, version)
            self._states[user.id] = state
        return user

    # ------------------------------------------------------------------ revocation

    def _state(self, user_id: str, version: int) -> _State:
        """The user's state, from memory unless forgotten or older than the credential's
        version (issued after this process last looked: versions only go up)."""
        with self._lock:
            state = self._states.get(user_id)
        if state is None or state.newer(version):
            return self._read_state(user_id)
        return state

    def _read_state(self, user_id: str) -> _State:
        rows = self.graph.read("read/user_state", id=user_id)
        state = _State(int(rows[0]["version"]), bool(rows[0]["disabled"])) if rows else _GONE
        with self._lock:
            self._states[user_id] = state
        return state

    @staticmethod
    def _check(state: _State, version: int, what: str) -> None:
        if not state.exists:
            raise Unauthorized(f"the {what}'s user no longer exists")
        if state.disabled:
            raise Unauthorized(f"the {what}'s user is disabled")
        if version != state.version:
            raise Unauthorized(f"the {what} was revoked (the user was revoked, disabled or "
                               "changed role since); sign in again")

    def _changed(self, statement: str, username: str, **params: Any) -> None:
        rows = self.graph.write(statement, username=username, **params)
        if not rows:
            raise NotFound(f"no user '{username}'")
        with self._lock:  # this process refuses at once; the others within their recheck time
            self._states.pop(rows[0]["id"], None)

    def revoke(self, username: str) -> None:
        """End every token and API key of the user (they sign in again, keys are re-issued)."""
        self._changed("write/revoke_user_tokens", username)

    def set_disabled(self, username: str, disabled: bool) -> None:
        """Disable (ending its tokens and keys) or enable an account; enabling does not bring
        back the credentials that disabling ended."""
        self._changed("write/set_user_disabled", username, disabled=disabled)

    def set_role(self, username: str, role: Role, professional_id: str | None = None) -> User:
        """Change an account's role (and professional), ending its tokens and keys."""
        errors = []
        if role == Role.case_worker and not professional_id:
            errors.append(field_error(["professional_id"], "a case worker must be linked to a "
                                      "professional", "missing"))
        if professional_id and not self.graph.read("read/existing_professional_ids",
                                                    ids=[professional_id])[0]["ids"]:
            errors.append(field_error(["professional_id"], f"no professional '{professional_id}'",
                                      "reference"))
        if errors:
            raise ValidationProblem(errors)
        self._changed("write/set_user_role", username, role=str(role),
                      professional_id=professional_id)
        return self.get_user(username)

    def delete_user(self, username: str) -> None:
        """Delete the account and its API keys; its tokens fail (no user)."""
        self._changed("write/delete_user", username)

    # ------------------------------------------------------------------ actor

    @staticmethod
    def actor(user: User, *, purpose: str | None, break_glass_reason: str | None,
              request_id: str | None) -> Actor:
        return Actor(user_id=user.id, username=user.username, role=user.role,
                     professional_id=user.professional_id,
                     organisation_id=user.organisation_id, purpose=purpose,
                     break_glass_reason=break_glass_reason, request_id=request_id)
