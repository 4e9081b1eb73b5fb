"""The web viewer for case workers (``/ui``): server-rendered pages over the services."""

from .routes import router

__all__ = ["router"]
