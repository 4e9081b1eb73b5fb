"""The shape of the package, checked: no import cycles, no oversized modules, one error tree,
one id pattern. The layer and independence rules are import-linter's (``lint-imports``).

Import cycles count every import grimp finds, including those under ``if TYPE_CHECKING:`` and
inside functions: a cycle hidden behind either is still two modules that need each other, and
the usual cure (a third module with the shared types) is the same.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import grimp
import networkx as nx
import pytest

import genogram_service
from genogram_service import errors
from genogram_service.errors import GenogramError

PACKAGE = Path(genogram_service.__file__).parent
MAX_LINES = 600


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def import_cycles(package: str) -> list[str]:
    """Each import cycle between modules of ``package``, as ``a -> b -> a``."""
    graph = grimp.build_graph(package, exclude_type_checking_imports=False, cache_dir=None)
    imports = nx.DiGraph()
    for module in graph.modules:
        imports.add_node(module)
        for imported in graph.find_modules_directly_imported_by(module):
            imports.add_edge(module, imported)
    cycles = []
    for component in nx.strongly_connected_components(imports):
        if len(component) > 1:
            ring = [a for a, _ in nx.find_cycle(imports.subgraph(component))]
            first = ring.index(min(ring))  # the same text for the same cycle, run after run
            ring = ring[first:] + ring[:first]
            cycles.append(" -> ".join([*ring, ring[0]]))
    return sorted(cycles)


def test_no_import_cycles() -> None:
    cycles = import_cycles("genogram_service")
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_the_cycle_check_sees_lazy_and_type_checking_imports(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without this, the check above would pass if grimp stopped seeing these imports."""
    package = tmp_path / "cyclic"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("import cyclic.b\n")
    (package / "b.py").write_text("def f():\n    from cyclic import a\n")
    (package / "c.py").write_text("from cyclic import d\n")
    (package / "d.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                  "    from cyclic import c\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert import_cycles("cyclic") == ["cyclic.a -> cyclic.b -> cyclic.a",
                                       "cyclic.c -> cyclic.d -> cyclic.c"]


def test_no_module_over_600_lines() -> None:
    long = {str(p.relative_to(PACKAGE.parent)): n for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines (split them by what they do): {long}"


def _all_error_classes() -> set[type[GenogramError]]:
    for info in pkgutil.walk_packages(genogram_service.__path__, "genogram_service."):
        importlib.import_module(info.name)
    found: set[type[GenogramError]] = set()
    todo = [GenogramError]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub.__module__.startswith("genogram_service.") and sub not in found:
                found.add(sub)
                todo.append(sub)
    return found


def test_every_error_class_is_in_errors_and_its_tree() -> None:
    tree = inspect.getdoc(errors) or ""
    elsewhere = sorted(f"{c.__module__}.{c.__name__}" for c in _all_error_classes()
                       if c.__module__ != errors.__name__)
    assert not elsewhere, f"error classes outside errors.py: {elsewhere}"
    missing = sorted(c.__name__ for c in _all_error_classes()
                     if not re.search(rf"[├└]── {c.__name__}\s+{c.status}\b", tree))
    assert not missing, f"error classes not drawn (with their status) in errors.py: {missing}"


def test_the_id_pattern_is_written_once() -> None:
    written = [str(p.relative_to(PACKAGE.parent)) for p in _modules()
               if r"[A-Za-z0-9_.:\-]{0,99}" in p.read_text(encoding="utf-8")]
    assert written == ["genogram_service/ids.py"]


def test_the_architecture_picture_is_current() -> None:
    """docs/architecture.svg is drawn from the imports; a change of rooms or of what imports
    what must come with the picture redrawn (``python docs/architecture.py``)."""
    import subprocess
    import sys

    script = Path(genogram_service.__file__).resolve().parents[1] / "docs" / "architecture.py"
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
