"""Where the tests find their files: everything inside this repository (a clone alone passes)."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
GEDCOM = DATA / "gedcom"
PUBLIC_GEDCOM = GEDCOM / "public"  # public sample files, with their licence note
PACKAGE = REPO / "genogram_service"
DOCS = REPO / "docs"
