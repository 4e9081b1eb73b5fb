"""The dates and moments the service supports, declared once: the genogram options' dates
(:mod:`genogram_service.genogram.options`) and the audit routes' date-times
(:mod:`genogram_service.security.audit_routes`) use these types, so a value outside the range
is a 422 at the edge, never an error from Python's or Neo4j's limits. A bottom module, so
every layer may import it.

Years 1000 to 2200: genealogy data goes back centuries (a family line from parish registers),
and plans and measures look some years ahead; nothing the service stores or draws lies
outside that. The range keeps derived dates valid too: the professionals period starts four
years before the date shown and the audit range one year before its end, both far from
Python's year 1 (``date(1, 1, 1) - 4 years`` was a 500 ``year 0 is out of range``).

UTC offsets within ±18:00: the range ISO 8601 date-times allow in practice and the range
Neo4j accepts (an offset of -18:01 reached it and came back as a 500).
"""

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, WithJsonSchema

MIN_YEAR = 1000
MAX_YEAR = 2200
MIN_DATE = dt.date(MIN_YEAR, 1, 1)
MAX_DATE = dt.date(MAX_YEAR, 12, 31)
MAX_OFFSET = dt.timedelta(hours=18)


def _date(value: dt.date) -> dt.date:
    if not MIN_DATE <= value <= MAX_DATE:
        raise ValueError(f"must be between {MIN_DATE} and {MAX_DATE}")
    return value


def _datetime(value: dt.datetime) -> dt.datetime:
    offset = value.utcoffset()
    if offset is not None and abs(offset) > MAX_OFFSET:
        raise ValueError("the UTC offset must be within ±18:00")
    _date(value.date())
    return value


# the JSON schema formats have no minimum or maximum: "formatMinimum"/"formatMaximum" (the
# JSON Schema proposal that validators such as ajv-formats implement) state the range
SupportedDate = Annotated[
    dt.date, AfterValidator(_date),
    WithJsonSchema({"type": "string", "format": "date", "formatMinimum": MIN_DATE.isoformat(),
                    "formatMaximum": MAX_DATE.isoformat()}),
]
"""A date in years :data:`MIN_YEAR` to :data:`MAX_YEAR`."""

SupportedDateTime = Annotated[
    dt.datetime, AfterValidator(_datetime),
    WithJsonSchema({"type": "string", "format": "date-time",
                    "formatMinimum": f"{MIN_DATE.isoformat()}T00:00:00Z",
                    "formatMaximum": f"{MAX_DATE.isoformat()}T23:59:59Z",
                    "description": "years 1000 to 2200, a UTC offset within ±18:00 "
                                   "(none: UTC)"}),
]
"""A date-time in years :data:`MIN_YEAR` to :data:`MAX_YEAR` (its own date, in its own
offset) with a UTC offset within ±18:00 or none."""
