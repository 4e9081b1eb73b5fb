"""The repository layer: the only code that imports the neo4j driver."""

from genogram_service.db.driver import Graph, Tx, WriteCounters

__all__ = ["Graph", "Tx", "WriteCounters"]
