"""The only module that talks to the Neo4j driver: runs named statements, converts values,
and turns driver failures into our errors (unreachable → 503, constraint → 409).

Retries are ours, not the driver's managed-transaction loop: that loop retried a refused
connection with backoff for ``max_transaction_retry_time``, so a write, or a read whose
access-log entry is a write, learned that Neo4j was down only when that time had run out,
while a plain read learned it at once. Here an unreachable database (refused, lost or
unanswered connection, or Neo4j saying its database is stopping) is retried once, at once (a
pooled connection the server closed fails immediately, and the pool then drops every idle
connection to that server, so the retry connects afresh), and not at all when the attempt
took half the connection timeout or more (a server that does not answer would make a second
attempt wait as long). Getting a connection is bounded by the connection timeout (TCP, Bolt
handshake, a free pool slot). Other transient errors (deadlocks, lock timeouts) are retried
with backoff, as the driver does, for up to twice the connection timeout.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

import neo4j
from neo4j import GraphDatabase
from neo4j import exceptions as nx
from neo4j import graph as ngraph
from neo4j import time as ntime

from genogram_service.db.statements import load, schema_statements
from genogram_service.errors import Conflict, DatabaseUnavailable, GenogramError
from genogram_service.settings import Settings

log = logging.getLogger(__name__)
# The driver logs every query with its parameters at DEBUG (BSNs, names, access-log reasons):
# never let it inherit a DEBUG level from the root logger.
logging.getLogger("neo4j").setLevel(logging.WARNING)
T = TypeVar("T")


_SCALARS = (str, int, float, bool, type(None))
_SCALAR_TYPES = frozenset(_SCALARS)


def to_python(value: Any) -> Any:
    """Driver values to plain Python in one pass: temporal values to ``datetime`` ones, nodes
    to their properties (as ``Record.data()`` does), lists and maps recursively."""
    kind = type(value)  # the exact type first (the hot path), subclasses after
    if kind in _SCALAR_TYPES or isinstance(value, _SCALARS):
        return value
    if kind is list or isinstance(value, list):
        return [to_python(v) for v in value]
    if kind is dict or isinstance(value, dict):
        return {k: to_python(v) for k, v in value.items()}
    if isinstance(value, ntime.Date | ntime.DateTime | ntime.Time):
        return value.to_native()
    if isinstance(value, ngraph.Node):
        return {k: to_python(v) for k, v in value.items()}
    if isinstance(value, ngraph.Relationship | ngraph.Path):
        raise TypeError("statements return maps, not relationships or paths")
    return value


def row(record: neo4j.Record) -> dict[str, Any]:
    return {k: to_python(v) for k, v in record.items()}  # type: ignore[no-untyped-call]


#: what a lost, refused or unanswered connection raises
_CONNECTIVITY = (nx.ServiceUnavailable, nx.SessionExpired)
#: Neo4j's answer while its database is stopping or starting, even to a COMMIT it has applied
#: (seen when stopping it during an import: the batch was in the graph after the restart)
_DB_UNAVAILABLE = "Neo.TransientError.General.DatabaseUnavailable"
_UNREACHABLE = "The graph database cannot be reached; try again later."
_BUSY = "The graph database is busy; try again later."
_UNKNOWN_OUTCOME = ("The graph database became unavailable while committing: the write may or "
                    "may not have been committed; try again later.")


def _unavailable(exc: Exception) -> bool:
    """The database cannot be reached (or is stopping): retrying at once is futile."""
    return isinstance(exc, _CONNECTIVITY) or getattr(exc, "code", None) == _DB_UNAVAILABLE


@contextmanager
def translate_errors(*, commit_failed: Callable[[], bool] | None = None) -> Iterator[None]:
    """Driver errors to ours: 409 for a uniqueness violation; 503 (DatabaseUnavailable) for
    anything that says "try again later": unreachable, stopping, pool exhausted, transient
    errors whose retries ran out. ``commit_failed``: whether a COMMIT was answered with an
    error, so the write may have been applied: the 503 says so."""
    try:
        yield
    except GenogramError:
        raise
    except nx.ConstraintError as exc:
        raise Conflict("The write conflicts with an existing record (duplicate id).") from exc
    except (nx.DriverError, nx.Neo4jError, ConnectionError, OSError) as exc:
        if isinstance(exc, nx.IncompleteCommit) or (commit_failed and commit_failed()):
            detail = _UNKNOWN_OUTCOME
        elif isinstance(exc, nx.ConnectionAcquisitionTimeoutError):  # every connection in use
            detail = _BUSY
        elif _unavailable(exc) or isinstance(exc, nx.AuthError | ConnectionError | OSError):
            detail = _UNREACHABLE
        elif isinstance(exc, nx.TransientError):  # deadlocks, lock timeouts: retries ran out
            detail = _BUSY
        else:
            raise  # a bug (syntax, types, a closed result): a logged 500
        log.warning("neo4j unavailable: %s", type(exc).__name__)
        raise DatabaseUnavailable(detail) from exc


def _backoff(initial_s: float = 1.0, factor: float = 2.0, jitter: float = 0.2
             ) -> Iterator[float]:
    """The driver's delays between retries of a transient error (1 s, 2 s, 4 s ... +-20 %)."""
    delay = initial_s
    while True:
        yield delay * (1 - jitter + 2 * jitter * random.random())  # noqa: S311 (not a secret)
        delay *= factor


@dataclass
class WriteCounters:
    nodes_created: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    nodes_deleted: int = 0
    properties_set: int = 0

    def add(self, c: neo4j.SummaryCounters) -> None:
        self.nodes_created += c.nodes_created
        self.relationships_created += c.relationships_created
        self.relationships_deleted += c.relationships_deleted
        self.nodes_deleted += c.nodes_deleted
        self.properties_set += c.properties_set


