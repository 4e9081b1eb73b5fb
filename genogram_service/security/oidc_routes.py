"""Single sign-on for API clients: a bearer token of this service through the provider.

``GET /auth/oidc/login`` sends the browser to the provider; after the sign-in there, the
provider sends it back to ``GET /auth/oidc/callback``, which answers with the same bearer token
``POST /auth/token`` gives for a password (a command-line tool opens the first URL in a browser
and the person copies the token, or a tool that can receive the redirect takes it from the
callback's answer). The provider's own tokens never leave the server. Both routes answer 404
while single sign-on is not configured.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse

from genogram_service.http.openapi import ERRORS
from genogram_service.security.auth import Token
from genogram_service.security.oidc import FLOW_SECONDS, OidcService

router = APIRouter(tags=["auth"])

FLOW_COOKIE = "gs_oidc_flow"
FLOW_PATH = "/auth/oidc"
CALLBACK = "/auth/oidc/callback"


async def get_oidc(request: Request) -> OidcService:
    oidc: OidcService = request.app.state.oidc
    return oidc


OidcDep = Annotated[OidcService, Depends(get_oidc)]


@router.get("/auth/oidc/login", status_code=303, response_class=RedirectResponse,
            summary="Sign in with single sign-on: to the provider",
            responses={303: {"description": "To the provider's sign-in page"},
                       404: {**ERRORS[404], "description": "Single sign-on is not configured"},
                       503: {**ERRORS[503], "description": "The provider did not answer"}})
def oidc_login(request: Request, oidc: OidcDep) -> Any:
    base = oidc.redirect_base(str(request.base_url))
    url, sealed = oidc.start(base + CALLBACK)
    response = RedirectResponse(url, status_code=303, headers={"Cache-Control": "no-store"})
    # Lax, not Strict: the callback is a top-level navigation coming from the provider's site
    response.set_cookie(FLOW_COOKIE, sealed, max_age=FLOW_SECONDS, httponly=True,
                        samesite="lax", secure=request.url.scheme == "https", path=FLOW_PATH)
    return response


@router.get(CALLBACK, response_model=Token,
            summary="Sign in with single sign-on: back from the provider, a bearer token",
            responses={401: ERRORS[401],
                       403: {**ERRORS[403], "description": "No account here for this person"},
                       404: {**ERRORS[404], "description": "Single sign-on is not configured"},
                       503: {**ERRORS[503], "description": "The provider did not answer"}})
def oidc_callback(
    request: Request, oidc: OidcDep,
    code: Annotated[str | None, Query(max_length=2000)] = None,
    state: Annotated[str | None, Query(max_length=500)] = None,
    iss: Annotated[str | None, Query(max_length=500)] = None,
    error: Annotated[str | None, Query(max_length=100)] = None,
) -> Any:
    params = {k: v for k, v in {"code": code, "state": state, "iss": iss,
                                "error": error}.items() if v is not None}
    sign_in = oidc.finish(params, request.cookies.get(FLOW_COOKIE))
    response = JSONResponse(sign_in.token.model_dump(), headers={"Cache-Control": "no-store"})
    response.delete_cookie(FLOW_COOKIE, path=FLOW_PATH)
    return response
