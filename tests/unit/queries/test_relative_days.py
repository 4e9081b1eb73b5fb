"""Relative date defaults of the query catalogue (``today-4y``, ``today+1m``, ...) follow the
calendar as Neo4j's ``date + duration(...)`` does: months and years clamp to the month's last
day, and 29 February exists only in leap years."""

from __future__ import annotations

import datetime as dt

import pytest

from genogram_service.queries.catalogue import parse_definition, validate_params


def resolve(default: str, today: dt.date) -> dt.date:
    query = parse_definition("relative", "\n".join([
        "// Purpose: one date parameter",
        "// Audience: analyst",
        f"// Param: day DATE default={default}",
        "// Column: day DATE other",
        "RETURN $day AS day",
    ]), "queries/relative")
    day = validate_params(query, {}, today=today)["day"]
    assert isinstance(day, dt.date)
    return day


CASES = [
    # leap day back whole years: kept in a leap year, the 28th otherwise
    ("today-4y", dt.date(2024, 2, 29), dt.date(2020, 2, 29)),
    ("today-1y", dt.date(2024, 2, 29), dt.date(2023, 2, 28)),
    ("today+1y", dt.date(2024, 2, 29), dt.date(2025, 2, 28)),
    ("today-48m", dt.date(2024, 2, 29), dt.date(2020, 2, 29)),
    # month ends clamp to the shorter month, in and out of leap years
    ("today+1m", dt.date(2023, 1, 31), dt.date(2023, 2, 28)),
    ("today+1m", dt.date(2024, 1, 31), dt.date(2024, 2, 29)),
    ("today-1m", dt.date(2024, 3, 31), dt.date(2024, 2, 29)),
    ("today-6m", dt.date(2024, 8, 31), dt.date(2024, 2, 29)),
    ("today+1m", dt.date(2024, 3, 31), dt.date(2024, 4, 30)),
    # across the year boundary
    ("today+1m", dt.date(2023, 12, 15), dt.date(2024, 1, 15)),
    ("today-13m", dt.date(2024, 1, 31), dt.date(2022, 12, 31)),
    # days and weeks are plain days
    ("today+30d", dt.date(2024, 2, 15), dt.date(2024, 3, 16)),
    ("today-2w", dt.date(2024, 3, 10), dt.date(2024, 2, 25)),
    ("today", dt.date(2024, 2, 29), dt.date(2024, 2, 29)),
]


@pytest.mark.parametrize(("default", "today", "expected"), CASES)
def test_relative_defaults_follow_the_calendar(default: str, today: dt.date,
                                               expected: dt.date) -> None:
    assert resolve(default, today) == expected


def test_a_given_value_wins_over_the_default() -> None:
    query = parse_definition("relative", "// Purpose: p\n// Audience: analyst\n"
                             "// Param: day DATE default=today-4y\n// Column: day DATE other\n"
                             "RETURN $day AS day", "queries/relative")
    assert validate_params(query, {"day": "2001-02-03"}, today=dt.date(2024, 2, 29)) == {
        "day": dt.date(2001, 2, 3)}
