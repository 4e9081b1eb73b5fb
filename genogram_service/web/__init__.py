"""The web viewer for case workers (``/ui``): server-rendered pages over the services."""

from genogram_service.web.routes import router

__all__ = ["router"]
