"""The dates and moments the service supports, declared once: every date and date-time the
service takes (record fields, query-string and query parameters, the genogram options, the
audit routes' moments) has one of these types, so a value outside the range or written
otherwise than ``YYYY-MM-DD`` / RFC 3339 is a 422 at the edge, never an error from Python's
or Neo4j's limits. A bottom module, so every layer may import it.

Years 1000 to 2200: genealogy data goes back centuries (a family line from parish registers),
and plans and measures look some years ahead; nothing the service stores or draws lies
outside that. The range keeps derived dates valid too: the professionals period starts four
years before the date shown and the audit range one year before its end, both far from
Python's year 1 (``date(1, 1, 1) - 4 years`` was a 500 ``year 0 is out of range``).

UTC offsets within ±18:00: the range ISO 8601 date-times allow in practice and the range
Neo4j accepts (an offset of -18:01 reached it and came back as a 500).
"""

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, ValidationInfo, WithJsonSchema

MIN_YEAR = 1000
MAX_YEAR = 2200
MIN_DATE = dt.date(MIN_YEAR, 1, 1)
MAX_DATE = dt.date(MAX_YEAR, 12, 31)
MAX_OFFSET = dt.timedelta(hours=18)

#: Validation context of values read back from the database: stored dates are taken as they
#: are (data written before the range was enforced must stay readable, never a 500)
STORED: dict[str, Any] = {"stored": True}

# RFC 3339's full-date and date-time (the JSON Schema formats "date" and "date-time"), the
# offset optional (none: UTC). pydantic's lax mode takes much more: numbers as Unix time
# (``birth_date: 0`` was 1970-01-01, ``start=0.5`` a moment in 1970), numeric strings, a
# date-time for a date. A value must be written as the schema says.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}"
                           r"(?:\.[0-9]{1,9})?(?:[Zz]|[+-][0-9]{2}:[0-9]{2})?")


def _date_input(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise ValueError("a date is written YYYY-MM-DD, without a time")
    if isinstance(value, dt.date) or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return value
    raise ValueError("a date is written YYYY-MM-DD")


def _datetime_input(value: Any) -> Any:
    if isinstance(value, dt.datetime) or (
            isinstance(value, str) and _ISO_DATETIME.fullmatch(value)):
        return value
    raise ValueError("a date-time is written YYYY-MM-DDTHH:MM:SS, with an optional fraction "
                     "and UTC offset (Z or +HH:MM)")


def _stored(info: ValidationInfo) -> bool:
    return isinstance(info.context, dict) and bool(info.context.get("stored"))


def _date(value: dt.date, info: ValidationInfo) -> dt.date:
    if not MIN_DATE <= value <= MAX_DATE and not _stored(info):
        raise ValueError(f"must be between {MIN_DATE} and {MAX_DATE}")
    return value


def _datetime(value: dt.datetime, info: ValidationInfo) -> dt.datetime:
    if _stored(info):
        return value
    offset = value.utcoffset()
    if offset is not None and abs(offset) > MAX_OFFSET:
        raise ValueError("the UTC offset must be within ±18:00")
    _date(value.date(), info)
    return value


# the JSON schema formats have no minimum or maximum: "formatMinimum"/"formatMaximum" (the
# JSON Schema proposal that validators such as ajv-formats implement) state the range
SupportedDate = Annotated[
    dt.date, BeforeValidator(_date_input), AfterValidator(_date),
    WithJsonSchema({"type": "string", "format": "date", "formatMinimum": MIN_DATE.isoformat(),
                    "formatMaximum": MAX_DATE.isoformat()}),
]
"""A date in years :data:`MIN_YEAR` to :data:`MAX_YEAR`, written ``YYYY-MM-DD``."""

SupportedDateTime = Annotated[
    dt.datetime, BeforeValidator(_datetime_input), AfterValidator(_datetime),
    WithJsonSchema({"type": "string", "format": "date-time",
                    "formatMinimum": f"{MIN_DATE.isoformat()}T00:00:00Z",
                    "formatMaximum": f"{MAX_DATE.isoformat()}T23:59:59Z",
                    "description": "years 1000 to 2200, a UTC offset within ±18:00 "
                                   "(none: UTC)"}),
]
"""A date-time in years :data:`MIN_YEAR` to :data:`MAX_YEAR` (its own date, in its own
offset) with a UTC offset within ±18:00 or none, written as RFC 3339 has it (the offset
optional)."""
