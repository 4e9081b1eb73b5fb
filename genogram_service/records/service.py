"""Use cases on records: create, replace, read, delete any kind; search persons; import bundles.

Single-record writes go through exactly the same path as bulk imports (a bundle of one), so
every rule is checked in one place. Every use case takes the acting :class:`Actor` and asks
the :class:`Guard` first; the guard also writes the access log."""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from genogram_service.db import Graph
from genogram_service.errors import Conflict, Forbidden, NotFound, ValidationProblem, field_error
from genogram_service.records import KIND_BY_NAME, Bundle, Entity, ImportReport, Kind, PersonPublic
from genogram_service.records.bsn import BsnVault
from genogram_service.records.rows import from_record
from genogram_service.records.validation import stored_ids, validate_bundle
from genogram_service.records.writer import Progress, plan_import, write_bundle
from genogram_service.security.access import SYSTEM, Action, Actor, Guard, Role
from genogram_service.settings import Settings

#: kinds that are not personal data (anyone signed in may read them)
NON_PERSONAL = frozenset({"organisation", "professional", "employment"})
#: bulk imports log their person ids in the access log up to this many
MAX_LOGGED_SUBJECTS = 1000


@dataclass
class RecordService:
    graph: Graph
    vault: BsnVault
    settings: Settings
    guard: Guard

    # ------------------------------------------------------------------ import

    def import_bundle(
        self, bundle: Bundle, *, actor: Actor = SYSTEM, progress: Progress | None = None,
        resume_from: int = 0, dry_run: bool = False,
        checked: Callable[[ImportReport], None] | None = None, removing: Iterable[str] = (),
    ) -> ImportReport:
        """Validate the whole bundle, against the database too, then write it. ``actor``
        defaults to the command-line administrator (``genogram import``, ``genogram seed``);
        the API always passes its caller. ``dry_run``: check only and return the report of
        what the import would create and update, writing nothing. ``checked`` is called with
        that report after the check, before the first write. ``removing``: ids of stored child
        links the caller removes before this writes (see ``validate_bundle``)."""
        started = time.perf_counter()
        ids = [p.id for p in bundle.persons if p.id]
        what = f"bundle ({bundle.size()} records, {len(ids)} persons)"
        # a dry run needs the right to import (it reads what an import would change) and is
        # logged as such, named apart from an import that writes
        self.guard.authorize(
            actor, Action.create, persons=ids if len(ids) <= MAX_LOGGED_SUBJECTS else [],
            resource=f"dry run of {what}" if dry_run else what)
        validate_bundle(self.graph, bundle, self.vault, removing)
        plan = plan_import(bundle, stored_ids(self.graph, bundle),
                           batch_size=self.settings.import_batch_size, resume_from=resume_from)
        plan.check_seconds = round(time.perf_counter() - started, 3)
        plan.dry_run = dry_run
        if dry_run:
            return plan
        if checked is not None:
            checked(plan)
        return write_bundle(
            self.graph,
            bundle,
            self.vault,
            batch_size=self.settings.import_batch_size,
            single_tx_limit=self.settings.import_single_tx_limit,
            progress=progress,
            resume_from=resume_from,
            plan=plan,
        )

    # ------------------------------------------------------------------ records

    # Existence does not leak through any route on one record (issue 15): a role that may never
    # do the action to the kind is refused before the record is read (the same 403, and the same
    # access-log entry, for any id); a role that may is answered 404 with the text of a genuine
    # miss when the record is outside its need-to-know, so a write answers exactly as a read.

    def get(self, kind: Kind, record_id: str, *, actor: Actor, include_bsn: bool = False
            ) -> Entity:
        self._refuse_role(actor, Action.read, kind)
        record = self._fetch(kind, record_id, include_bsn=include_bsn)
        if record is None:
            raise NotFound(self._missing(kind, record_id))
        resource = f"{kind.name} '{record_id}'" + (" with BSN" if include_bsn else "")
        self.guard.authorize(actor, Action.read, persons=self.subjects(kind, record),
                             resource=resource, personal=kind.name not in NON_PERSONAL,
                             not_found=self._missing(kind, record_id))
        return record

    def create(self, kind: Kind, record: Entity, *, actor: Actor) -> Entity:
        if record.id is None:
            record = record.model_copy(update={"id": f"{kind.name}-{uuid.uuid4().hex}"})
        assert record.id is not None
        self._refuse_role(actor, Action.create, kind, record)
        self.guard.authorize(actor, Action.create, persons=self.subjects(kind, record),
                             resource=f"{kind.name} '{record.id}'")
        if self._fetch(kind, record.id) is not None:
            raise Conflict(f"a {kind.name} with id '{record.id}' exists already; "
                           "use PUT to replace it")
        self._write_one(kind, record)
        return self._fetched(kind, record.id)

    def replace(self, kind: Kind, record_id: str, record: Entity, *, actor: Actor
                ) -> tuple[Entity, bool]:
        if record.id is not None and record.id != record_id:
            raise ValidationProblem([field_error(["id"], "must match the id in the URL",
                                                 "mismatch")])
        record = record.model_copy(update={"id": record_id})
        # PUT creates or replaces, so it needs both rights: which one applies would tell
        # whether the record exists
        self._refuse_role(actor, Action.create, kind, record)
        self._refuse_role(actor, Action.update, kind, record)
        old = self._fetch(kind, record_id)
        subjects = self.subjects(kind, record)
        missing = self._missing(kind, record_id)
        old_subjects = self.subjects(kind, old) if old is not None else []
        if old is not None:
            # need-to-know on the stored record first, as a read decides it (logged if refused)
            self.guard.authorize(actor, Action.update, persons=old_subjects, personal=False,
                                 resource=f"{kind.name} '{record_id}'", not_found=missing)
        self.guard.authorize(actor, Action.update if old else Action.create,
                             persons=subjects + old_subjects,
                             resource=f"{kind.name} '{record_id}'", not_found=missing)
        self._write_one(kind, record)
        return self._fetched(kind, record_id), old is None

    def delete(self, kind: Kind, record_id: str, *, actor: Actor) -> None:
        self._refuse_role(actor, Action.delete, kind)
        old = self._fetch(kind, record_id)
        if old is None:
            raise NotFound(self._missing(kind, record_id))
        self.guard.authorize(actor, Action.delete, persons=self.subjects(kind, old),
                             resource=f"{kind.name} '{record_id}'",
                             not_found=self._missing(kind, record_id))
        rows = self.graph.write(f"write/delete_{kind.name}", id=record_id)
        result: dict[str, Any] = rows[0] if rows else {"found": False}
        if not result["found"]:
            raise NotFound(self._missing(kind, record_id))
        if not result["deleted"]:
            dependents: list[dict[str, object]] = result["dependents"]
            deps = ", ".join(f"{d['count']} {d['type']}" for d in dependents)
            raise Conflict(
                f"{kind.name} '{record_id}' is still referred to ({deps}); delete or change "
                "those records first",
                extra={"dependents": result["dependents"]},
            )

    def _refuse_role(self, actor: Actor, action: Action, kind: Kind,
                     record: Entity | None = None) -> None:
        """Refuse a role that may never ``action`` a record of ``kind``, before the record is
        read: the answer names the kind, never the id, and the access-log entry holds the kind
        and the persons the submitted ``record`` names, so neither depends on whether a record
        of that id exists (a household's persons are its stored members: not logged here).
        The role rule is :meth:`Guard.role_may`, the first test of :meth:`Guard.authorize`,
        which refuses and logs."""
        personal = kind.name not in NON_PERSONAL
        if self.guard.role_may(actor, action, personal=personal):
            return
        named = self.subjects(kind, record) if record and kind.name != "household" else []
        self.guard.authorize(actor, action, persons=named, resource=kind.name,
                             personal=personal)
        # the guard refuses what the rule above refuses; never go on if the two ever disagree
        raise Forbidden(f"the role {actor.role.value} may not {action.value} {kind.name}")

    # ------------------------------------------------------------------ persons

    def find_persons(
        self,
        *,
        actor: Actor,
        name: str | None = None,
        birth_date: dt.date | None = None,
        bsn: str | None = None,
        after: str | None = None,
        limit: int = 50,
    ) -> list[PersonPublic]:
        """Search persons; a case worker finds only persons within their need-to-know."""
        self.guard.authorize(actor, Action.read, resource="person search", personal=False,
                             audience=[Role.admin, Role.case_worker])
        kind = KIND_BY_NAME["person"]
        found: list[PersonPublic] = []
        cursor = after
        # page through matches until `limit` visible ones are found (case workers see few)
        for _ in range(20):
            rows = self.graph.read(
                "read/find_persons",
                name=name.lower().strip() if name else None,
                birth_date=birth_date,
                bsn_hash=self.vault.digest(bsn) if bsn else None,
                after=cursor,
                limit=max(limit, 200),
            )
            ids = [r["props"]["id"] for r in rows]
            visible = self.guard.visible_persons(actor, ids)
            for r in rows:
                if r["props"]["id"] in visible and len(found) < limit:
                    rec = from_record(kind, r["props"], r["refs"], self.vault)
                    assert isinstance(rec, PersonPublic)
                    found.append(rec)
            if len(found) >= limit or len(rows) < max(limit, 200):
                break
            cursor = ids[-1]
        if found:
            self.guard.authorize(actor, Action.read, persons=[p.id for p in found if p.id],
                                 resource="person search results")
        return found

    # ------------------------------------------------------------------ helpers

    def subjects(self, kind: Kind, record: Entity) -> list[str]:
        """The persons a record is about (whose need-to-know decides access to it)."""
        data = record.model_dump()
        direct = {
            "person": ["id"], "union": ["partner_ids"], "case": ["person_ids"],
            "contact": ["person_ids"], "measure": ["child_id"], "report": ["person_ids"],
            "referral": ["person_id"], "child_link": ["child_id"],
            "household_membership": ["person_id"], "emotional_relation": ["from_id", "to_id"],
        }
        if kind.name in direct:
            out: list[str] = []
            for f in direct[kind.name]:
                value = data.get(f)
                out += value if isinstance(value, list) else ([value] if value else [])
            return out
        if kind.name == "household":
            return [r["id"] for r in self.graph.read("read/household_members",
                                                     household_ids=[record.id])]
        cases: list[str] = []
        if kind.name in ("safety_assessment", "assignment"):
            cases = [data["case_id"]]
        elif kind.name == "handover":
            cases = [r["case_id"] for r in self.graph.read(
                "read/assignment_cases",
                assignment_ids=[data["from_assignment_id"], data["to_assignment_id"]])]
        if cases:
            return [r["id"] for r in self.graph.read("read/case_persons", case_ids=cases)]
        return []

    @staticmethod
    def _missing(kind: Kind, record_id: str) -> str:
        return f"no {kind.name} with id '{record_id}'"

    def _fetch(self, kind: Kind, record_id: str, *, include_bsn: bool = False) -> Entity | None:
        rows = self.graph.read(f"read/get_{kind.name}", ids=[record_id])
        if not rows:
            return None
        return from_record(kind, rows[0]["props"], rows[0]["refs"], self.vault,
                           include_bsn=include_bsn)

    def _fetched(self, kind: Kind, record_id: str) -> Entity:
        record = self._fetch(kind, record_id)
        if record is None:  # pragma: no cover - deleted between write and read
            raise NotFound(self._missing(kind, record_id))
        return record

    def _write_one(self, kind: Kind, record: Entity) -> None:
        bundle = Bundle.of({kind.plural: [record]})
        try:
            validate_bundle(self.graph, bundle, self.vault)
            write_bundle(self.graph, bundle, self.vault,
                         batch_size=self.settings.import_batch_size,
                         single_tx_limit=self.settings.import_single_tx_limit)
        except ValidationProblem as exc:
            # single records: report fields without the bundle prefix ("persons[0].")
            prefix = f"{kind.plural}[0]"
            for err in exc.errors:
                if err.field.startswith(prefix):
                    err.field = err.field[len(prefix):].lstrip(".") or "(body)"
                    err.pointer = "#/" + err.pointer.removeprefix(f"#/{kind.plural}/0").lstrip("/")
            raise ValidationProblem(exc.errors) from None
