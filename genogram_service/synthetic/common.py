"""Small shared pieces of the generators: the reference dates, seeded random streams, weighted
choices and day-number arithmetic.

Days are proleptic ordinals (``date.toordinal()``): plain ints are much cheaper to draw, compare
and add than ``date`` objects, and they become dates only when a record is written.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import Generic, TypeVar

#: The reference date of generated data: nothing happens on or after it, except planned ends.
DEFAULT_TODAY = dt.date(2026, 11, 1)
#: Family indexes have six digits and BSNs are unique below this bound.
MAX_FAMILIES = 1_000_000
#: Seeds are 0 .. MAX_SEED: every id carries its seed, and ids stay short.
MAX_SEED = 999_999_999
#: BSN numbering: seed ``s`` numbers its persons from ``s * BSN_STRIDE`` (100 per family), so
#: datasets of up to 10,000 families under seeds below 100 never share a BSN.
BSN_STRIDE = 1_000_000
MIN_TODAY = dt.date(2018, 1, 1)
#: Nothing professional happens before the Jeugdwet (2015).
EARLIEST = dt.date(2015, 1, 1).toordinal()
YEAR = 365.25

_T = TypeVar("_T")


def seed_tag(seed: int) -> str:
    """The id segment naming the seed (``s9`` in ``p-s9-000039-00``): datasets generated with
    different seeds never share an id."""
    return f"s{seed}"


def years(n: float) -> int:
    return int(n * YEAR)


def to_date(day: int) -> dt.date:
    return dt.date.fromordinal(day)


def to_opt_date(day: int | None) -> dt.date | None:
    return None if day is None else dt.date.fromordinal(day)


def rng_for(*parts: object) -> random.Random:
    # A str seed is hashed with SHA-512 by random.Random: stable across runs and platforms.
    return random.Random(":".join(str(p) for p in parts))  # noqa: S311 - synthetic data


class Choice(Generic[_T]):
    """A weighted choice with precomputed cumulative weights (faster than rng.choices)."""

    __slots__ = ("cum", "total", "values")

    def __init__(self, pairs: Sequence[tuple[_T, float]]) -> None:
        self.values = tuple(v for v, _ in pairs)
        self.cum = tuple(accumulate(w for _, w in pairs))
        self.total = self.cum[-1]

    def __call__(self, rng: random.Random) -> _T:
        return self.values[bisect_right(self.cum, rng.random() * self.total)]
