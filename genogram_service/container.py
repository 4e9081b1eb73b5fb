"""All use-case services of one process, built once from settings (API lifespan and CLI)."""

from __future__ import annotations

from dataclasses import dataclass

from genogram_service.db import Graph
from genogram_service.records.bsn import BsnVault
from genogram_service.records.service import RecordService
from genogram_service.security.access import Guard
from genogram_service.security.audit import AuditLog
from genogram_service.security.auth import AuthService
from genogram_service.security.oidc import OidcService
from genogram_service.settings import Settings


@dataclass
class Services:
    graph: Graph
    audit: AuditLog
    guard: Guard
    auth: AuthService
    records: RecordService
    oidc: OidcService

    def close(self) -> None:
        self.audit.close()
        self.graph.close()


def build_services(settings: Settings, graph: Graph | None = None) -> Services:
    graph = graph or Graph.from_settings(settings)
    audit = AuditLog.from_settings(graph, settings)
    guard = Guard(graph, audit, settings)
    auth = AuthService(graph, settings, audit)
    return Services(
        graph=graph,
        audit=audit,
        guard=guard,
        auth=auth,
        records=RecordService(graph, BsnVault.from_settings(settings), settings, guard),
        oidc=OidcService(settings, auth),
    )
