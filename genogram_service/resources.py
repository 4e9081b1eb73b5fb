"""Where the package finds the files it reads: ``cypher/``, ``render/`` and ``schemas/``.

They live at the top level of the repository and ship inside the package as
``genogram_service._cypher``, ``._render`` and ``._schemas``: pyproject.toml maps those package
names to the folders (``package-dir``), once. A wheel copies the folders into the package; an
editable install's finder maps the names to the checkout's folders. Either way
:func:`importlib.resources.files` finds them by package name, so there is one way to find them.

Not package data: ``neo4j-local/`` (the Maven launcher of the local Neo4j, a development tool
that builds into its own folder) and ``var/`` (state): an installed package needs an external
Neo4j and keeps its state out of site-packages (see ``settings.VAR_DIR``).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _folder(package: str) -> Path:
    folder = files(package)
    # A regular package on the file system gives a real path, which the callers glob; the
    # package is never run zipped (it starts Graphviz and reads many files).
    if not isinstance(folder, Path):
        raise TypeError(f"{package} is not a folder on the file system: {folder!r}")
    return folder


CYPHER_DIR = _folder("genogram_service._cypher")
RENDER_DIR = _folder("genogram_service._render")
SCHEMAS_DIR = _folder("genogram_service._schemas")
