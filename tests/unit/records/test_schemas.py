"""schemas/ is generated from the pydantic models; the test fails when it is stale."""

from __future__ import annotations

import json
from pathlib import Path

from genogram_service.records.schemas import export_schemas
from genogram_service.resources import SCHEMAS_DIR
from tests.support.paths import REPO


def test_schemas_are_current() -> None:
    # the default folder is the one the package ships: in this checkout, the repository's
    assert SCHEMAS_DIR == REPO / "schemas"
    stale = export_schemas(check=True)
    assert stale == [], f"run `genogram schemas export`; stale: {stale}"


def test_check_detects_a_stale_file(tmp_path: Path) -> None:
    assert export_schemas(tmp_path) != []  # first export writes everything
    assert export_schemas(tmp_path, check=True) == []
    person = tmp_path / "person.json"
    schema = json.loads(person.read_text())
    schema["properties"].pop("bsn")
    person.write_text(json.dumps(schema))
    assert export_schemas(tmp_path, check=True) == ["person.json"]


def test_bsn_is_write_only_in_schema() -> None:
    schema = json.loads((SCHEMAS_DIR / "person_public.json").read_text())
    assert "has_bsn" in schema["properties"]
