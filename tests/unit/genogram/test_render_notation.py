"""The notation data in render/ is complete and consistent, the legend shows exactly what the
picture uses, and the rendering package stays pure (no driver, no graph layer)."""

from __future__ import annotations

import ast
import datetime as dt
import json
import shutil
import string
from pathlib import Path

import pytest

from genogram_service.genogram.rendering import (
    ChildItem,
    FamilyView,
    PersonItem,
    RenderOptions,
    UnionItem,
    build_dot,
    load_notation,
    read_notation,
)
from genogram_service.genogram.rendering.notation import RENDER_DIR
from tests.support.paths import PACKAGE as PACKAGE_DIR

PACKAGE = PACKAGE_DIR / "genogram" / "rendering"


def test_notation_loads_and_both_languages_have_every_label() -> None:
    notation = load_notation()
    nl = json.loads((RENDER_DIR / "labels.nl.json").read_text())
    en = json.loads((RENDER_DIR / "labels.en.json").read_text())
    assert set(nl) == set(en)
    for entry in notation.legend.order:
        assert entry in notation.legend.samples and nl[entry] and en[entry]
    assert set(notation.person.shapes) == {"male", "female", "other", "unknown"}
    assert notation.person.shapes["male"] == "box"
    assert notation.person.shapes["female"] == "circle"
    assert notation.person.shapes["unknown"] == "diamond"


def test_both_languages_use_the_same_placeholders() -> None:
    """A label formatted with values ('ca. {year}') names the same ones in both languages, so
    no rendering fails with a KeyError in only one of them."""
    notation = load_notation()
    fields = {lang: {key: sorted(f for _, f, _, _ in string.Formatter().parse(text) if f)
                     for key, text in table.items()}
              for lang, table in notation.labels.items()}
    assert fields["nl"] == fields["en"]
    for key in ("date.about", "date.estimated", "date.calculated", "date.before", "date.after"):
        assert fields["nl"][key] == ["year"], key
    assert fields["nl"]["date.range"] == ["end", "start"]
    assert fields["nl"]["age.approximate"] == ["age"]


def test_a_broken_notation_file_fails_loudly(tmp_path: Path) -> None:
    for name in ("notation.toml", "labels.nl.json", "labels.en.json"):
        shutil.copy(RENDER_DIR / name, tmp_path / name)
    labels = json.loads((tmp_path / "labels.en.json").read_text())
    del labels["child.adopted"]
    (tmp_path / "labels.en.json").write_text(json.dumps(labels))
    with pytest.raises(ValueError, match="differs in keys"):
        read_notation(tmp_path)


def _small_view(**extra: object) -> FamilyView:
    persons = [
        PersonItem(id="a", given_names="Jan", surname="Smit", sex="male",
                   birth_date=dt.date(1980, 1, 1)),
        PersonItem(id="b", given_names="Eva", surname="Smit", sex="female",
                   birth_date=dt.date(1982, 1, 1)),
        PersonItem(id="c", given_names="Tom", surname="Smit", sex="male",
                   birth_date=dt.date(2010, 1, 1)),
    ]
    return FamilyView(index_id="c", at=dt.date(2024, 1, 1), persons=persons,
                      unions=[UnionItem(id="u", kind="married", partner_ids=["a", "b"],
                                        start_date=dt.date(2008, 1, 1))],
                      children=[ChildItem(child_id="c", union_id="u")], **extra)


def test_legend_has_exactly_the_symbols_used() -> None:
    source = build_dot(_small_view())
    notation = load_notation()
    labels = notation.labels["nl"]
    for used in ("person.male", "person.female", "union.married", "child.birth"):
        assert labels[used] in source, used
    for unused in ("person.diamond", "person.deceased", "union.cohabiting", "union.divorced",
                   "child.adopted", "child.foster", "child.twins", "household",
                   "emotional.conflict", "professional.regisseur"):
        assert labels[unused] not in source, unused


def test_labels_follow_the_language() -> None:
    english = build_dot(_small_view(), RenderOptions(lang="en"))
    dutch = build_dot(_small_view())
    assert "m. 2008" in english and "Legend" in english and "Genogram of" in english
    assert "geh. 2008" in dutch and "Legenda" in dutch and "Genogram van" in dutch


def test_names_cannot_inject_dot_or_html() -> None:
    view = _small_view()
    evil = view.persons[0].model_copy(update={"given_names": '<B>x</B>" ] \\N "',
                                              "surname": "a -> b; }"})
    view = view.model_copy(update={"persons": [evil, *view.persons[1:]]})
    source = build_dot(view)
    assert "&lt;B&gt;x&lt;/B&gt;" in source
    assert "a -&gt; b; }" in source


def test_rendering_imports_neither_the_driver_nor_the_graph_layer() -> None:
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [("." * node.level) + (node.module or "")]
            for name in names:
                assert not name.startswith("neo4j"), (path.name, name)
                assert "graph" not in name.split(".") and not name.startswith("..graph"), \
                    (path.name, name)
                assert not name.startswith(("..services", "..api", "genogram_service.services",
                                            "genogram_service.api")), (path.name, name)
