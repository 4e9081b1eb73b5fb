"""How fast this machine is right now, for reading benchmark numbers of different days side
by side: the time of a fixed pure-Python loop (ten million additions, one core, the best of
three). This machine's speed varies from day to day (the loop took 370 to 1,140 ms between
2026-12-02 and 2026-12-03), and every absolute number moves with it; the ratios measured
within one run much less."""

from __future__ import annotations

import time


def loop_ms(repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        total = 0
        for i in range(10_000_000):
            total += i
        best = min(best, time.perf_counter() - start)
    return round(best * 1000, 1)
