"""Dates with a precision in the genogram: rendered to SVG through Graphviz, an approximate,
partial or open date never shows as an exact year, and an age computed from one is marked
approximate or left out. The wording comes from render/labels.*.json."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any, Literal

import pytest

from genogram_service.genogram.rendering import (
    ChildItem,
    FamilyView,
    PersonItem,
    RenderOptions,
    UnionItem,
    load_notation,
    render,
)

D = dt.date
AT = D(2024, 6, 1)
SVG = "{http://www.w3.org/2000/svg}"


def draw(persons: list[PersonItem], unions: list[UnionItem] | None = None,
         lang: Literal["nl", "en"] = "nl", at: dt.date = AT) -> dict[str, Any]:
    """Render real SVG and read back, per person, the text in the symbol and the label lines,
    and the texts of the union labels."""
    view = FamilyView(index_id=persons[0].id, at=at, persons=persons, unions=unions or [],
                      children=[])
    svg = render(view, "svg", RenderOptions(lang=lang, legend=False, title=False))
    root = ET.fromstring(svg)
    out: dict[str, Any] = {"symbol": {}, "label": {}, "union": {}}
    for g in root.iter(f"{SVG}g"):
        title = g.find(f"{SVG}title")
        if g.get("class") != "node" or title is None or title.text is None:
            continue
        texts = ["".join(t.itertext()) for t in g.iter(f"{SVG}text")]
        texts = [t for t in texts if t.strip()]
        kind, _, ident = title.text.partition("_")
        if kind == "P":
            out["symbol"][ident] = texts[0] if texts else ""
        elif kind == "L":
            out["label"][ident] = texts
        elif kind == "U":
            out["union"][ident] = texts
    return out


def person(pid: str, **dates: Any) -> PersonItem:
    return PersonItem(id=pid, given_names=pid, surname="Smit", sex="male", **dates)


def born(pid: str, precision: str | None, start: dt.date | None, end: dt.date | None = None,
         text: str | None = None, **more: Any) -> PersonItem:
    return person(pid, birth_date=start, birth_date_to=end, birth_date_precision=precision,
                  birth_date_text=text, **more)


# id, the person, Dutch years line, English years line, the symbol (age) text
LIVING = [
    ("exact", born("exact", None, D(1950, 5, 12)), "1950", "1950", "74"),
    ("julian", born("julian", "exact", D(1950, 5, 12), None, "JULIAN 29 APR 1950"),
     "1950", "1950", "74"),
    # a month: every day of May 1950 gives 74 on 1 June 2024, so the age is exact
    ("month", born("month", "month", D(1950, 5, 1), D(1950, 5, 31), "MAY 1950"),
     "1950", "1950", "74"),
    # a year: 73 or 74, marked
    ("year", born("year", "year", D(1950, 1, 1), D(1950, 12, 31), "1950"), "1950", "1950", "~73"),
    ("about", born("about", "about", D(1950, 1, 1), D(1950, 12, 31), "ABT 1950"),
     "ca. 1950", "c. 1950", "~73"),
    ("estimated", born("estimated", "estimated", D(1950, 3, 1), D(1950, 3, 31), "EST MAR 1950"),
     "ca. 1950", "c. 1950", "~74"),
    # an approximate day: the ages agree, still marked (an approximation is no fact)
    ("calculated", born("calculated", "calculated", D(1950, 1, 1), None, "CAL 1 JAN 1950"),
     "ca. 1950", "c. 1950", "~74"),
    ("before", born("before", "before", None, D(1950, 12, 31), "BEF 1950"), "< 1950", "< 1950",
     ""),
    ("after", born("after", "after", D(1950, 5, 12), None, "AFT 12 MAY 1950"), "> 1950",
     "> 1950", ""),
    ("between", born("between", "between", D(1950, 1, 1), D(1955, 12, 31),
                     "BET 1950 AND 1955"), "1950–1955", "1950–1955", "~71"),
    ("sameyear", born("sameyear", "between", D(1950, 2, 1), D(1950, 3, 31),
                      "BET FEB 1950 AND MAR 1950"), "1950", "1950", "74"),  # certain
    ("fromto", born("fromto", "from_to", D(1950, 1, 1), D(1955, 12, 31),
                    "FROM 1950 TO 1955"), "1950–1955", "1950–1955", "~71"),
    ("from", born("from", "from_to", D(1950, 1, 1), None, "FROM 1950"), "> 1950", "> 1950", ""),
    ("phrase", born("phrase", "phrase", None, None, "Easter 1950"), "Easter 1950",
     "Easter 1950", ""),
    ("longphrase", born("longphrase", "phrase", None, None, "the year of the great flood"),
     "?", "?", ""),
    ("bce", born("bce", "year", None, None, "100 BCE"), "100 BCE", "100 BCE", ""),
    ("none", person("none"), None, None, ""),
]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_living_persons_with_every_precision(lang: Literal["nl", "en"]) -> None:
    drawn = draw([p for _, p, *_ in LIVING], lang=lang)
    for ident, _, nl, en, symbol in LIVING:
        expected = nl if lang == "nl" else en
        assert drawn["label"][ident] == [f"{ident} Smit", *([expected] if expected else [])], \
            ident
        assert drawn["symbol"][ident] == symbol, ident


def test_an_approximate_date_is_never_drawn_as_a_plain_year() -> None:
    drawn = draw([p for _, p, *_ in LIVING])
    for ident, p, *_ in LIVING:
        if p.birth_date_precision in ("about", "estimated", "calculated", "before", "after",
                                      "phrase"):
            assert not drawn["label"][ident][1].isdigit(), ident
            assert not drawn["symbol"][ident].isdigit(), ident


DECEASED = [  # id, the person, Dutch years line, English years line
    ("exact", born("exact", None, D(1950, 5, 12), death_date=D(2001, 3, 3)),
     "1950–2001 (50)", "1950–2001 (50)"),
    ("about", born("about", "about", D(1950, 1, 1), D(1950, 12, 31), "ABT 1950",
                   death_date=D(2001, 3, 3)), "ca. 1950 – 2001 (~50)", "c. 1950 – 2001 (~50)"),
    ("deathyear", born("deathyear", None, D(1950, 5, 12), death_date=D(2001, 1, 1),
                       death_date_to=D(2001, 12, 31), death_date_precision="year",
                       death_date_text="2001"), "1950–2001 (~51)", "1950–2001 (~51)"),
    ("before", born("before", "before", None, D(1950, 12, 31), "BEF 1950",
                    death_date=D(2001, 3, 3)), "< 1950 – 2001", "< 1950 – 2001"),
    # DEAT Y: died, date unknown: no death date at all, still drawn as deceased
    ("unknown", born("unknown", None, D(1950, 5, 12), death_date_precision="phrase",
                     death_date_text="deceased, date unknown"), "1950 – ?", "1950 – ?"),
    ("deathbefore", born("deathbefore", None, D(1950, 5, 12), death_date_to=D(2001, 12, 31),
                         death_date_precision="before", death_date_text="BEF 2001"),
     "1950 – < 2001", "1950 – < 2001"),
    ("nobirth", person("nobirth", death_date=D(2001, 1, 1), death_date_to=D(2001, 12, 31),
                       death_date_precision="about", death_date_text="ABT 2001"),
     "† ca. 2001", "† c. 2001"),
]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_deceased_persons_with_approximate_dates(lang: Literal["nl", "en"]) -> None:
    notation = load_notation()
    drawn = draw([p for _, p, *_ in DECEASED], lang=lang)
    for ident, _, nl, en in DECEASED:
        assert drawn["label"][ident][1] == (nl if lang == "nl" else en), ident
        assert drawn["symbol"][ident] == notation.person.deceased_mark, ident


def test_union_dates_show_their_precision() -> None:
    a, b = born("a", None, D(1950, 5, 12)), born("b", None, D(1952, 1, 3))
    c, d = born("c", None, D(1960, 5, 12)), born("d", None, D(1962, 1, 3))
    unions = [
        UnionItem(id="u1", kind="married", partner_ids=["a", "b"], start_date=D(1978, 1, 1),
                  start_date_to=D(1979, 12, 31), start_date_precision="between",
                  start_date_text="BET 1978 AND 1979", end_reason="divorced",
                  end_date=D(1990, 1, 1), end_date_to=D(1990, 12, 31),
                  end_date_precision="about", end_date_text="ABT 1990"),
        UnionItem(id="u2", kind="cohabiting", partner_ids=["c", "d"],
                  start_date_to=D(1985, 12, 31), start_date_precision="before",
                  start_date_text="BEF 1985"),
    ]
    nl = draw([a, b, c, d], unions)["union"]
    assert nl["u1"] == ["geh. 1978–1979", "//", "g. ca. 1990"]
    assert nl["u2"] == ["sv < 1985"]
    en = draw([a, b, c, d], unions, lang="en")["union"]
    assert en["u1"] == ["m. 1978–1979", "//", "div. c. 1990"]


def test_dates_without_a_precision_are_drawn_as_before() -> None:
    a, b = born("a", None, D(1980, 1, 1)), born("b", None, D(1982, 1, 1))
    kid = born("kid", None, D(2010, 1, 1))
    view = FamilyView(index_id="kid", at=D(2024, 1, 1), persons=[a, b, kid],
                      unions=[UnionItem(id="u", kind="married", partner_ids=["a", "b"],
                                        start_date=D(2008, 1, 1))],
                      children=[ChildItem(child_id="kid", union_id="u")])
    svg = render(view, "svg", RenderOptions(lang="nl")).decode()
    assert ">geh. 2008<" in svg and ">14<" in svg and ">2010<" in svg
    assert "ca." not in svg and "~" not in svg


def legend_text(persons: list[PersonItem], unions: list[UnionItem] | None = None,
                lang: Literal["nl", "en"] = "en") -> str:
    view = FamilyView(index_id=persons[0].id, at=AT, persons=persons, unions=unions or [],
                      children=[])
    svg = render(view, "svg", RenderOptions(lang=lang, legend=True, title=False))
    return " ".join("".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{SVG}text"))


def test_the_legend_explains_uncertain_dates_only_when_the_picture_has_one() -> None:
    note = load_notation().text("en", "date.uncertain")
    exact = [born("a", None, D(1950, 5, 1)), born("b", "month", D(1980, 1, 1), D(1980, 1, 31))]
    assert note not in legend_text(exact)  # a year and a certain age: nothing to explain
    assert note in legend_text([*exact, born("c", "about", D(1950, 1, 1), D(1950, 12, 31))])
    # a year only: the age on 1 June may be one of two, so it is drawn '~33'
    assert note in legend_text([*exact, born("d", "year", D(1990, 1, 1), D(1990, 12, 31))])
    unions = [UnionItem(id="u", kind="married", partner_ids=["a", "b"],
                        start_date=D(2000, 1, 1), start_date_precision="before")]
    assert note in legend_text(exact, unions)
    nl = load_notation().text("nl", "date.uncertain")
    assert nl in legend_text([born("c", "about", D(1950, 1, 1), D(1950, 12, 31))], lang="nl")
