"""JSON Schemas of the input records, generated from the pydantic models (never hand-edited)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from genogram_service.records import KINDS, Bundle, ImportReport, PersonPublic
from genogram_service.resources import SCHEMAS_DIR


def all_schemas() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {k.name: k.model.model_json_schema() for k in KINDS}
    out["person_public"] = PersonPublic.model_json_schema(mode="serialization")
    out["bundle"] = Bundle.model_json_schema()
    out["import_report"] = ImportReport.model_json_schema(mode="serialization")
    for name, schema in out.items():
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"https://genogram.example/schemas/{name}.json"
    return out


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def export_schemas(directory: Path = SCHEMAS_DIR, *, check: bool = False) -> list[str]:
    """Write the schemas (or, with ``check``, only compare). Returns the stale file names.

    The default is the ``schemas/`` folder the package ships (the repository's in a checkout).
    """
    wanted = {f"{name}.json": render(schema) for name, schema in all_schemas().items()}
    stale = []
    existing = {p.name for p in directory.glob("*.json")} if directory.exists() else set()
    for name, text in wanted.items():
        path = directory / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
            if not check:
                directory.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    for extra in sorted(existing - wanted.keys()):
        stale.append(extra)
        if not check:
            (directory / extra).unlink()
    return stale
