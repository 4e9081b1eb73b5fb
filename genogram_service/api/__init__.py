"""HTTP API (FastAPI)."""

from genogram_service.api.app import create_app

__all__ = ["create_app"]
