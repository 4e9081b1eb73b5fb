"""The web viewer for case workers (``/ui``): server-rendered pages over the services."""

from fastapi import APIRouter

from genogram_service.web import routes, signin

router = APIRouter()
router.include_router(signin.router)
router.include_router(routes.router)

__all__ = ["router"]
