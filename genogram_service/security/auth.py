"""Authentication: user accounts, passwords (argon2), bearer tokens (JWT, HS256, with expiry)
and API keys for service accounts (stored as argon2 hashes, shown once).

API keys look like ``gk_<key id>.<secret>``: the id finds the stored hash, the secret is
verified against it. A verified key is remembered (by its SHA-256) for a few minutes, so
service accounts do not pay argon2's deliberate cost on every request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import threading
import time
import uuid
from typing import Any

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
from genogram_service.security.access import Actor, Role
from genogram_service.settings import Settings

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._\-]{1,63}$")
KEY_CACHE_SECONDS = 300
#: verified keys kept at most; a key enters only after argon2 accepted it, so this bounds the
#: service accounts remembered at once, not what an attacker can make us store
KEY_CACHE_SIZE = 1_000
TOKEN_CACHE_SIZE = 10_000


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
    def __init__(self, graph: Graph, settings: Settings) -> None:
        if settings.jwt_secret is None:
            raise GenogramError("GENOGRAM_JWT_SECRET must be set (`genogram secrets generate`)")
        self.graph = graph
        self.settings = settings
        self._secret = settings.jwt_secret.get_secret_value()
        self._hasher = PasswordHasher()
        self._dummy_hash = self._hasher.hash(secrets.token_urlsafe(16))
        #: verified API keys (by SHA-256 of the key) for KEY_CACHE_SECONDS, least recently used
        #: dropped first when full
        self._key_cache: TTLCache[str, User] = TTLCache(maxsize=KEY_CACHE_SIZE,
                                                        ttl=KEY_CACHE_SECONDS,
                                                        timer=time.monotonic)
        #: verified bearer tokens (by SHA-256 of the token) until the token's own expiry (wall
        #: clock, like the ``exp`` claim), so a client's every request does not redo the
        #: signature check; a token is never served from here after it expired
        self._token_cache: TLRUCache[bytes, tuple[float, User]] = TLRUCache(
            maxsize=TOKEN_CACHE_SIZE, ttu=lambda _key, value, _now: value[0], timer=time.time)
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
            record["password_hash"] = self._hasher.hash(password)
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

    def login(self, username: str, password: str) -> Token:
        row = self._user_row(username) if USERNAME.match(username) else None
        stored = row["user"].get("password_hash") if row else None
        try:
            if row is None or stored is None:
                # the same work whether or not the user exists: no enumeration by timing
                self._hasher.verify(self._dummy_hash, password)
                raise VerificationError
            self._hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            raise Unauthorized("wrong username or password") from None
        user = User.model_validate({**row["user"], "organisation_id": row["organisation_id"]})
        return self.issue_token(user)

    def issue_token(self, user: User, ttl_minutes: int | None = None) -> Token:
        ttl = dt.timedelta(minutes=ttl_minutes or self.settings.jwt_ttl_minutes)
        now = dt.datetime.now(dt.UTC)
        claims = {
            "sub": user.id, "name": user.username, "role": str(user.role),
            "pro": user.professional_id, "org": user.organisation_id,
            "iss": self.settings.jwt_issuer, "iat": now, "exp": now + ttl,
            "jti": uuid.uuid4().hex,
        }
        token = jwt.encode({k: v for k, v in claims.items() if v is not None}, self._secret,
                           algorithm="HS256")
        return Token(access_token=token, expires_in=int(ttl.total_seconds()))

    def verify_token(self, token: str) -> User:
        fingerprint = hashlib.sha256(token.encode()).digest()
        with self._lock:
            cached = self._token_cache.get(fingerprint)
        if cached is not None:
            return cached[1]
        user, expires = self._verify_token(token)
        with self._lock:
            self._token_cache[fingerprint] = (expires, user)
        return user

    def _verify_token(self, token: str) -> tuple[User, float]:
        try:
            claims = jwt.decode(token, self._secret, algorithms=["HS256"],
                                issuer=self.settings.jwt_issuer,
                                options={"require": ["exp", "iat", "sub", "role"]})
        except jwt.ExpiredSignatureError:
            raise Unauthorized("the token has expired") from None
        except jwt.PyJWTError:
            raise Unauthorized("the token is not valid") from None
        try:
            return User(id=claims["sub"], username=claims.get("name", claims["sub"]),
                        role=Role(claims["role"]), professional_id=claims.get("pro"),
                        organisation_id=claims.get("org")), float(claims["exp"])
        except ValueError:
            raise Unauthorized("the token is not valid") from None

    # ------------------------------------------------------------------ API keys

    def create_api_key(self, username: str) -> str:
        self.get_user(username)
        key_id = secrets.token_hex(8)
        secret = secrets.token_urlsafe(32)
        self.graph.write("write/create_api_key", username=username, key={
            "id": key_id, "key_hash": self._hasher.hash(secret),
            "created": dt.datetime.now(dt.UTC)})
        return f"gk_{key_id}.{secret}"

    def cached_api_key(self, key: str) -> User | None:
        """The key's user when the key was verified in the last minutes (no database read)."""
        fingerprint = hashlib.sha256(key.encode()).hexdigest()
        with self._lock:
            return self._key_cache.get(fingerprint)

    def verify_api_key(self, key: str) -> User:
        cached = self.cached_api_key(key)
        if cached is not None:
            return cached
        fingerprint = hashlib.sha256(key.encode()).hexdigest()
        match = re.fullmatch(r"gk_([0-9a-f]{16})\.([A-Za-z0-9_\-]{20,100})", key)
        if not match:
            raise Unauthorized("the API key is not valid")
        rows = self.graph.read("read/get_api_key", id=match.group(1), today=dt.date.today())
        if not rows or rows[0]["revoked"]:
            raise Unauthorized("the API key is not valid")
        try:
            self._hasher.verify(rows[0]["key_hash"], match.group(2))
        except (VerificationError, InvalidHashError):
            raise Unauthorized("the API key is not valid") from None
        user = User.model_validate({**rows[0]["user"],
                                    "organisation_id": rows[0]["organisation_id"]})
        with self._lock:
            self._key_cache[fingerprint] = user
        return user

    # ------------------------------------------------------------------ actor

    @staticmethod
    def actor(user: User, *, purpose: str | None, break_glass_reason: str | None,
              request_id: str | None) -> Actor:
        return Actor(user_id=user.id, username=user.username, role=user.role,
                     professional_id=user.professional_id,
                     organisation_id=user.organisation_id, purpose=purpose,
                     break_glass_reason=break_glass_reason, request_id=request_id)
