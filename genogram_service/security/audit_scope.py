"""Deferred access-log entries of one request (see :mod:`.audit`): inside :func:`deferred` the
guard submits its entries without waiting; whoever opened the scope must :func:`settle` them
before releasing any answer."""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")

Pending = list[Future[Any]]

_PENDING: contextvars.ContextVar[Pending | None] = contextvars.ContextVar(
    "genogram_audit_pending", default=None)


@contextlib.contextmanager
def deferred() -> Iterator[Pending]:
    """Collect the entries submitted in this context, and in threads that run on a copy of it
    (Starlette's threadpool does; a plain ``ThreadPoolExecutor`` does not, and entries
    submitted there are appended synchronously, which is safe, only slower)."""
    pending: Pending = []
    token = _PENDING.set(pending)
    try:
        yield pending
    finally:
        _PENDING.reset(token)


def pending_list() -> Pending | None:
    """The open scope's list, or None when entries must be appended synchronously."""
    return _PENDING.get()


def settle(pending: Pending, timeout: float | None = 30.0) -> None:
    """Wait until every submitted entry is committed; raises the append's error otherwise."""
    for future in pending:
        future.result(timeout=timeout)


def logged_before_return(work: Callable[[], T]) -> T:
    """Run ``work`` with its access-log entries appended while it runs; return its result only
    once they are committed (what the API does per request, for callers outside the API)."""
    with deferred() as pending:
        result = work()
    settle(pending)
    return result
