"""Use cases. Entry points (API, CLI) call these; these call the graph layer."""

from .bsn import BsnVault
from .records import RecordService

__all__ = ["BsnVault", "RecordService"]
