"""GEDCOM dates as genealogy data has them, to dates with a precision (and back).

Parsing is ``ged4py``'s (``ged4py.date.DateValue``: every GEDCOM 5.5.1 form, the Julian,
Hebrew and French republican calendars, dual years, B.C.). Added here:

* GEDCOM 7 syntax (``JULIAN 1 JAN 1700``, ``44 BCE``, a ``PHRASE`` substructure) and forms
  seen in real files (``Abt. 1900``, ``circa``, ``ca.``, full English and Dutch month names,
  Dutch ``omstreeks``/``voor``/``na``/``tussen .. en``, ISO ``1900-05-12``) are normalised
  first; anything else stays a phrase: text only, never a guess;
* the conversion to the stored form (:class:`GedDate`): the earliest and latest Gregorian day
  the value allows, a :class:`DatePrecision`, and the value as written in GEDCOM 7 syntax;
* the way back (:func:`gedcom7_date`) for the export.

Bounds are the widest reading: ``BEF 1900`` allows up to 1900-12-31, ``AFT 1900`` from
1900-01-01; ``ABT``/``EST``/``CAL`` store the nominal range of their date. Dates before year 1
(``B.C.``) or outside the years the service supports (1000-2200), or that do not exist
(``31 FEB 1900``), keep their text without days.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

import convertdate.hebrew  # type: ignore[import-untyped]
from ged4py.calendar import CalendarDate, CalendarType, GregorianDate, HebrewDate
from ged4py.date import (
    DateValue,
    DateValueAbout,
    DateValueAfter,
    DateValueBefore,
    DateValueCalculated,
    DateValueEstimated,
    DateValueFrom,
    DateValueInterpreted,
    DateValuePeriod,
    DateValueRange,
    DateValueSimple,
    DateValueTo,
)

from genogram_service.dates import MAX_DATE, MAX_YEAR, MIN_DATE, MIN_YEAR
from genogram_service.records.common import DatePrecision

MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_MONTH_NAMES = {
    **{m: m for m in MONTHS},
    "JANUARY": "JAN", "JANUARI": "JAN", "FEBRUARY": "FEB", "FEBRUARI": "FEB", "MARCH": "MAR",
    "MAART": "MAR", "MRT": "MAR", "APRIL": "APR", "MEI": "MAY", "JUNE": "JUN", "JUNI": "JUN",
    "JULY": "JUL", "JULI": "JUL", "AUGUST": "AUG", "AUGUSTUS": "AUG", "SEPTEMBER": "SEP",
    "SEPT": "SEP", "OCTOBER": "OCT", "OKTOBER": "OCT", "OKT": "OCT", "NOVEMBER": "NOV",
    "DECEMBER": "DEC",
}
_QUALIFIERS = [
    (re.compile(r"^(?:(?:ABT|ABOUT|CA|CIRCA|C|CIRC|APPROX|ONGEVEER|OMSTREEKS|OMSTR)"
                r"(?:\.\s*|\s+)|~\s*)", re.I), "ABT "),
    (re.compile(r"^(?:EST|ESTIMATED|GESCHAT)\.?\s+", re.I), "EST "),
    (re.compile(r"^(?:CAL|CALC|CALCULATED|BEREKEND)\.?\s+", re.I), "CAL "),
    (re.compile(r"^(?:BEF|BEFORE|VOOR|VÓÓR)\.?\s+", re.I), "BEF "),
    (re.compile(r"^(?:AFT|AFTER|NA)\.?\s+", re.I), "AFT "),
]
_BETWEEN = re.compile(r"^(?:BET|BETWEEN|TUSSEN)\.?\s+(.+?)\s+(?:AND|EN|&|-)\s+(.+)$", re.I)
_PERIOD = re.compile(r"^(?:FROM|VAN)\s+(.+?)(?:\s+(?:TO|TOT)\s+(.+))?$", re.I)
_PERIOD_TO = re.compile(r"^(?:TO|TOT)\s+(.+)$", re.I)
_ISO = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_TRAILING_PHRASE = re.compile(r"^(?:INT\s+)?(.*?)\s*\((.*)\)$", re.I | re.S)
_CALENDARS_7 = {"GREGORIAN": "", "JULIAN": "@#DJULIAN@", "HEBREW": "@#DHEBREW@",
                "FRENCH_R": "@#DFRENCH R@"}
_CALENDAR_NAMES_7 = {CalendarType.JULIAN: "JULIAN", CalendarType.HEBREW: "HEBREW",
                     CalendarType.FRENCH_R: "FRENCH_R"}
_EPOCH = re.compile(r"\s*(?:B\.?C\.?E?\.?)$", re.I)

#: the precisions ``DateValue`` kinds map to (granular ones are decided by the date itself)
_QUALIFIED = {DateValueAbout: DatePrecision.about, DateValueEstimated: DatePrecision.estimated,
              DateValueCalculated: DatePrecision.calculated}
_KEYWORDS_7 = {DatePrecision.about: "ABT", DatePrecision.estimated: "EST",
               DatePrecision.calculated: "CAL"}
_JD_ORDINAL = 1721424.5  # Julian day number of proleptic Gregorian day 0
#: GEDCOM's Hebrew months (civil order, from Tishrei) as ``convertdate`` numbers them (from
#: Nisan); ged4py 0.5.5 passes its own order to convertdate, which is wrong by six months
_HEBREW_MONTHS = {"TSH": 7, "CSH": 8, "KSL": 9, "TVT": 10, "SHV": 11, "ADR": 12, "ADS": 13,
                  "NSN": 1, "IYR": 2, "SVN": 3, "TMZ": 4, "AAV": 5, "ELL": 6}


def _day(jd: float) -> dt.date:
    return dt.date.fromordinal(int(jd - _JD_ORDINAL))


def _hebrew_range(cd: CalendarDate) -> tuple[dt.date, dt.date]:
    heb = convertdate.hebrew
    if cd.month is None:
        start = heb.to_jd(cd.year, 7, 1)
        return _day(start), _day(heb.to_jd(cd.year + 1, 7, 1) - 1)
    month = _HEBREW_MONTHS[cd.month]
    if month == 13 and not heb.leap(cd.year):
        raise ValueError("Adar II only in leap years")
    if cd.day is None:
        return (_day(heb.to_jd(cd.year, month, 1)),
                _day(heb.to_jd(cd.year, month, heb.month_length(cd.year, month))))
    if not 1 <= cd.day <= heb.month_length(cd.year, month):
        raise ValueError("no such day")
    day = _day(heb.to_jd(cd.year, month, cd.day))
    return day, day


@dataclass(frozen=True)
class GedDate:
    """A date as we store it. ``precision`` None means an exact Gregorian day (``start``).
    ``start`` is the earliest day the value allows, ``end`` the latest (only when bounded
    and different from ``start``), ``text`` the value in GEDCOM 7 syntax with a phrase in
    parentheses (None for an exact Gregorian day); ``note`` says why days are missing."""

    precision: DatePrecision | None
    start: dt.date | None = None
    end: dt.date | None = None
    text: str | None = None
    note: str | None = None
    normalised_from: str | None = None  # the original, when a non-standard form was read


def _single(value: str) -> str:
    """One date in 5.5.1 syntax (GEDCOM 7 calendars and epoch, month names, ISO)."""
    value = value.strip()
    iso = _ISO.match(value)
    if iso:
        year, month, day = iso.groups()
        if not 1 <= int(month) <= 12:
            return value
        return " ".join(p for p in (str(int(day)) if day else "", MONTHS[int(month) - 1], year)
                        if p)
    words = value.replace(",", " ").split()
    if words and words[0].upper() in _CALENDARS_7:
        words[0] = _CALENDARS_7[words[0].upper()]
    bc = False
    if words and _EPOCH.fullmatch(" " + words[-1]) and len(words) > 1:
        bc = True
        words.pop()
    out = []
    for w in words:
        bare = w.rstrip(".").upper()
        out.append(_MONTH_NAMES.get(bare, w if w.startswith("@#D") else w.upper()))
    text = " ".join(o for o in out if o)
    return text + (" B.C." if bc else "")


def normalise(value: str) -> str:
    """A date value in the syntax ``ged4py`` reads (GEDCOM 5.5.1)."""
    value = " ".join(value.split())
    match = _BETWEEN.match(value)
    if match:
        return f"BET {_single(match.group(1))} AND {_single(match.group(2))}"
    match = _PERIOD.match(value)
    if match:
        return f"FROM {_single(match.group(1))}" + (
            f" TO {_single(match.group(2))}" if match.group(2) else "")
    match = _PERIOD_TO.match(value)
    if match:
        return f"TO {_single(match.group(1))}"
    for pattern, keyword in _QUALIFIERS:
        match = pattern.match(value)
        if match and match.end() < len(value):
            return keyword + _single(value[match.end():])
    if value.upper().startswith("INT "):
        return value
    return _single(value)


def _day_range(cd: CalendarDate) -> tuple[dt.date | None, dt.date | None, str | None]:
    """Earliest and latest Gregorian day of a calendar date (None, None, why) if none, or
    if it lies outside the years the service supports (:mod:`genogram_service.dates`): a
    date before year 1000 keeps its text, as one before year 1 does."""
    start, end, note = _calendar_range(cd)
    if (start is not None and not MIN_DATE <= start <= MAX_DATE) or (
            end is not None and not MIN_DATE <= end <= MAX_DATE):
        return None, None, f"{KEPT_AS_TEXT[1]}: kept as text"
    return start, end, note


#: the notes of dates that keep their precision and text but have no days
KEPT_AS_TEXT = ("before year 1", f"outside the years {MIN_YEAR}-{MAX_YEAR}")


def _calendar_range(cd: CalendarDate) -> tuple[dt.date | None, dt.date | None, str | None]:
    if cd.bc:
        return None, None, f"{KEPT_AS_TEXT[0]}: kept as text"
    if cd.month is not None and cd.month_num is None:
        return None, None, f"unknown month {cd.month!r}: kept as text"
    try:
        if isinstance(cd, GregorianDate):
            year = cd.dual_year if cd.dual_year is not None else cd.year
            if cd.month_num is None:
                return dt.date(year, 1, 1), dt.date(year, 12, 31), None
            if cd.day is None:
                last = calendar.monthrange(year, cd.month_num)[1]
                return dt.date(year, cd.month_num, 1), dt.date(year, cd.month_num, last), None
            day = dt.date(year, cd.month_num, cd.day)
            return day, day, None
        if isinstance(cd, HebrewDate):
            start, end = _hebrew_range(cd)
            return start, end, None
        first = type(cd)(cd.year, cd.month or cd.months()[0], cd.day or 1)
        start, end = _day(first.key()[0]), _day(cd.key()[0])
        if cd.day is not None:
            # an exact day converts to one day; check it exists in its own calendar
            # (ged4py falls back to the month's last day for a day that does not exist)
            before = type(cd)(cd.year, cd.month, cd.day - 1).key()[0] if cd.day > 1 else None
            if before is not None and cd.key()[0] - before != 1:
                return None, None, "no such day in its calendar: kept as text"
            end = start
        return start, end, None
    except (ValueError, OverflowError):
        return None, None, "no such day in its calendar: kept as text"


def _granularity(cd: CalendarDate) -> DatePrecision:
    if cd.month is None:
        return DatePrecision.year
    return DatePrecision.month if cd.day is None else DatePrecision.exact


def _text7(cd: CalendarDate) -> str:
    """One calendar date in GEDCOM 7 syntax."""
    parts = []
    if cd.calendar != CalendarType.GREGORIAN:
        parts.append(_CALENDAR_NAMES_7[cd.calendar])
    if cd.day is not None:
        parts.append(str(cd.day))
    if cd.month is not None:
        parts.append(cd.month)
    year = cd.dual_year if isinstance(cd, GregorianDate) and cd.dual_year else cd.year
    parts.append(str(year))
    if cd.bc:
        parts.append("BCE")
    return " ".join(parts)


def _dual(cd: CalendarDate) -> str | None:
    if isinstance(cd, GregorianDate) and cd.dual_year is not None:
        return f"{cd.year}/{str(cd.dual_year)[-2:]}"
    return None


def parse_date(value: str | None, phrase: str | None = None) -> GedDate | None:
    """A GEDCOM date value (5.5.1 or 7, plus the forms listed above) with an optional
    GEDCOM 7 ``PHRASE``; None when there is neither."""
    value = " ".join((value or "").split())
    phrase = " ".join((phrase or "").split()) or None
    if not value:
        return GedDate(DatePrecision.phrase, text=phrase) if phrase else None
    trailing = _TRAILING_PHRASE.match(value)
    if trailing and not value.startswith("(") and trailing.group(1):
        value, phrase = trailing.group(1), phrase or trailing.group(2).strip() or None
    elif value.startswith("(") and value.endswith(")"):
        return GedDate(DatePrecision.phrase, text=value[1:-1].strip() or phrase)
    normal = normalise(value)
    try:
        parsed = DateValue.parse(normal)
    except ValueError:
        parsed = DateValue.parse(f"({value})")
    standard = normal.upper() == value.upper() or _plain7(value)
    result = _convert(parsed, value, phrase)
    if not standard and result.precision != DatePrecision.phrase:
        return GedDate(result.precision, result.start, result.end, result.text, result.note,
                       normalised_from=value)
    return result


def _plain7(value: str) -> bool:
    """True for GEDCOM 7 syntax (which ``normalise`` rewrites, but is standard)."""
    return bool(re.fullmatch(r"[A-Z0-9_ ]+", value))


def _convert(parsed: DateValue, original: str, phrase: str | None) -> GedDate:
    result = _converted(parsed, original, phrase)
    if result.note and not result.note.startswith(KEPT_AS_TEXT):
        # not a date after all (no such day or month): the words are all we have
        words = "; ".join(p for p in (original, phrase) if p)
        return GedDate(DatePrecision.phrase, text=words, note=result.note)
    return result


def _converted(parsed: DateValue, original: str, phrase: str | None) -> GedDate:
    def text(body: str, extra: str | None = None) -> str:
        notes = "; ".join(p for p in (extra, phrase) if p)
        return f"{body} ({notes})" if notes else body

    if isinstance(parsed, DateValueSimple | DateValueInterpreted):
        cd = parsed.date
        if isinstance(parsed, DateValueInterpreted) and parsed.phrase:
            phrase = "; ".join(p for p in (parsed.phrase, phrase) if p)
        start, end, note = _day_range(cd)
        precision: DatePrecision | None = _granularity(cd)
        plain = (precision == DatePrecision.exact and cd.calendar == CalendarType.GREGORIAN
                 and not phrase and _dual(cd) is None and start is not None)
        if plain:
            return GedDate(None, start, None, None)
        return GedDate(precision, start, end if end != start else None,
                       text(_text7(cd), _dual(cd)), note)
    if isinstance(parsed, DateValueAbout | DateValueEstimated | DateValueCalculated):
        cd = parsed.date
        start, end, note = _day_range(cd)
        precision = _QUALIFIED[type(parsed)]
        return GedDate(precision, start, end if end != start else None,
                       text(f"{_KEYWORDS_7[precision]} {_text7(cd)}", _dual(cd)), note)
    if isinstance(parsed, DateValueBefore):
        _, end, note = _day_range(parsed.date)
        return GedDate(DatePrecision.before, None, end,
                       text(f"BEF {_text7(parsed.date)}", _dual(parsed.date)), note)
    if isinstance(parsed, DateValueAfter):
        start, _, note = _day_range(parsed.date)
        return GedDate(DatePrecision.after, start, None,
                       text(f"AFT {_text7(parsed.date)}", _dual(parsed.date)), note)
    if isinstance(parsed, DateValueRange | DateValuePeriod):
        first, second = parsed.date1, parsed.date2
        start, _, note1 = _day_range(first)
        _, end, note2 = _day_range(second)
        if start is not None and end is not None and end < start:
            return GedDate(DatePrecision.phrase, text=text(original),
                           note="the range ends before it starts: kept as text")
        if isinstance(parsed, DateValueRange):
            body, precision = f"BET {_text7(first)} AND {_text7(second)}", DatePrecision.between
        else:
            body, precision = f"FROM {_text7(first)} TO {_text7(second)}", DatePrecision.from_to
        return GedDate(precision, start, end if end != start else None, text(body),
                       note1 or note2)
    if isinstance(parsed, DateValueFrom):
        start, _, note = _day_range(parsed.date)
        return GedDate(DatePrecision.from_to, start, None, text(f"FROM {_text7(parsed.date)}"),
                       note)
    if isinstance(parsed, DateValueTo):
        _, end, note = _day_range(parsed.date)
        return GedDate(DatePrecision.from_to, None, end, text(f"TO {_text7(parsed.date)}"), note)
    # a phrase: text only
    words = "; ".join(p for p in (original, phrase) if p)
    return GedDate(DatePrecision.phrase, text=words)


# ----------------------------------------------------------------------------- export


def _coarse(start: dt.date, end: dt.date | None) -> str:
    """A day, or the month or year when ``start``..``end`` is exactly that."""
    if end is not None and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) \
            and start.year == end.year:
        return str(start.year)
    if end is not None and start.day == 1 and (start.year, start.month) == (end.year, end.month) \
            and end.day == calendar.monthrange(end.year, end.month)[1]:
        return f"{MONTHS[start.month - 1]} {start.year}"
    return f"{start.day} {MONTHS[start.month - 1]} {start.year}"


def _first(start: dt.date) -> str:
    """``start`` as the beginning of a range: a year on 1 January, a month on the 1st."""
    return _coarse(start, dt.date(start.year, 12, 31) if (start.month, start.day) == (1, 1)
                   else dt.date(start.year, start.month,
                                calendar.monthrange(start.year, start.month)[1])
                   if start.day == 1 else None)


def _last(end: dt.date) -> str:
    """``end`` as the end of a range: a year on 31 December, a month on its last day."""
    if (end.month, end.day) == (12, 31):
        return str(end.year)
    if end.day == calendar.monthrange(end.year, end.month)[1]:
        return f"{MONTHS[end.month - 1]} {end.year}"
    return f"{end.day} {MONTHS[end.month - 1]} {end.year}"


def gedcom7_date(precision: str | None, start: dt.date | None, end: dt.date | None,
                 text: str | None) -> tuple[str, str | None] | None:
    """The GEDCOM 7 ``DATE`` payload and ``PHRASE`` for a stored date; None when there is
    nothing to write. The stored text wins (it keeps calendars and B.C.); without it the
    value is rebuilt from the precision and the days."""
    if precision == DatePrecision.phrase:
        return ("", text) if text else None
    if text:
        parsed = parse_date(text)
        if parsed is not None and parsed.precision != DatePrecision.phrase:
            body, phrase = _split_phrase(text)
            return body, phrase
    if start is None and end is None:
        return ("", text) if text else None
    p = precision or DatePrecision.exact
    if p == DatePrecision.exact and start is not None:
        return _coarse(start, None), None
    if p in (DatePrecision.month, DatePrecision.year) and start is not None:
        return _coarse(start, end or start), None
    if p in _KEYWORDS_7 and start is not None:
        return f"{_KEYWORDS_7[DatePrecision(p)]} {_coarse(start, end)}", None
    if p == DatePrecision.before and end is not None:
        return f"BEF {_last(end)}", None
    if p == DatePrecision.after and start is not None:
        return f"AFT {_first(start)}", None
    if p == DatePrecision.between and start is not None and end is not None:
        return f"BET {_first(start)} AND {_last(end)}", None
    if p == DatePrecision.from_to:
        parts = ([f"FROM {_first(start)}"] if start else []) + ([f"TO {_last(end)}"] if end
                                                                 else [])
        return " ".join(parts), None
    day = start or end
    assert day is not None
    return _coarse(day, None), None


def _split_phrase(text: str) -> tuple[str, str | None]:
    match = _TRAILING_PHRASE.match(text)
    if match and match.group(1):
        return match.group(1), match.group(2).strip() or None
    return text, None
