"""The dates of events (births, deaths, marriages, ends of unions, periods of links): one
date value with the notices its form calls for, and the choice of one date when a record
repeats an event.
"""

from __future__ import annotations

import datetime as dt

from genogram_service.gedcom import tags
from genogram_service.gedcom.dates import GedDate, parse_date
from genogram_service.gedcom.document import Notice
from genogram_service.gedcom.lines import Node
from genogram_service.gedcom.reading import Reading
from genogram_service.records.common import APPROXIMATE_PRECISIONS, DatePrecision


def preferred(reading: Reading, events: list[Node], xref: str, what: str) -> GedDate | None:
    """The date of the event to use when a record has several (two births from two
    sources): the first with a date that has days (GEDCOM lists repeated structures most
    preferred first; an event without a date or with a phrase only never hides a dated
    one), replaced by a later one only when that is more precise and lies within it
    (``1900`` then ``12 MAY 1900``; not by an approximation). The others are reported:
    the same date or no date as merged, a different date as skipped with the reason."""
    dated = [(node, event_date(reading, node, f"{xref} {what}")) for node in events]
    with_days: list[tuple[Node, GedDate | None]] = [
        (n, d) for n, d in dated if d is not None and _span(d) is not None]
    chosen = (with_days or [(n, d) for n, d in dated if d is not None] or dated)[0]
    for node, value in with_days:
        if node is not chosen[0] and _refines(value, chosen[1]):
            chosen = (node, value)
    use, date = chosen
    for node, value in dated:
        if node is use:
            continue
        if value is None or _same(value, date):
            why = "without a date" if value is None else "with the same date"
            reading.doc.merged.append(Notice(
                "repeated_event", f"a repeated {what} {why} is merged", node.line))
            continue
        used = _shown(date)
        if date is not None and value is not None and _refines(date, value):
            reason = f"the more precise '{used}' within it is used"
        else:
            reason = f"the first {what} with a date ('{used}') is used"
        reading.doc.skipped.append(Notice(
            f"other_{what}", f"{xref}: {what} '{_shown(value)}' not used: {reason}",
            node.line))
    return date


def event_date(reading: Reading, event: Node, what: str) -> GedDate | None:
    """The date of one event (its ``DATE``, or our ``_GENO_DATE``); None without one."""
    reading.use(event)
    node = event.first("DATE", tags.DATE)
    if node is None:
        return None
    return read_date(reading, node, what)


def read_date(reading: Reading, node: Node, what: str) -> GedDate | None:
    """A date value (with its ``PHRASE``); a form GEDCOM does not define is read as best it
    can be, with a warning naming ``what`` it dates."""
    reading.use(node)
    phrase = node.first("PHRASE")
    reading.use(phrase)
    value = parse_date(node.value, phrase.value if phrase is not None else None)
    if value is None:
        return None
    if value.normalised_from is not None:
        read_as = value.text or (value.start.isoformat() if value.start else "")
        reading.doc.warnings.append(Notice("date_form", f"non-standard date "
                                           f"'{value.normalised_from}' read as '{read_as}'",
                                           node.line))
    if value.note is not None:
        reading.doc.warnings.append(Notice("date_text", f"{what}: '{value.text}': "
                                           f"{value.note}", node.line))
    elif value.precision == DatePrecision.phrase:
        reading.doc.warnings.append(Notice("date_phrase", f"{what}: '{value.text}' is no "
                                           "date GEDCOM defines: kept as text", node.line))
    return value


def _span(value: GedDate) -> tuple[dt.date, dt.date] | None:
    """The days a date with days covers (open ends as the first or last day Python has);
    None for a date without days (a phrase, B.C.)."""
    if value.start is None and value.end is None:
        return None
    low = value.start or dt.date.min
    if value.end is not None:
        return low, value.end
    closed = value.precision in (None, DatePrecision.exact) \
        or value.precision in APPROXIMATE_PRECISIONS
    return low, (value.start or dt.date.max) if closed else dt.date.max


def _refines(later: GedDate | None, first: GedDate | None) -> bool:
    """``later`` is more precise than ``first`` and within it, and no approximation."""
    if later is None or first is None or later.precision in APPROXIMATE_PRECISIONS \
            or later.precision == DatePrecision.phrase:
        return False
    a, b = _span(later), _span(first)
    if a is None or b is None or a == b:
        return False
    return b[0] <= a[0] and a[1] <= b[1]


def _same(a: GedDate, b: GedDate | None) -> bool:
    return b is not None and (a.precision, a.start, a.end, a.text) == \
        (b.precision, b.start, b.end, b.text)


def _shown(value: GedDate | None) -> str:
    if value is None:
        return "no date"
    if value.text:
        return value.text
    return value.start.isoformat() if value.start else "no date"
