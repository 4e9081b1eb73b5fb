"""Who may see what: the one place where roles and need-to-know are enforced.

Every use case that touches personal data receives the acting :class:`Actor` and calls the
:class:`Guard` before it reads or writes: ``guard.authorize(actor, Action.read,
persons=[...])``. The guard decides (by role, and for case workers by their assignments), and
records the decision in the access log. Routes never decide access themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field


class Role(StrEnum):
    case_worker = "case_worker"
    analyst = "analyst"
    auditor = "auditor"
    admin = "admin"


class Action(StrEnum):
    read = "read"
    create = "create"
    update = "update"
    delete = "delete"
    export = "export"
    render = "render"
    query = "query"


class Actor(BaseModel):
    """The authenticated caller of one request."""

    user_id: str
    username: str
    role: Role
    professional_id: str | None = None
    organisation_id: str | None = None
    purpose: str | None = Field(default=None, description="doelbinding: why this access")
    break_glass_reason: str | None = None
    request_id: str | None = None

    model_config = {"frozen": True}


#: The actor for local administration from the command line (``genogram import``, ``seed``).
SYSTEM = Actor(user_id="system", username="system", role=Role.admin, purpose="administration")


class Guard:
    """The access decisions. PROVISIONAL: allows everything until the access-control work
    (roles, need-to-know, access log) replaces the bodies; the signatures are the contract."""

    def authorize(self, actor: Actor, action: Action, *, persons: Sequence[str] = (),
                  resource: str | None = None) -> None:
        """Raise NotFound (person out of a case worker's scope: existence must not leak) or
        Forbidden (role may not do this); record the access in the access log."""

    def visible_persons(self, actor: Actor, person_ids: Iterable[str]) -> set[str]:
        """The subset of ``person_ids`` the actor may see (to filter what a genogram shows)."""
        return set(person_ids)

    def pseudonymise(self, actor: Actor, columns: Sequence[ColumnSpec],
                     rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """For analysts: stable pseudonyms for person references and names, birth year instead
        of birth date, no BSN, and small counts suppressed. Other roles get rows unchanged."""
        return rows


class ColumnKind(StrEnum):
    """What a result column holds, so pseudonymisation knows what to do with it."""

    person_id = "person_id"  # -> stable pseudonym
    person_name = "person_name"  # -> pseudonym (same as the person's id pseudonym)
    birth_date = "birth_date"  # -> year only
    bsn = "bsn"  # -> removed
    count = "count"  # aggregate count -> suppressed below the threshold
    other = "other"  # unchanged (professional and organisation ids/names, dates, numbers)


class ColumnSpec(BaseModel):
    name: str
    kind: ColumnKind = ColumnKind.other
