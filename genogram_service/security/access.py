"""Who may see what: the one place where roles and need-to-know are enforced.

Every use case that touches personal data receives the acting :class:`Actor` and calls the
:class:`Guard` before it reads or writes: ``guard.authorize(actor, Action.read,
persons=[...])``. The guard decides (by role, and for case workers by their assignments), and
records the decision in the access log. Routes never decide access themselves.

Roles: ``admin`` imports and edits everything; ``case_worker`` (linked to a Professional) reads
and renders persons in the families of cases they have an active assignment on (plus a grace
period), or anyone by break-glass with a reason; ``analyst`` runs the query catalogue with
pseudonymised output; ``auditor`` reads involvement traces and the access log.

The actor types (:class:`Role`, :class:`Action`, :class:`Actor`, ``SYSTEM``) are declared in
:mod:`.actor`, which the access log uses too, and offered here with the guard.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from genogram_service.db import Graph
from genogram_service.errors import Forbidden, GenogramError, NotFound
from genogram_service.security.actor import SYSTEM, Action, Actor, Role
from genogram_service.security.audit import AuditLog
from genogram_service.security.audit_scope import pending_list
from genogram_service.settings import Settings

__all__ = [
    "ALLOWED", "DEFAULT_PURPOSE", "DENIED", "ROLE_ACTIONS", "SYSTEM", "Action", "Actor",
    "ColumnKind", "ColumnSpec", "Guard", "Role",
]

#: what each role may do at all (need-to-know narrows case workers further)
ROLE_ACTIONS: dict[Role, frozenset[Action]] = {
    Role.admin: frozenset(Action),
    Role.case_worker: frozenset({Action.read, Action.render, Action.export}),
    Role.analyst: frozenset({Action.query}),
    Role.auditor: frozenset({Action.query, Action.read, Action.export}),
}
#: the purpose recorded when a request names none
DEFAULT_PURPOSE: dict[Role, str] = {
    Role.admin: "administration",
    Role.case_worker: "care",
    Role.analyst: "statistics",
    Role.auditor: "audit",
}
ALLOWED, DENIED = "allowed", "denied"


class Guard:
    """The access decisions, and the access log of every decision about personal data."""

    def __init__(self, graph: Graph, audit: AuditLog, settings: Settings) -> None:
        self.graph = graph
        self.audit = audit
        self.settings = settings
        self._pseudonym_key = (settings.pseudonym_key.get_secret_value().encode()
                               if settings.pseudonym_key else None)

    def authorize(self, actor: Actor, action: Action, *, persons: Sequence[str] = (),
                  resource: str | None = None, personal: bool = True,
                  audience: Iterable[Role] | None = None,
                  not_found: str | None = None) -> None:
        """Allow or refuse ``action`` on ``resource`` about ``persons`` (personal data unless
        ``personal`` is false). Refusals: :class:`Forbidden` when the role may not do this at
        all; :class:`NotFound` (with the same text as a genuine miss, ``not_found``) when a case
        worker asks for a person outside their need-to-know, so existence does not leak. Every
        decision about personal data is written to the access log."""
        purpose = actor.purpose or DEFAULT_PURPOSE[actor.role]
        subjects = list(persons)
        if not self.role_may(actor, action, audience=audience, personal=personal):
            if personal:
                self._log(actor, action, subjects, resource, DENIED, purpose)
            raise Forbidden(f"the role {actor.role.value} may not {action.value} "
                            f"{resource or 'this'}")
        if actor.role == Role.case_worker and subjects:
            visible = self._scope(actor, subjects)
            if not visible and actor.break_glass_reason is None:
                self._log(actor, action, subjects, resource, DENIED, purpose)
                raise NotFound(not_found or "not found")
            if actor.break_glass_reason is not None and visible == set(subjects):
                # break-glass was asked for but not needed: record the access as ordinary
                actor = actor.model_copy(update={"break_glass_reason": None})
        if personal:
            self._log(actor, action, subjects, resource, ALLOWED, purpose)

    @staticmethod
    def role_may(actor: Actor, action: Action, *, audience: Iterable[Role] | None = None,
                 personal: bool = True) -> bool:
        """Whether the actor's role may do ``action`` at all (need-to-know aside): the first
        test of :meth:`authorize`, which routes also make before they read a request body."""
        allowed_roles = set(audience) if audience is not None else None
        if actor.role == Role.auditor and personal and allowed_roles is None:
            return False  # auditors read traces and the log (explicit audience), not records
        return action in ROLE_ACTIONS[actor.role] and (
            allowed_roles is None or actor.role in allowed_roles)

    def sees_everyone(self, actor: Actor) -> bool:
        """Whether :meth:`visible_persons` keeps every person for this actor."""
        return actor.role == Role.admin or (actor.role == Role.case_worker
                                            and actor.break_glass_reason is not None)

    def visible_persons(self, actor: Actor, person_ids: Iterable[str], *,
                        scope: Iterable[str] | None = None) -> set[str]:
        """The subset of ``person_ids`` the actor may see (to filter what a genogram shows).
        ``scope``: the ids that ``read/visible_persons`` gave with :meth:`scope_params` for a
        superset of ``person_ids`` (read together with the family), instead of reading it
        again; need-to-know is decided person by person, so the subset is the same."""
        ids = set(person_ids)
        if self.sees_everyone(actor):
            return ids
        if actor.role == Role.case_worker:
            return ids & set(scope) if scope is not None else self._scope(actor, ids)
        return set()

    def scope_params(self, actor: Actor) -> dict[str, Any] | None:
        """The parameters of ``read/visible_persons`` but ``$ids`` for an actor whose view is
        limited by need-to-know, else None (nothing to read)."""
        if actor.role != Role.case_worker or self.sees_everyone(actor):
            return None
        return self._scope_params(actor)

    def _scope_params(self, actor: Actor) -> dict[str, Any] | None:
        if actor.professional_id is None:
            return None
        today = dt.date.today()
        since = today - dt.timedelta(days=self.settings.need_to_know_grace_days)
        return {"professional_id": actor.professional_id, "today": today, "since": since}

    def _scope(self, actor: Actor, ids: Iterable[str]) -> set[str]:
        params = self._scope_params(actor)
        if params is None:
            return set()
        rows = self.graph.read("read/visible_persons", ids=sorted(set(ids)), **params)
        return {r["id"] for r in rows}

    def _log(self, actor: Actor, action: Action, subjects: list[str], resource: str | None,
             outcome: str, purpose: str) -> None:
        pending = pending_list()
        if pending is None:
            self.audit.record(actor, action, subjects=subjects, resource=resource,
                              outcome=outcome, purpose=purpose)
        else:  # the caller settles it before the answer leaves (see audit.deferred)
            pending.append(self.audit.submit(actor, action, subjects=subjects,
                                             resource=resource, outcome=outcome,
                                             purpose=purpose))

    # ------------------------------------------------------------------ analysts

    def pseudonym(self, person_id: str) -> str:
        if self._pseudonym_key is None:
            raise GenogramError("GENOGRAM_PSEUDONYM_KEY must be set")
        digest = hmac.new(self._pseudonym_key, person_id.encode(), hashlib.sha256).digest()
        return "P-" + base64.b32encode(digest[:8]).decode().rstrip("=")

    def pseudonymise(self, actor: Actor, columns: Sequence[ColumnSpec],
                     rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """For analysts: stable pseudonyms for person references and names, birth year instead
        of birth date, no BSN, and counts below ``analyst_min_count`` suppressed (None).
        Other roles get the rows unchanged."""
        if actor.role != Role.analyst:
            return rows
        kinds = {c.name: c.kind for c in columns}
        id_columns = [c.name for c in columns if c.kind == ColumnKind.person_id]
        threshold = self.settings.analyst_min_count
        out = []
        for row in rows:
            new: dict[str, Any] = {}
            for key, value in row.items():
                kind = kinds.get(key, ColumnKind.other)
                if kind == ColumnKind.bsn:
                    continue
                if value is None:
                    new[key] = None
                elif kind == ColumnKind.person_id:
                    new[key] = ([self.pseudonym(v) for v in value] if isinstance(value, list)
                                else self.pseudonym(str(value)))
                elif kind == ColumnKind.person_name:
                    anchor = row.get(id_columns[0]) if len(id_columns) == 1 else None
                    new[key] = self.pseudonym(str(anchor if isinstance(anchor, str) else value))
                elif kind == ColumnKind.birth_date:
                    new[key] = value.year if hasattr(value, "year") else str(value)[:4]
                elif kind == ColumnKind.count:
                    new[key] = None if isinstance(value, int) and 0 < value < threshold else value
                else:
                    new[key] = value
            out.append(new)
        return out


class ColumnKind(StrEnum):
    """What a result column holds, so pseudonymisation knows what to do with it."""

    person_id = "person_id"  # -> stable pseudonym
    person_name = "person_name"  # -> pseudonym (same as the person's id pseudonym)
    birth_date = "birth_date"  # -> year only
    bsn = "bsn"  # -> removed
    count = "count"  # type: ignore[assignment]  # aggregate count -> suppressed when small
    other = "other"  # unchanged (professional and organisation ids/names, dates, numbers)


class ColumnSpec(BaseModel):
    name: str
    kind: ColumnKind = ColumnKind.other