class Tx:
    """A write transaction handed to service code: run named statements only."""

    def __init__(self, tx: neo4j.Transaction, counters: WriteCounters) -> None:
        self._tx = tx
        self.counters = counters

    def run(self, statement: str, /, **params: Any) -> list[dict[str, Any]]:
        result = self._tx.run(load(statement), params)
        records = [row(r) for r in result]
        self.counters.add(result.consume().counters)
        return records


class Graph:
    """A driver bound to one database. Create one per process."""

    def __init__(self, driver: neo4j.Driver, database: str, *,
                 connection_timeout_s: float = 5.0, max_retry_s: float = 10.0) -> None:
        self.driver = driver
        self.database = database
        self.connection_timeout_s = connection_timeout_s
        self.max_retry_s = max_retry_s

    @classmethod
    def from_settings(cls, settings: Settings) -> Graph:
        auth = None
        if settings.neo4j_password is not None:
            auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
        timeout = settings.neo4j_connection_timeout_s
        driver = GraphDatabase.driver(
            settings.effective_neo4j_uri,
            auth=auth,
            # one bound for getting a connection: TCP connect, Bolt handshake (a server that
            # accepts but does not answer waited out the acquisition timeout) and a free slot
            # in the pool
            connection_timeout=timeout,
            connection_acquisition_timeout=timeout,
            notifications_min_severity=neo4j.NotificationMinimumSeverity.WARNING,
            # optional properties (e.g. the date precisions of genealogy data) that no record
            # has yet are expected, not worth a warning with the whole query on every read
            notifications_disabled_classifications=[
                neo4j.NotificationDisabledClassification.UNRECOGNIZED],
        )
        return cls(driver, settings.neo4j_database, connection_timeout_s=timeout,
                   max_retry_s=timeout * 2)

    def close(self) -> None:
        self.driver.close()

    def _retrying(self, attempt: Callable[[], T]) -> T:
        """Run ``attempt`` (which must be safe to repeat) under the retry policy of the module
        docstring; the last error is raised untranslated."""
        started = time.monotonic()
        delays = _backoff()
        reconnected = False
        while True:
            tried = time.monotonic()
            try:
                return attempt()
            except (nx.DriverError, nx.Neo4jError) as exc:
                if not exc.is_retryable():  # including IncompleteCommit: it may have committed
                    raise
                now = time.monotonic()
                if _unavailable(exc):
                    if reconnected or now - tried >= self.connection_timeout_s / 2:
                        raise
                    reconnected = True
                    continue
                if now - started > self.max_retry_s:
                    raise
                log.info("transient error (%s), retrying", type(exc).__name__)
                time.sleep(next(delays))

    def ping(self) -> None:
        with translate_errors():
            self.driver.verify_connectivity()

    def read(self, statement: str, /, **params: Any) -> list[dict[str, Any]]:
        """Run a read statement in an auto-commit transaction. Plain sessions without a
        bookmark manager: half the client work of ``execute_query`` (whose bookmarks give
        causal consistency across cluster members; with one server, as here, a read sees
        every committed write anyway)."""
        def attempt() -> list[dict[str, Any]]:
            with self.driver.session(database=self.database,
                                     default_access_mode=neo4j.READ_ACCESS) as session:
                return [row(r) for r in session.run(load(statement), params)]

        with translate_errors():
            return self._retrying(attempt)

    def write(self, statement: str, /, **params: Any) -> list[dict[str, Any]]:
        """One write statement in its own transaction (retried as :meth:`in_transaction`)."""
        records, _ = self.in_transaction(lambda tx: tx.run(statement, **params))
        return records

    def in_transaction(self, work: Callable[[Tx], T]) -> tuple[T, WriteCounters]:
        """Run ``work`` in one write transaction, retried as the module docstring says (so
        ``work`` must be idempotent); everything it writes commits together or not at all."""
        counters = WriteCounters()
        commit_failed = False

        def attempt() -> T:
            nonlocal commit_failed
            counters.__init__()  # type: ignore[misc]  # reset on retry
            with self.driver.session(database=self.database) as session, \
                    session.begin_transaction() as tx:
                result = work(Tx(tx, counters))
                try:
                    tx.commit()
                except (nx.DriverError, nx.Neo4jError):
                    commit_failed = True
                    raise
            return result

        with translate_errors(commit_failed=lambda: commit_failed):
            return self._retrying(attempt), counters

    def write_once(self, statement: str, /, **params: Any) -> list[dict[str, Any]]:
        """One write statement in an auto-commit transaction: one round trip, no retry (for
        callers that fall back to :meth:`in_transaction` themselves)."""
        with translate_errors(), self.driver.session(database=self.database) as session:
            return [row(r) for r in session.run(load(statement), params)]

    def run_autocommit(self, statement: str, /, **params: Any) -> None:
        """For statements that manage their own transactions (``CALL ... IN TRANSACTIONS``)."""
        with translate_errors(), self.driver.session(database=self.database) as session:
            session.run(load(statement), params).consume()

    def migrate(self) -> list[str]:
        """Apply every schema statement (all are ``IF NOT EXISTS``: idempotent)."""
        applied = []

        def run(text: str) -> None:
            with self.driver.session(database=self.database) as session:
                session.run(text).consume()

        with translate_errors():
            for name in schema_statements():
                self._retrying(partial(run, load(name)))
                applied.append(name)
            self._retrying(partial(run, "CALL db.awaitIndexes(300)"))
        return applied

    def explain(self, statement: str, params: Mapping[str, Any]) -> None:
        with translate_errors():
            self.driver.execute_query(
                "EXPLAIN " + load(statement), dict(params), database_=self.database
            )
