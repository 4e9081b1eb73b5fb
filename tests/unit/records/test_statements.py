"""The record kinds' CRUD Cypher is generated from the spec; the test fails when it is stale."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from genogram_service.records import spec
from genogram_service.records.spec import KIND_BY_NAME, KINDS, problems
from genogram_service.records.statements import COMMAND, MARKER, export_statements, statements
from genogram_service.resources import CYPHER_DIR


def test_checked_in_files_are_current() -> None:
    stale = export_statements(CYPHER_DIR, check=True)
    assert stale == [], f"run `{COMMAND}`; stale: {stale}"


def test_every_kind_has_its_statements() -> None:
    names = set(statements())
    for kind in KINDS:
        wanted = {f"write/upsert_{kind.name}", f"write/delete_{kind.name}", f"read/get_{kind.name}",
                  f"read/existing_{kind.name}_ids"}  # relationships too: what an import updates
        assert wanted <= names, kind.name
    assert len(names) == 4 * len(KINDS)


def test_check_finds_changed_missing_and_left_over_files(tmp_path: Path) -> None:
    assert len(export_statements(tmp_path)) == len(statements())  # the first export writes all
    assert export_statements(tmp_path, check=True) == []
    (tmp_path / "write/upsert_case.cypher").write_text("// edited by hand\n")
    (tmp_path / "read/get_person.cypher").unlink()
    (tmp_path / "write/upsert_gone.cypher").write_text(f"// Purpose: x\n{MARKER}\nRETURN 1\n")
    (tmp_path / "read/hand_written.cypher").write_text("// Purpose: x\nRETURN 1\n")
    stale = ["read/get_person.cypher", "write/upsert_case.cypher", "write/upsert_gone.cypher"]
    assert sorted(export_statements(tmp_path, check=True)) == stale
    assert sorted(export_statements(tmp_path)) == stale  # writes the two, removes the third
    assert export_statements(tmp_path, check=True) == []
    assert not (tmp_path / "write/upsert_gone.cypher").exists()
    assert (tmp_path / "read/hand_written.cypher").exists()  # not generated: left alone


def test_reference_direction_comes_from_the_spec() -> None:
    text = statements()["write/upsert_union"]
    assert "MERGE (x)-[:PARTNER_IN]->(n)" in text  # partners point at the union
    assert "MERGE (n)-[:CONCERNS]->(x)" in statements()["write/upsert_case"]
    delete = statements()["write/delete_contact"]
    assert "type(r) IN ['WITH', 'IN_CASE'] AND startNode(r) = n" in delete
    assert "type(r) IN ['ATTENDED'] AND endNode(r) = n" in delete


def test_spec_refuses_what_the_cypher_could_not_express() -> None:
    assert problems(KINDS) == []
    case = KIND_BY_NAME["case"]
    no_rel = dataclasses.replace(case, refs=(spec.Ref("person_ids", "person", many=True),))
    assert problems([*KINDS[:5], no_rel, *KINDS[6:]]) == [
        "case.person_ids: no relationship type (rel)"]
    injected = dataclasses.replace(case, label="Case {id: 1}) DETACH DELETE (n")
    assert any("not a plain name" in p for p in problems([*KINDS[:5], injected, *KINDS[6:]]))
    wrong_target = dataclasses.replace(
        case, refs=(spec.Ref("person_ids", "child_link", many=True, rel="CONCERNS"),))
    assert problems([*KINDS[:5], wrong_target, *KINDS[6:]]) == [
        "case.person_ids: 'child_link' is not a node kind"]
