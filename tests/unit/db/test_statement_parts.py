"""Shared bodies are written once, in cypher/parts/, and spliced in by ``// @include`` lines:
how a part goes in, what is refused, and that every part on disk is used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from genogram_service.db import statements
from genogram_service.db.statements import load, statement_names
from genogram_service.resources import CYPHER_DIR

PARTS = sorted(p.relative_to(CYPHER_DIR).with_suffix("").as_posix()
               for p in (CYPHER_DIR / "parts").glob("*.cypher"))
INCLUDE = re.compile(r"^[ \t]*// @include (\S+)", re.M)


@pytest.fixture
def cypher_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "parts").mkdir()
    monkeypatch.setattr(statements, "CYPHER_DIR", tmp_path)
    return tmp_path


def _part(root: Path, name: str, text: str) -> None:
    (root / "parts" / f"{name}.cypher").write_text(text, encoding="utf-8")


def test_a_part_goes_in_indented_like_its_line_without_its_description(
        cypher_dir: Path) -> None:
    _part(cypher_dir, "pairs", "// Part: the pairs, u and partner_ids\n"
                               "//   (a continuation of the description)\n"
                               "MATCH (u:Union)\n"
                               "\n"
                               "// a comment that belongs to the Cypher\n"
                               "WITH u, 1 AS partner_ids\n")
    text = ("// Purpose: x\n"
            "CALL () {\n"
            "  // @include parts/pairs\n"
            "  RETURN collect(u) AS unions\n"
            "}\n")
    assert statements._included(text) == ("// Purpose: x\n"
                                          "CALL () {\n"
                                          "  MATCH (u:Union)\n"
                                          "\n"
                                          "  // a comment that belongs to the Cypher\n"
                                          "  WITH u, 1 AS partner_ids\n"
                                          "  RETURN collect(u) AS unions\n"
                                          "}\n")


def test_header_lines_of_a_part_join_the_header(cypher_dir: Path) -> None:
    _part(cypher_dir, "params", "// Part: two Param lines\n"
                                "// Param: start DATE default=today-4y — first day\n"
                                "//   of the window\n"
                                "// Param: end DATE default=today — last day\n")
    assert statements._included("// Params: one each\n// @include parts/params\nRETURN 1\n") \
        == ("// Params: one each\n// Param: start DATE default=today-4y — first day\n"
            "//   of the window\n// Param: end DATE default=today — last day\nRETURN 1\n")


def test_parts_include_parts(cypher_dir: Path) -> None:
    _part(cypher_dir, "inner", "// Part: inner\nRETURN p\n")
    _part(cypher_dir, "outer", "// Part: outer\nCALL () {\n  // @include parts/inner\n}\n")
    assert statements._included("  // @include parts/outer") == (
        "  CALL () {\n    RETURN p\n  }")


@pytest.mark.parametrize(("parts", "error"), [
    ({}, KeyError),                                                   # no such part
    ({"a": "MATCH (n)\n"}, ValueError),                               # no description
    ({"a": "// Part: a\n// @include parts/a\n"}, ValueError),         # includes itself
    ({"a": "// Part: a\n// @include parts/b\n",
      "b": "// Part: b\n  // @include parts/a\n"}, ValueError),       # through another
])
def test_refused(cypher_dir: Path, parts: dict[str, str], error: type[Exception]) -> None:
    for name, text in parts.items():
        _part(cypher_dir, name, text)
    with pytest.raises(error):
        statements._included("// @include parts/a\n")


def test_only_parts_are_included() -> None:
    # a statement is loaded by name, never spliced: an @include of read/... is left as it is
    # (a comment), and no path leaves parts/
    for line in ("// @include read/get_person", "// @include parts/../read/get_person"):
        assert statements._included(line) == line


@pytest.mark.parametrize("part", PARTS)
def test_every_part_is_described_and_included(part: str) -> None:
    text = (CYPHER_DIR / f"{part}.cypher").read_text(encoding="utf-8")
    assert text.startswith("// Part: "), part
    included = {m for path in CYPHER_DIR.rglob("*.cypher")
                for m in INCLUDE.findall(path.read_text(encoding="utf-8"))}
    assert part in included, f"{part} is included nowhere"


def test_loaded_statements_have_no_include_left() -> None:
    for name in statement_names():
        assert "@include" not in load(name), name


def test_a_shared_body_loads_as_written_out() -> None:
    # read/genogram_relatives is parts/relatives then parts/genogram_family (which includes
    # parts/union_partners): the planner gets the statement it had when it was one file
    text = load("read/genogram_relatives")
    code = [line for line in text.splitlines() if not line.startswith("//")]
    assert code[0] == "MATCH (start:Person {id: $person_id})"
    assert "  MATCH (start)-[:CHILD_OF|PARTNER_IN*0..18]-(p:Person)" in code
    assert code[code.index("CALL (persons) {") + 1] == "  UNWIND persons AS p"
    assert code[-4].startswith("RETURN [p IN persons | p {.id, .given_names")
