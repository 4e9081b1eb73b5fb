"""The caption under the picture: title, the legend of exactly the symbols and lines the
picture uses (in the order of ``legend.order`` in ``render/notation.toml``), and for the
professionals overlay how many professionals and organisations each person saw.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from genogram_service.genogram.rendering.model import FamilyView, Language
from genogram_service.genogram.rendering.notation import Notation, Sample
from genogram_service.genogram.rendering.text import font, html, person_name

_COLUMNS = 3
SPACER = 26


def _drawing(s: Sample) -> str:
    """The content of a sample cell: an inner table (lines, boxes) or a glyph."""
    color = f' COLOR="{s.color}"' if s.color else ""
    style = "" if s.line == "solid" else f' STYLE="{s.line}"'
    if s.kind == "line":
        return (f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR><TD WIDTH="30" '
                f'HEIGHT="6" FIXEDSIZE="TRUE" BORDER="2" SIDES="B"{style}{color}></TD></TR>'
                "</TABLE>")
    if s.kind == "box":
        return (f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR><TD WIDTH="24" '
                f'HEIGHT="14" FIXEDSIZE="TRUE" BORDER="2"{style}{color}></TD></TR></TABLE>')
    if s.kind == "double_box":
        return ('<TABLE BORDER="1" CELLSPACING="1" CELLPADDING="0" FIXEDSIZE="TRUE" '
                'WIDTH="14" HEIGHT="14"><TR><TD WIDTH="8" HEIGHT="8" FIXEDSIZE="TRUE" '
                'BORDER="1"></TD></TR></TABLE>')
    return font("<BR/>".join([escape(s.glyph or "")] * s.rows), s.size, s.color)


def _sample(s: Sample, variants: list[str]) -> str:
    """One table cell drawing the sample (each variant once, side by side)."""
    parts = list(dict.fromkeys(
        [_drawing(s.variant(v)) for v in variants] if variants else [_drawing(s)]))
    if len(parts) > 1:  # a cell holds text or one table: put several drawings in a row
        inner = "".join(f"<TD>{p}</TD>" for p in parts)
        parts = [f'<TABLE BORDER="0" CELLSPACING="1" CELLPADDING="0"><TR>{inner}</TR></TABLE>']
    return f'<TD WIDTH="40">{parts[0]}</TD>'


def legend_rows(used: Iterable[str], notation: Notation, lang: Language) -> list[str]:
    """Table rows for the legend entries in ``used``, laid out in columns."""
    theme = notation.legend
    variants: dict[str, list[str]] = {}
    for key in sorted(used):
        base, _, variant = key.partition("@")
        variants.setdefault(base, [])
        if variant:
            variants[base].append(variant)
    entries = [e for e in theme.order if e in variants]
    size = theme.fontsize
    cells = [
        _sample(theme.samples[e], variants[e])
        + f'<TD ALIGN="LEFT">{font(escape(notation.text(lang, e)), size)}</TD>'
        for e in entries
    ]
    rows = []
    per_column = -(-len(cells) // _COLUMNS) if cells else 0
    for r in range(per_column):
        row = [cells[c * per_column + r] for c in range(_COLUMNS)
               if c * per_column + r < len(cells)]
        rows.append("<TR>" + "".join(row) + "</TR>")
    return rows


def summary_lines(view: FamilyView, notation: Notation, lang: Language) -> list[str]:
    """'Sanne van der Berg: 9 professionals from 5 organisations', most professionals first."""
    if not view.professionals:
        return []
    pros: dict[str, set[str]] = {}
    orgs: dict[str, set[str]] = {}
    for pro in view.professionals:
        for link in pro.links:
            if link.contacts <= 0:
                continue
            pros.setdefault(link.person_id, set()).add(pro.id)
            org = pro.organisation.id if pro.organisation else f"?{pro.id}"
            orgs.setdefault(link.person_id, set()).add(org)
    persons = {p.id: p for p in view.persons}
    out = []
    for pid in sorted(pros, key=lambda p: (-len(pros[p]), -len(orgs[p]), p))[:6]:
        name = " ".join(person_name(persons[pid], notation, lang))
        key = "professionals.summary_one" if len(pros[pid]) == 1 else "professionals.summary"
        out.append(escape(notation.text(lang, key, name="{name}", pros=len(pros[pid]),
                                        orgs=len(orgs[pid]))).replace("{name}", name))
    return out


def caption(view: FamilyView, used: Iterable[str], notation: Notation, lang: Language,
            *, title: bool, legend: bool) -> str | None:
    """The HTML label of the whole graph, or None when there is nothing to say."""
    size = notation.legend.fontsize
    # room for what is drawn after the layout just above the caption (household names)
    parts: list[str] = [f'<TR><TD HEIGHT="{SPACER}" COLSPAN="{2 * _COLUMNS}"></TD></TR>']
    if title:
        index = next(p for p in view.persons if p.id == view.index_id)
        name = " ".join(person_name(index, notation, lang))
        head = escape(notation.text(lang, "title", name="{name}")).replace("{name}", name)
        when = escape(notation.text(lang, "as_of", date=view.at.isoformat()))
        parts.append(f'<TR><TD ALIGN="LEFT" COLSPAN="{2 * _COLUMNS}">'
                     f"{font(head, size + 3, bold=True)}  {font(when, size + 1)}</TD></TR>")
    if view.period is not None and view.professionals:
        start, end = view.period
        text = escape(notation.text(lang, "professionals.title", start=start.isoformat(),
                                    end=end.isoformat()))
        parts.append(f'<TR><TD ALIGN="LEFT" COLSPAN="{2 * _COLUMNS}">'
                     f"{font(text, size + 1, bold=True)}</TD></TR>")
        for line in summary_lines(view, notation, lang):
            parts.append(f'<TR><TD ALIGN="LEFT" COLSPAN="{2 * _COLUMNS}">'
                         f"{font(line, size)}</TD></TR>")
    if legend:
        rows = legend_rows(used, notation, lang)
        if rows:
            heading = escape(notation.text(lang, "legend"))
            parts.append(f'<TR><TD ALIGN="LEFT" COLSPAN="{2 * _COLUMNS}">'
                         f"{font(heading, size + 1, bold=True)}</TD></TR>")
            parts += rows
    if len(parts) == 1:
        return None
    return html('<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="1">'
                + "".join(parts) + "</TABLE>")
