"""The texts of a genogram: names, years and ages, partner-line labels, professionals.

Every text goes into Graphviz as an HTML-like label built here with ``html.escape``, so a name
can never be read as DOT syntax or an escape sequence (``\\N``, ``\\G``).
"""

from __future__ import annotations

import datetime as dt
import textwrap
from html import escape

from .model import Language, PersonItem, ProfessionalItem, UnionItem
from .notation import Notation


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
    birth = str(p.birth_date.year) if p.birth_date else "?"
    if p.death_date is not None:
        years = age(p.birth_date, p.death_date)
        key = "years.deceased" if years is not None else "years.deceased_unknown"
        return notation.text(lang, key, birth=birth, death=p.death_date.year, age=years)
    return notation.text(lang, "years.living", birth=birth) if p.birth_date else ""


def symbol_text(p: PersonItem, at: dt.date, notation: Notation) -> str:
    """What is written inside the symbol: the age, or the cross of a deceased person."""
    if p.death_date is not None:
        return notation.person.deceased_mark
    years = age(p.birth_date, at)
    return notation.person.unknown_age if years is None else str(years)


def person_label(p: PersonItem, at: dt.date, notation: Notation, lang: Language,
                 *, index: bool) -> str:
    size = notation.person.text_fontsize
    name = lines(*person_name(p, notation, lang))
    years = escape(person_years(p, at, notation, lang))
    return html(lines(font(name, size, bold=index), font(years, size - 1) if years else ""))


def union_text(u: UnionItem, notation: Notation, lang: Language) -> tuple[str, str]:
    """(start text, end text) of a partner line: 'geh. 2009', 'g. 2016' (escaped)."""
    start = ""
    if u.start_date is not None:
        start = notation.text(lang, f"union.start.{u.kind}", year=u.start_date.year)
    end = ""
    if u.end_reason is not None and u.end_date is not None:
        end = notation.text(lang, f"union.end.{u.end_reason}", year=u.end_date.year)
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
