"""The notation as data: ``render/notation.toml`` (theme, symbols, line styles, colours, legend)
and ``render/labels.<lang>.json`` (every text in the picture), validated on load.

A typo in a data file fails loudly on the first rendering (and in the test suite), instead of
silently drawing the wrong symbol.
"""

from __future__ import annotations

import json
import tomllib
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, model_validator

from genogram_service.genogram.rendering.model import (
    ChildKind,
    EmotionalKind,
    Language,
    Sex,
    UnionEnd,
    UnionKind,
)
from genogram_service.resources import RENDER_DIR

LANGUAGES: tuple[Language, ...] = get_args(Language)


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GraphTheme(_M):
    fontname: str
    fontsize: float
    bgcolor: str
    splines: str
    nodesep: float
    ranksep: float
    pad: float
    large_family: int
    large_ranksep: float
    large_nodesep: float


class PersonTheme(_M):
    size: float
    penwidth: float
    color: str
    fillcolor: str
    index_peripheries: int
    age_fontsize: float
    text_fontsize: float
    text_width: int
    deceased_mark: str
    deceased_fontsize: float
    unknown_age: str
    shapes: dict[Sex, str]


class UnionTheme(_M):
    color: str
    penwidth: float
    fontsize: float
    mark_fontsize: float
    weight: int
    styles: dict[UnionKind, str]
    marks: dict[UnionEnd, str]


class ChildTheme(_M):
    color: str
    penwidth: float
    twin_point: float
    styles: dict[ChildKind, str]


class HouseholdTheme(_M):
    style: str
    penwidth: float
    fontsize: float
    colors: list[str]


class RelationStyle(_M):
    color: str
    lines: int = 1
    pattern: Literal["solid", "dashed", "dotted", "zigzag"] = "solid"
    width: float | None = None
    bars: bool = False
    arrow: bool = False
    labelled: bool = False


class EmotionalTheme(_M):
    width: float
    fontsize: float
    spacing: float
    kinds: dict[EmotionalKind, RelationStyle]


class TypeColour(_M):
    fill: str
    line: str


class ProfessionalTheme(_M):
    fontsize: float
    shape: str
    style: str
    penwidth: float
    regisseur_penwidth: float
    regisseur_mark: str
    edge_penwidth_min: float
    edge_penwidth_max: float
    edge_opacity: float
    types: dict[str, TypeColour]

    def colour(self, org_type: str | None) -> TypeColour:
        return self.types.get(org_type or "unknown", self.types["unknown"])


class Sample(_M):
    """How a legend entry is drawn: a glyph, a line (a cell border), a box or a double box;
    ``by_sex`` holds variants for entries whose symbol depends on the person's sex."""

    kind: Literal["glyph", "line", "box", "double_box"] = "glyph"
    glyph: str | None = None
    size: float = 10
    line: str = "solid"
    color: str | None = None
    rows: int = 1
    by_sex: dict[Sex, Sample] = {}

    def variant(self, sex: str | None) -> Sample:
        for key, sample in self.by_sex.items():
            if key == sex:
                return sample
        return self


class LegendTheme(_M):
    fontsize: float
    order: list[str]
    samples: dict[str, Sample]


class Notation(_M):
    graph: GraphTheme
    person: PersonTheme
    union: UnionTheme
    child: ChildTheme
    household: HouseholdTheme
    emotional: EmotionalTheme
    professionals: ProfessionalTheme
    legend: LegendTheme
    labels: dict[Language, dict[str, str]]

    @model_validator(mode="after")
    def _complete(self) -> Notation:
        keys = {lang: set(table) for lang, table in self.labels.items()}
        if set(keys) != set(LANGUAGES):
            raise ValueError(f"labels needed for exactly {LANGUAGES}")
        first = keys[LANGUAGES[0]]
        for lang, k in keys.items():
            if k != first:
                raise ValueError(f"labels.{lang}.json differs in keys: {sorted(k ^ first)}")
        for entry in self.legend.order:
            if entry not in self.legend.samples:
                raise ValueError(f"legend entry {entry!r} has no sample")
            if entry not in first:
                raise ValueError(f"legend entry {entry!r} has no label")
        for name, missing in (
            ("person.shapes", set(get_args(Sex)) - set(self.person.shapes)),
            ("union.styles", set(get_args(UnionKind)) - set(self.union.styles)),
            ("child.styles", set(get_args(ChildKind)) - set(self.child.styles)),
            ("emotional.kinds", set(get_args(EmotionalKind)) - set(self.emotional.kinds)),
        ):
            if missing:
                raise ValueError(f"{name} misses {sorted(missing)}")
        if "unknown" not in self.professionals.types:
            raise ValueError("professionals.types needs an 'unknown' colour")
        return self

    def text(self, lang: Language, key: str, /, **values: Any) -> str:
        """The label ``key`` in ``lang``, formatted with ``values``."""
        return self.labels[lang][key].format(**values)

    def has_text(self, lang: Language, key: str) -> bool:
        return key in self.labels[lang]


def read_notation(directory: Path = RENDER_DIR) -> Notation:
    """Read and validate the notation files in ``directory`` (no caching)."""
    with (directory / "notation.toml").open("rb") as fh:
        data: dict[str, Any] = tomllib.load(fh)
    data["labels"] = {
        lang: json.loads((directory / f"labels.{lang}.json").read_text(encoding="utf-8"))
        for lang in LANGUAGES
    }
    return Notation.model_validate(data)


@cache
def load_notation() -> Notation:
    """The project's notation, read once per process."""
    return read_notation()
