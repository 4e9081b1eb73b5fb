"""The statement names are the files under cypher/: each one is used by the code, each name the
code asks for is a file, and nothing else can be loaded."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import genogram_service
from genogram_service.db.statements import load, statement_names
from genogram_service.records.statements import statements as generated
from genogram_service.resources import CYPHER_DIR

ROOT = Path(genogram_service.__file__).parent.parent
#: the code that loads statements: the package, the benchmarks, the tests' shared helpers
CODE = (ROOT / "genogram_service", ROOT / "bench", ROOT / "tests" / "support")
NAME = re.compile(r"(?:read|write)/\w+")
#: ``// @collect NAME: COLUMNS <- STATEMENT`` and ``// @after STATEMENT with ...``: a statement
#: composed into another one is used when that one is
COMPOSED = re.compile(r"^// @(?:collect \w+: [\w, ]+ <- |after )(\w+/\w+)", re.M)
#: loaded as whole folders: every queries/ file is a catalogue entry (queries/catalogue.py),
#: every schema/ file runs at start-up (db.statements.schema_statements)
WHOLE_FOLDERS = ("queries/", "schema/")


def _asked_for() -> tuple[set[str], list[re.Pattern[str]]]:
    """Statement names written out in the code (string constants), and the f-string
    templates that build them (``f"write/upsert_{kind.name}"``) as patterns."""
    names: set[str] = set()
    templates: list[re.Pattern[str]] = []
    for path in sorted(p for folder in CODE for p in folder.rglob("*.py")):
        nodes = list(ast.walk(ast.parse(path.read_text(encoding="utf-8"))))
        pieces = {id(v) for n in nodes if isinstance(n, ast.JoinedStr) for v in n.values}
        for node in nodes:
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and id(node) not in pieces and NAME.fullmatch(node.value):
                names.add(node.value)
            elif isinstance(node, ast.JoinedStr):
                pattern = "".join(re.escape(v.value) if isinstance(v, ast.Constant) else r"\w+"
                                  for v in node.values)
                if re.match(r"(?:read|write)/", pattern):
                    templates.append(re.compile(pattern))
    return names, templates


def test_every_file_is_used_by_the_code() -> None:
    literal, templates = _asked_for()
    built = {n for n in generated() if any(t.fullmatch(n) for t in templates)}
    used = literal | built
    # what a used statement composes in is used too
    todo = list(used)
    while todo:
        text = (CYPHER_DIR / f"{todo.pop()}.cypher").read_text(encoding="utf-8")
        for name in set(COMPOSED.findall(text)) - used:
            used.add(name)
            todo.append(name)
    unused = sorted(n for n in statement_names()
                    if n not in used and not n.startswith(WHOLE_FOLDERS))
    assert unused == [], f"no code loads these files: {unused}"


def test_every_generated_statement_is_built_by_the_code() -> None:
    # a generated kind of statement nobody loads (say, read/existing_<kind>_ids dropped from
    # the validation) would be generated, checked in and dead
    _, templates = _asked_for()
    assert [n for n in generated() if not any(t.fullmatch(n) for t in templates)] == []


def test_every_name_the_code_asks_for_is_a_file() -> None:
    literal, _ = _asked_for()
    assert sorted(literal - statement_names()) == []


def test_names_are_the_files() -> None:
    names = statement_names()
    assert "write/upsert_person" in names and "read/genogram_relatives" in names
    assert all((CYPHER_DIR / f"{n}.cypher").is_file() for n in names)
    assert not any(n.startswith("parts/") for n in names)  # pieces, loaded only by @include


@pytest.mark.parametrize("name", [
    "read/no_such_statement",
    "../pyproject",
    "read/../write/clear_database",
    "/etc/passwd",
    str(CYPHER_DIR / "read" / "get_person"),
    "read/get_person.cypher",
])
def test_load_refuses_what_is_not_a_statement(name: str) -> None:
    with pytest.raises(KeyError):
        load(name)
