"""The only module that talks to the Neo4j driver: runs named statements, converts values,
and turns driver failures into our errors (unreachable → 503, constraint → 409)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import neo4j
from neo4j import GraphDatabase, RoutingControl
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


@contextmanager
def translate_errors() -> Iterator[None]:
    try:
        yield
    except GenogramError:
        raise
    except (nx.ServiceUnavailable, nx.SessionExpired, nx.AuthError, ConnectionError,
            OSError) as exc:
        log.warning("neo4j unavailable: %s", type(exc).__name__)
        raise DatabaseUnavailable(
            "The graph database cannot be reached; try again later."
        ) from exc
    except nx.ConstraintError as exc:
        raise Conflict("The write conflicts with an existing record (duplicate id).") from exc


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

    def __init__(self, tx: neo4j.ManagedTransaction, counters: WriteCounters) -> None:
        self._tx = tx
        self.counters = counters

    def run(self, statement: str, /, **params: Any) -> list[dict[str, Any]]:
        result = self._tx.run(load(statement), params)
        records = [row(r) for r in result]
        self.counters.add(result.consume().counters)
        return records


class Graph:
    """A driver bound to one database. Create one per process."""

    def __init__(self, driver: neo4j.Driver, database: str) -> None:
        self.driver = driver
        self.database = database

    @classmethod
    def from_settings(cls, settings: Settings) -> Graph:
        auth = None
        if settings.neo4j_password is not None:
            auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
        driver = GraphDatabase.driver(
            settings.effective_neo4j_uri,
            auth=auth,
            connection_timeout=settings.neo4j_connection_timeout_s,
            connection_acquisition_timeout=settings.neo4j_connection_timeout_s * 2,
            max_transaction_retry_time=settings.neo4j_connection_timeout_s * 2,
            notifications_min_severity=neo4j.NotificationMinimumSeverity.WARNING,
            # optional properties (e.g. the date precisions of genealogy data) that no record
            # has yet are expected, not worth a warning with the whole query on every read
            notifications_disabled_classifications=[
                neo4j.NotificationDisabledClassification.UNRECOGNIZED],
        )
        return cls(driver, settings.neo4j_database)

    def close(self) -> None:
        self.driver.close()

    def ping(self) -> None:
        with translate_errors():
            self.driver.verify_connectivity()

    def read(self, statement: str, /, **params: Any) -> list[dict[str, Any]]:
        """Run a read statement in an auto-commit transaction. Plain sessions without a
        bookmark manager: half the client work of ``execute_query`` (whose bookmarks give
        causal consistency across cluster members; with one server, as here, a read sees
        every committed write anyway)."""
        with translate_errors(), self.driver.session(
                database=self.database, default_access_mode=neo4j.READ_ACCESS) as session:
            return [row(r) for r in session.run(load(statement), params)]

    def write(self, statement: str, /, **params: Any) -> list[dict[str, Any]]:
        with translate_errors():
            records, _, _ = self.driver.execute_query(
                load(statement), params, database_=self.database, routing_=RoutingControl.WRITE
            )
        return [row(r) for r in records]

    def in_transaction(self, work: Callable[[Tx], T]) -> tuple[T, WriteCounters]:
        """Run ``work`` in one managed write transaction (retried on transient errors, so
        ``work`` must be idempotent); everything it writes commits together or not at all."""
        counters = WriteCounters()

        def unit(tx: neo4j.ManagedTransaction) -> T:
            counters.__init__()  # type: ignore[misc]  # reset on retry
            return work(Tx(tx, counters))

        with translate_errors(), self.driver.session(database=self.database) as session:
            result = session.execute_write(unit)
        return result, counters

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
        with translate_errors():
            for name in schema_statements():
                self.driver.execute_query(load(name), database_=self.database)
                applied.append(name)
            self.driver.execute_query("CALL db.awaitIndexes(300)", database_=self.database)
        return applied

    def explain(self, statement: str, params: Mapping[str, Any]) -> None:
        with translate_errors():
            self.driver.execute_query(
                "EXPLAIN " + load(statement), dict(params), database_=self.database
            )
