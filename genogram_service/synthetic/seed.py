"""The generator of families and their cases: ``generate`` and ``generate_chunks``.

``generate(families=N, seed=S)`` returns one :class:`Bundle`; ``generate_chunks`` yields the same
records in bundles of at most ``chunk_families`` families, so that 100,000 families can be
generated (and imported) without holding them all in memory.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager

from genogram_service.records.bundle import Bundle
from genogram_service.synthetic.cases import Cases
from genogram_service.synthetic.common import DEFAULT_TODAY, MAX_FAMILIES, MAX_SEED, MIN_TODAY
from genogram_service.synthetic.genealogy import Genealogy
from genogram_service.synthetic.sink import Sink
from genogram_service.synthetic.world import World, professionals_for

__all__ = ["DEFAULT_TODAY", "MAX_FAMILIES", "generate", "generate_chunks", "professionals_for"]


class Family(Genealogy, Cases):
    """Builds the records of one family (and its cases) into a sink."""

    def build(self) -> None:
        self._core()
        self._emotions()
        self._cases()
        self._routine_contacts()
        self._emit_family()


def _check(families: int, start_index: int, today: dt.date, seed: int) -> None:
    if not 0 <= seed <= MAX_SEED:
        raise ValueError(f"the seed must be 0 .. {MAX_SEED} (it is part of every id)")
    if families < 0 or start_index < 0:
        raise ValueError("families and start_index must not be negative")
    if start_index + families > MAX_FAMILIES:
        raise ValueError(f"at most {MAX_FAMILIES} families")
    if today < MIN_TODAY:
        raise ValueError(f"today must not be before {MIN_TODAY.isoformat()}")


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building millions of small acyclic objects.

    The records form no reference cycles (reference counting frees them), but every
    generation-2 collection walks the whole growing heap, again and again as it grows.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _families(world: World, sink: Sink, start: int, stop: int) -> None:
    with _gc_paused():
        for k in range(start, stop):
            Family(world, sink, k).build()


def generate(
    *, families: int, seed: int, start_index: int = 0, today: dt.date = DEFAULT_TODAY,
) -> Bundle:
    """Families ``start_index .. start_index + families - 1`` plus the world, as one bundle.

    The world is sized for ``start_index + families`` families (see :func:`professionals_for`),
    so ``generate(families=N, seed=S)`` equals the concatenation of
    ``generate_chunks(families=N, seed=S)``.
    """
    _check(families, start_index, today, seed)
    world = World(seed=seed, professionals=professionals_for(start_index + families),
                  today=today)
    sink = Sink()
    world.emit(sink)
    _families(world, sink, start_index, start_index + families)
    return sink.bundle()


def generate_chunks(
    *, families: int, seed: int, chunk_families: int = 2000, today: dt.date = DEFAULT_TODAY,
) -> Iterator[Bundle]:
    """The records of ``generate(families=..., seed=...)`` in bundles of at most
    ``chunk_families`` families; the world (organisations, professionals, employments) is in
    the first bundle only."""
    if chunk_families < 1:
        raise ValueError("chunk_families must be at least 1")
    _check(families, 0, today, seed)
    world = World(seed=seed, professionals=professionals_for(families), today=today)
    start = 0
    while True:
        sink = Sink()
        if start == 0:
            world.emit(sink)
        stop = min(families, start + chunk_families)
        _families(world, sink, start, stop)
        yield sink.bundle()
        start = stop
        if start >= families:
            return

