"""Sign-in throttling and bounded password hashing.

Throttling: failed sign-ins are counted per account and per client address in Neo4j
(``LoginThrottle`` nodes, one statement that counts and decides under the node's write lock),
so every API process sees the same counters. At ``login_max_failures`` failures of an account
(``login_address_max_failures`` of an address, whatever the accounts) within
``login_window_seconds`` the account (address) is locked out for ``login_lockout_seconds``;
each further lockout that follows before a quiet window doubles it (exponential back-off), up
to ``login_lockout_max_seconds``. While locked, sign-in is refused before the password is
checked (a 429 with Retry-After), the right password included. A successful sign-in clears its
account's counter, not its address's. The start of a lockout is written to the access log.

Why not the ``limits`` library: its storages are memory, Redis, Memcached and MongoDB; the
only store every API process shares here is Neo4j, and its fixed or moving windows have no
lockout that grows. The counters are a few lines of Cypher (``cypher/write/login_failed``).

Hashing: argon2 needs its memory for every check at once, so a flood of sign-ins costs memory
in proportion to the sign-ins in flight. :class:`HashSlots` runs them on
``password_hash_concurrency`` threads of their own with ``password_hash_queue`` waiting; any
further one is refused at once (429) instead of holding a thread and, later, memory.
"""

from __future__ import annotations

import math
import threading
import time
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from genogram_service.db import Graph
from genogram_service.errors import TooManySignIns
from genogram_service.settings import Settings

T = TypeVar("T")

#: counters untouched this long are pruned (a few at each counted failure)
KEEP_SECONDS = 86_400.0


class HashSlots:
    """Password hashes computed by ``concurrency`` threads of their own, ``queue`` more
    waiting; a sign-in beyond that is refused at once.

    Their own threads, not a semaphore in the request threads: glibc keeps the memory a thread
    freed in that thread's arena, so argon2's 19 MiB in each of the 40 request threads that
    ever hashed stayed resident (633 MB measured in a flood with a semaphore of 2); two hashing
    threads keep two arenas' worth."""

    def __init__(self, concurrency: int, queue: int) -> None:
        self._pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="argon2")
        # its threads end with the service (tests build many)
        weakref.finalize(self, self._pool.shutdown, wait=False)
        self._limit = concurrency + queue
        self._in_flight = 0  # hashing or waiting
        self._lock = threading.Lock()

    def run(self, work: Callable[[], T]) -> T:
        with self._lock:
            if self._in_flight >= self._limit:
                raise TooManySignIns("too many sign-ins at once; try again in a moment",
                                     retry_after=1)
            self._in_flight += 1
        try:
            return self._pool.submit(work).result()
        finally:
            with self._lock:
                self._in_flight -= 1


class LoginThrottle:
    def __init__(self, graph: Graph, settings: Settings) -> None:
        self.graph = graph
        self.settings = settings

    @staticmethod
    def keys(username: str | None, address: str | None) -> list[str]:
        """The counters of a sign-in: its account's (a well-formed user name, existing or not:
        the same answers either way) and its client address's."""
        keys = [f"account:{username}"] if username else []
        if address:
            keys.append(f"address:{address}")
        return keys

    def check(self, username: str | None, address: str | None) -> None:
        """Refuse (429) while the account or the address is locked out."""
        now = time.time()
        keys = self.keys(username, address)
        if not keys:
            return
        rows = self.graph.read("read/login_lockout", keys=keys, now=now)
        until = rows[0]["locked_until"] if rows else None
        if until is not None:
            raise TooManySignIns("too many failed sign-ins: sign-in is locked for a while",
                                 retry_after=max(1, math.ceil(until - now)))

    def failed(self, username: str | None, address: str | None) -> list[tuple[str, float]]:
        """Count a failure; the counters (keys) whose lockout it started, with its length."""
        s = self.settings
        counters = [{"key": key, "limit": s.login_max_failures if key.startswith("account:")
                     else s.login_address_max_failures}
                    for key in self.keys(username, address)]
        if not counters:
            return []
        now = time.time()
        rows = self.graph.write("write/login_failed", counters=counters, now=now,
                                window=s.login_window_seconds, base=s.login_lockout_seconds,
                                max=s.login_lockout_max_seconds,
                                keep=max(KEEP_SECONDS, s.login_lockout_max_seconds * 2))
        return [(r["key"], r["locked_until"] - now) for r in rows if r["locked"]]

    def succeeded(self, username: str) -> None:
        self.graph.write("write/login_succeeded", key=f"account:{username}")
