"""The texts of a genogram: names, years and ages, partner-line labels, professionals.

Every text goes into Graphviz as an HTML-like label built here with ``html.escape``, so a name
can never be read as DOT syntax or an escape sequence (``\\N``, ``\\G``).

Dates with a precision (genealogy data) are never drawn as exact: the wording is data in
``render/labels.*.json`` (``date.*``): ``ca. 1950`` for an approximation (about, estimated,
calculated), ``< 1950`` before, ``> 1950`` after, ``1950–1955`` for a range over years, the
text as written for a phrase (``?`` when it does not fit); a month or a year is a year. An age
is exact only when every day the dates allow gives the same age and neither date is an
approximation; otherwise it is marked (``~72``, ``age.approximate``), and left out when a
date is open-ended (before, after, a phrase).
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass
from html import escape

from genogram_service.genogram.rendering.model import (
    Language,
    PersonItem,
    ProfessionalItem,
    UnionItem,
)
from genogram_service.genogram.rendering.notation import Notation

_APPROXIMATE = frozenset({"about", "estimated", "calculated"})


@dataclass(frozen=True)
class When:
    """One date with its precision, as the render model carries it."""

    day: dt.date | None = None  # the earliest day
    to: dt.date | None = None  # the latest day, when bounded and not the earliest
    precision: str | None = None  # None: an exact day
    text: str | None = None  # as written

    @property
    def known(self) -> bool:
        return any(x is not None for x in (self.day, self.to, self.precision, self.text))

    def span(self) -> tuple[dt.date, dt.date] | None:
        """The closed range of days the date allows; None when open-ended or without days."""
        if self.day is None:
            return None
        if self.precision in (None, "exact"):
            return self.day, self.day
        if self.precision in ("before", "after", "phrase"):
            return None
        if self.to is not None:
            return self.day, self.to
        if self.precision in _APPROXIMATE:  # 'CAL 1 JAN 1850': an approximate day
            return self.day, self.day
        return None  # 'FROM 1950': open


def birth_of(p: PersonItem) -> When:
    return When(p.birth_date, p.birth_date_to, p.birth_date_precision, p.birth_date_text)


def death_of(p: PersonItem) -> When:
    return When(p.death_date, p.death_date_to, p.death_date_precision, p.death_date_text)


def deceased(p: PersonItem) -> bool:
    """Drawn as deceased: a death date, or a death without an earliest day (a phrase)."""
    return death_of(p).known


def date_text(when: When, notation: Notation, lang: Language) -> str | None:
    """A date as a genogram shows it (not escaped): a year, or its approximation."""
    if not when.known:
        return None
    precision, day, to = when.precision, when.day, when.to
    if precision in (None, "exact", "month", "year") and day is not None:
        return str(day.year)
    nominal = day or to
    if precision in _APPROXIMATE and nominal is not None:
        return notation.text(lang, f"date.{precision}", year=nominal.year)
    if precision in ("between", "from_to") and day is not None and to is not None:
        if day.year == to.year:
            return str(day.year)
        return notation.text(lang, "date.range", start=day.year, end=to.year)
    if precision in ("before", "between", "from_to") and day is None and to is not None:
        return notation.text(lang, "date.before", year=to.year)
    if precision in ("after", "between", "from_to") and day is not None:
        return notation.text(lang, "date.after", year=day.year)
    written = (when.text or "").strip()
    if written and len(written) <= notation.person.text_width:
        return written  # a phrase ('Easter 1900'), a year B.C. ('100 BCE')
    return notation.text(lang, "date.unknown")


def _middle(span: tuple[dt.date, dt.date]) -> dt.date:
    return span[0] + (span[1] - span[0]) / 2


def age_text(birth: When, on: When, notation: Notation, lang: Language) -> str | None:
    """The age on ``on`` (not escaped): exact, marked approximate, or None."""
    b, o = birth.span(), on.span()
    if b is None or o is None:
        return None
    low, high = age(b[1], o[0]), age(b[0], o[1])
    if low is None or high is None:
        return None
    if low == high and birth.precision not in _APPROXIMATE and on.precision not in _APPROXIMATE:
        return str(low)
    return notation.text(lang, "age.approximate", age=age(_middle(b), _middle(o)))


def html(text: str) -> str:
    """An HTML-like Graphviz label from already escaped markup."""
    return f"<{text}>"


def lines(*parts: str) -> str:
    return "<BR/>".join(p for p in parts if p)


def font(text: str, size: float | None = None, color: str | None = None, bold: bool = False
         ) -> str:
    attrs = ""
    if size is not None:
        attrs += f' POINT-SIZE="{size:g}"'
    if color is not None:
        attrs += f' COLOR="{color}"'
    out = f"<FONT{attrs}>{text}</FONT>" if attrs else text
    return f"<B>{out}</B>" if bold else out


def age(birth: dt.date | None, on: dt.date | None) -> int | None:
    """Completed years between ``birth`` and ``on``."""
    if birth is None or on is None:
        return None
    years = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    return max(years, 0)


def person_name(p: PersonItem, notation: Notation, lang: Language) -> list[str]:
    """The name under the symbol, escaped, as one or two lines: first given name + surname."""
    given = (p.given_names or "").split()
    first = given[0] if given else ""
    family = " ".join(x for x in (p.prefix, p.surname) if x)
    full = " ".join(x for x in (first, family) if x)
    if not full:
        return [escape(notation.text(lang, "unknown_name"))]
    width = notation.person.text_width
    if len(full) <= width or not first or not family:
        return [escape(x) for x in textwrap.wrap(full, width)] or [escape(full)]
    return [escape(first), escape(family)]


def person_years(p: PersonItem, at: dt.date, notation: Notation, lang: Language) -> str:
    """The years under the name (not escaped): '1950', 'ca. 1950', '1950–2001 (51)',
    'ca. 1950 – 2001 (~51)', '< 1950 – 2001', '† 2001'."""
    birth = date_text(birth_of(p), notation, lang)
    if deceased(p):
        death = date_text(death_of(p), notation, lang) or notation.text(lang, "date.unknown")
        if birth is None:
            return notation.text(lang, "years.deceased_unknown", death=death)
        years = age_text(birth_of(p), death_of(p), notation, lang)
        if years is None:
            return notation.text(lang, "years.deceased_no_age", birth=birth, death=death)
        plain = birth.isdigit() and death.isdigit()  # two years: '1950–2001 (~51)'
        key = "years.deceased" if plain else "years.deceased_approximate"
        return notation.text(lang, key, birth=birth, death=death, age=years)
    return notation.text(lang, "years.living", birth=birth) if birth else ""


def symbol_text(p: PersonItem, at: dt.date, notation: Notation,
                lang: Language = "nl") -> str:
    """What is written inside the symbol: the age (marked when approximate), or the cross of
    a deceased person."""
    if deceased(p):
        return notation.person.deceased_mark
    years = age_text(birth_of(p), When(at), notation, lang)
    return notation.person.unknown_age if years is None else years


def person_label(p: PersonItem, at: dt.date, notation: Notation, lang: Language,
                 *, index: bool) -> str:
    size = notation.person.text_fontsize
    name = lines(*person_name(p, notation, lang))
    years = escape(person_years(p, at, notation, lang))
    return html(lines(font(name, size, bold=index), font(years, size - 1) if years else ""))


def union_text(u: UnionItem, notation: Notation, lang: Language) -> tuple[str, str]:
    """(start text, end text) of a partner line: 'geh. 2009', 'g. 2016' (escaped)."""
    start = ""
    began = date_text(When(u.start_date, u.start_date_to, u.start_date_precision,
                           u.start_date_text), notation, lang)
    if began is not None:
        start = notation.text(lang, f"union.start.{u.kind}", year=began)
    end = ""
    ended = date_text(When(u.end_date, u.end_date_to, u.end_date_precision, u.end_date_text),
                      notation, lang)
    if u.end_reason is not None and ended is not None:
        end = notation.text(lang, f"union.end.{u.end_reason}", year=ended)
    return escape(start), escape(end)


def union_label(u: UnionItem, notation: Notation, lang: Language) -> str | None:
    """The label of the union node on the partner line, or None for a plain joint."""
    start, end = union_text(u, notation, lang)
    mark = notation.union.marks[u.end_reason] if u.end_reason else ""
    if not (start or end or mark):
        return None
    size = notation.union.fontsize
    mark_html = font(escape(mark), notation.union.mark_fontsize, bold=True) if mark else ""
    top = font(start, size) if start else ""
    bottom = " ".join(x for x in (mark_html, font(end, size) if end else "") if x)
    return html(lines(top, bottom))


def period_text(first: dt.date | None, last: dt.date | None) -> str:
    if first is None or last is None:
        return ""
    if first.year == last.year:
        return str(first.year)
    return f"{first.year}–{last.year}"


def contacts_text(n: int, notation: Notation, lang: Language) -> str:
    if n == 1:
        return notation.text(lang, "professionals.contacts_one")
    return notation.text(lang, "professionals.contacts", n=n)


def professional_label(pro: ProfessionalItem, notation: Notation, lang: Language) -> str:
    theme = notation.professionals
    size = theme.fontsize
    key = f"role.{pro.role}"
    role = notation.text(lang, key) if notation.has_text(lang, key) else pro.role
    org = (pro.organisation.name if pro.organisation
           else notation.text(lang, "professionals.no_organisation"))
    firsts = [x.first for x in pro.links if x.first is not None]
    lasts = [x.last for x in pro.links if x.last is not None]
    period = period_text(min(firsts), max(lasts)) if firsts and lasts else ""
    total = pro.contacts if pro.contacts is not None else sum(x.contacts for x in pro.links)
    facts = " · ".join(x for x in (period, contacts_text(total, notation, lang)) if x)
    head = escape(pro.name)
    if pro.regisseur:
        mark = escape(theme.regisseur_mark)
        head = f"{mark} {head}"
        role = f"{notation.text(lang, 'role.regisseur')}" if pro.role == "regisseur" else role
    org_lines = [escape(x) for x in textwrap.wrap(org, 24)[:2]]
    return html(lines(font(head, size + 1, bold=True), font(escape(role), size),
                      *(font(x, size) for x in org_lines), font(escape(facts), size)))


def _uncertain(text: str | None) -> bool:
    """A date or age as drawn that is more than a plain number ('ca. 1950', '~72', '?')."""
    return text is not None and not text.isdigit()


def person_uncertain(p: PersonItem, at: dt.date, notation: Notation, lang: Language) -> bool:
    """Whether the person's symbol or years show a date or age that is not exactly known
    (the legend then explains the marks)."""
    birth, death = birth_of(p), death_of(p)
    if _uncertain(date_text(birth, notation, lang)):
        return True
    if deceased(p):
        if death.day is None and death.to is None and not death.text:
            return True  # a death without a date: '1950 – ?'
        return (_uncertain(date_text(death, notation, lang))
                or _uncertain(age_text(birth, death, notation, lang)))
    return _uncertain(age_text(birth, When(at), notation, lang))


def union_uncertain(u: UnionItem, notation: Notation, lang: Language) -> bool:
    """Whether a partner line's years are not exactly known."""
    return any(_uncertain(date_text(w, notation, lang)) for w in (
        When(u.start_date, u.start_date_to, u.start_date_precision, u.start_date_text),
        When(u.end_date, u.end_date_to, u.end_date_precision, u.end_date_text)))
