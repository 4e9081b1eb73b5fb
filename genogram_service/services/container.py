"""All use-case services of one process, built once from settings (API lifespan and CLI)."""

from __future__ import annotations

from dataclasses import dataclass

from ..graph import Graph
from ..settings import Settings
from .access import Guard
from .audit import AuditLog
from .auth import AuthService
from .bsn import BsnVault
from .records import RecordService


@dataclass
class Services:
    graph: Graph
    audit: AuditLog
    guard: Guard
    auth: AuthService
    records: RecordService

    def close(self) -> None:
        self.audit.close()
        self.graph.close()


def build_services(settings: Settings, graph: Graph | None = None) -> Services:
    graph = graph or Graph.from_settings(settings)
    audit = AuditLog(graph)
    guard = Guard(graph, audit, settings)
    return Services(
        graph=graph,
        audit=audit,
        guard=guard,
        auth=AuthService(graph, settings),
        records=RecordService(graph, BsnVault.from_settings(settings), settings, guard),
    )
