"""Use cases on records: create, replace, read, delete any kind; search persons; import bundles.

Single-record writes go through exactly the same path as bulk imports (a bundle of one), so
every rule is checked in one place."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from ..errors import Conflict, NotFound, ValidationProblem, field_error
from ..graph import Graph
from ..models import Bundle, Entity, ImportReport, Kind, PersonPublic
from ..settings import Settings
from .bsn import BsnVault
from .rows import from_record
from .validation import validate_bundle
from .writer import Progress, write_bundle


@dataclass
class RecordService:
    graph: Graph
    vault: BsnVault
    settings: Settings

    # ------------------------------------------------------------------ import

    def import_bundle(
        self, bundle: Bundle, *, progress: Progress | None = None, resume_from: int = 0
    ) -> ImportReport:
        validate_bundle(self.graph, bundle, self.vault)
        return write_bundle(
            self.graph,
            bundle,
            self.vault,
            batch_size=self.settings.import_batch_size,
            single_tx_limit=self.settings.import_single_tx_limit,
            progress=progress,
            resume_from=resume_from,
        )

    # ------------------------------------------------------------------ records

    def get(self, kind: Kind, record_id: str, *, include_bsn: bool = False) -> Entity:
        rows = self.graph.read(f"read/get_{kind.name}", ids=[record_id])
        if not rows:
            raise NotFound(f"no {kind.name} with id '{record_id}'")
        return from_record(kind, rows[0]["props"], rows[0]["refs"], self.vault,
                           include_bsn=include_bsn)

    def exists(self, kind: Kind, record_id: str) -> bool:
        return bool(self.graph.read(f"read/get_{kind.name}", ids=[record_id]))

    def create(self, kind: Kind, record: Entity) -> Entity:
        if record.id is None:
            record = record.model_copy(update={"id": f"{kind.name}-{uuid.uuid4().hex}"})
        elif self.exists(kind, record.id):
            raise Conflict(f"a {kind.name} with id '{record.id}' exists already; "
                           "use PUT to replace it")
        self._write_one(kind, record)
        assert record.id is not None
        return self.get(kind, record.id)

    def replace(self, kind: Kind, record_id: str, record: Entity) -> tuple[Entity, bool]:
        if record.id is not None and record.id != record_id:
            raise ValidationProblem([field_error(["id"], "must match the id in the URL",
                                                 "mismatch")])
        record = record.model_copy(update={"id": record_id})
        created = not self.exists(kind, record_id)
        self._write_one(kind, record)
        return self.get(kind, record_id), created

    def delete(self, kind: Kind, record_id: str) -> None:
        rows = self.graph.write(f"write/delete_{kind.name}", id=record_id)
        result: dict[str, Any] = rows[0] if rows else {"found": False}
        if not result["found"]:
            raise NotFound(f"no {kind.name} with id '{record_id}'")
        if not result["deleted"]:
            dependents: list[dict[str, object]] = result["dependents"]
            deps = ", ".join(f"{d['count']} {d['type']}" for d in dependents)
            raise Conflict(
                f"{kind.name} '{record_id}' is still referred to ({deps}); delete or change "
                "those records first",
                extra={"dependents": result["dependents"]},
            )

    def _write_one(self, kind: Kind, record: Entity) -> None:
        bundle = Bundle.of({kind.plural: [record]})
        try:
            self.import_bundle(bundle)
        except ValidationProblem as exc:
            # single records: report fields without the bundle prefix ("persons[0].")
            prefix = f"{kind.plural}[0]"
            for err in exc.errors:
                if err.field.startswith(prefix):
                    err.field = err.field[len(prefix):].lstrip(".") or "(body)"
                    err.pointer = "#/" + err.pointer.removeprefix(f"#/{kind.plural}/0").lstrip("/")
            raise ValidationProblem(exc.errors) from None

    # ------------------------------------------------------------------ persons

    def find_persons(
        self,
        *,
        name: str | None = None,
        birth_date: dt.date | None = None,
        bsn: str | None = None,
        after: str | None = None,
        limit: int = 50,
    ) -> list[PersonPublic]:
        from ..models import KIND_BY_NAME

        rows = self.graph.read(
            "read/find_persons",
            name=name.lower().strip() if name else None,
            birth_date=birth_date,
            bsn_hash=self.vault.digest(bsn) if bsn else None,
            after=after,
            limit=limit,
        )
        kind = KIND_BY_NAME["person"]
        out = []
        for r in rows:
            rec = from_record(kind, r["props"], r["refs"], self.vault)
            assert isinstance(rec, PersonPublic)
            out.append(rec)
        return out
