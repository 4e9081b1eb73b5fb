"""Who is acting: the roles, the actions and the :class:`Actor` of one request.

A module of its own because both the guard (:mod:`.access`, which decides) and the access log
(:mod:`.audit`, which records the decision) need these types, and the guard uses the log.
"""

from __future__ import annotations

from enum import StrEnum

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
    login = "login"  # the access log's record of a sign-in lockout


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
