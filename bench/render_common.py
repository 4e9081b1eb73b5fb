"""A throwaway local Neo4j for the genogram benchmark and the golden pictures: port 7712, data
in ``var/neo4j-bench-render`` (``--port`` and ``--data`` override), fresh keys each run (the
data is rebuilt every time). Not part of the test suite."""

from __future__ import annotations

import argparse
from pathlib import Path

from genogram_service.container import Services, build_services
from genogram_service.db import Graph
from genogram_service.db.local import LocalDb
from genogram_service.records import Bundle
from genogram_service.records.bsn import generate_secrets
from genogram_service.settings import PROJECT_ROOT, Settings

PORT = 7712
DATA_DIR = PROJECT_ROOT / "var" / "neo4j-bench-render"


def add_db_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=PORT, help="local Neo4j port (7712)")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="its data directory")
    parser.add_argument("--keep-db", action="store_true", help="leave Neo4j running")


def start(args: argparse.Namespace) -> tuple[LocalDb, bool, Services]:
    db = LocalDb(args.data, args.port, "2g")
    started = db.start(timeout_s=600)
    print(f"neo4j {'started' if started else 'already running'} on {db.uri}", flush=True)
    keys = generate_secrets()
    settings = Settings(
        neo4j_uri=db.uri, local_db_dir=args.data, local_db_port=args.port,
        bsn_encryption_key=keys["GENOGRAM_BSN_ENCRYPTION_KEY"],
        bsn_hash_key=keys["GENOGRAM_BSN_HASH_KEY"], jwt_secret=keys["GENOGRAM_JWT_SECRET"],
        pseudonym_key=keys["GENOGRAM_PSEUDONYM_KEY"], audit_key=keys["GENOGRAM_AUDIT_KEY"],
        audit_signing_key=keys["GENOGRAM_AUDIT_SIGNING_KEY"],
    )
    graph = Graph.from_settings(settings)
    graph.ping()
    graph.migrate()
    return db, started, build_services(settings, graph)


def stop(db: LocalDb, started: bool, services: Services, args: argparse.Namespace) -> None:
    services.close()
    if started and not args.keep_db:
        db.stop()


def load(services: Services, bundle: Bundle) -> None:
    """Empty the database, then import ``bundle`` through the service (validated)."""
    services.graph.run_autocommit("write/clear_database")
    services.records.import_bundle(bundle)
