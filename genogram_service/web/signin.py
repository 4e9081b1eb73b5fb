"""Signing in to and out of the web viewer: with a local password (a form) or with single
sign-on (OpenID Connect, :mod:`genogram_service.security.oidc`), each switchable.

Either way the session is the same: our bearer token in the HttpOnly, SameSite=Strict session
cookie. Single sign-on adds a second cookie with the provider's ID token (encrypted), only to
name the session to the provider when signing out (RP-initiated logout), which ends the
session at the provider as well, so the next sign-in asks for the person's credentials again.

The provider sends the browser back to ``/ui/oidc/callback`` from its own site; a Strict
session cookie set there and followed by a redirect would not be sent with that redirect
(it is still the provider's navigation), so the callback answers a short page that moves on
by itself, a navigation of our own.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from genogram_service.errors import (
    Forbidden,
    IdentityProviderUnavailable,
    TooManySignIns,
    Unauthorized,
)
from genogram_service.security.oidc import FLOW_SECONDS, OidcService
from genogram_service.web.routes import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    _auth,
    _page,
    _safe_next,
    _secure,
    csrf_token,
    current_actor,
)

router = APIRouter(prefix="/ui", include_in_schema=False)

FLOW_COOKIE = "gs_oidc_flow"
FLOW_PATH = "/ui/oidc"
#: the provider's ID token of an SSO session (encrypted), for the sign-out at the provider
IDP_COOKIE = "gs_idp"
CALLBACK = "/ui/oidc/callback"
#: the messages the sign-in page shows (``?error=``)
ERRORS = ("login_failed", "login_locked", "csrf_failed", "passwords_off", "sso_failed",
          "sso_unknown_user", "sso_unavailable")


def _oidc(request: Request) -> OidcService:
    oidc: OidcService = request.app.state.oidc
    return oidc


def _local_passwords(request: Request) -> bool:
    return _auth(request).settings.local_passwords


def _login_page(request: Request, next: str | None, error: str | None, *,
                status: int = 200) -> Response:
    form_token = secrets.token_urlsafe(24)
    oidc = _oidc(request)
    response = _page(request, "login.html", {
        "form_token": form_token, "next": _safe_next(next),
        "error": error if error in ERRORS else None,
        "passwords": _local_passwords(request),
        "sso": oidc.display_name if oidc.enabled else None,
        "sso_url": "/ui/oidc/login?" + urlencode({"next": _safe_next(next)}),
    }, status=status)
    response.set_cookie(LOGIN_CSRF_COOKIE, form_token, httponly=True, samesite="strict",
                        secure=_secure(request), path="/ui")
    return response


def _session(response: Response, request: Request, token: str, expires_in: int) -> None:
    response.set_cookie(SESSION_COOKIE, token, max_age=expires_in, httponly=True,
                        samesite="strict", secure=_secure(request), path="/ui")
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/ui")


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str | None = None, error: str | None = None) -> Response:
    return _login_page(request, next, error)


@router.post("/login")
def login(request: Request, username: Annotated[str, Form(max_length=64)],
          password: Annotated[str, Form(max_length=200)],
          csrf: Annotated[str, Form(max_length=100)],
          next: Annotated[str | None, Form(max_length=500)] = None) -> Response:
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    target = _safe_next(next)
    if not expected or not hmac.compare_digest(expected, csrf):
        return RedirectResponse("/ui/login?" + urlencode({"next": target, "error": "csrf_failed"}),
                                status_code=303)
    if not _local_passwords(request):
        return _login_page(request, target, "passwords_off", status=403)
    try:
        token = _auth(request).login(username.strip(), password,
                                     request.client.host if request.client else None)
    except TooManySignIns as exc:
        # the page itself, not a redirect: the 429 and its Retry-After reach the browser
        locked = _login_page(request, target, "login_locked", status=429)
        locked.headers["Retry-After"] = str(exc.retry_after)
        return locked
    except Unauthorized:
        return RedirectResponse("/ui/login?" + urlencode({"next": target,
                                                         "error": "login_failed"}),
                                status_code=303)
    response = RedirectResponse(target, status_code=303)
    _session(response, request, token.access_token, token.expires_in)
    return response


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    if current_actor(request) is not None and not hmac.compare_digest(csrf_token(request), csrf):
        return RedirectResponse("/ui/search", status_code=303)
    oidc = _oidc(request)
    target: str | None = None
    hint = oidc.unseal(request.cookies.get(IDP_COOKIE), max_age=7 * 86400)
    if oidc.enabled and hint is not None:
        base = oidc.redirect_base(str(request.base_url))
        target = oidc.logout_url(post_logout_redirect_uri=base + "/ui/login",
                                 id_token_hint=str(hint.get("id_token") or "") or None)
    response = RedirectResponse(target or "/ui/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/ui")
    response.delete_cookie(IDP_COOKIE, path="/ui")
    return response


# ----------------------------------------------------------------------------- single sign-on


@router.get("/oidc/login")
def oidc_login(request: Request, next: str | None = None) -> Response:
    oidc = _oidc(request)
    if not oidc.enabled:
        return _login_page(request, next, "sso_failed", status=404)
    base = oidc.redirect_base(str(request.base_url))
    try:
        url, sealed = oidc.start(base + CALLBACK, next=_safe_next(next))
    except IdentityProviderUnavailable:
        return _login_page(request, next, "sso_unavailable", status=503)
    response = RedirectResponse(url, status_code=303, headers={"Cache-Control": "no-store"})
    # Lax, not Strict: the callback is a top-level navigation coming from the provider's site
    response.set_cookie(FLOW_COOKIE, sealed, max_age=FLOW_SECONDS, httponly=True,
                        samesite="lax", secure=_secure(request), path=FLOW_PATH)
    return response


@router.get("/oidc/callback")
def oidc_callback(request: Request) -> Response:
    oidc = _oidc(request)
    if not oidc.enabled:
        return _login_page(request, None, "sso_failed", status=404)
    params = {k: v[:2000] for k, v in request.query_params.items()
              if k in ("code", "state", "iss", "error")}
    try:
        sign_in = oidc.finish(params, request.cookies.get(FLOW_COOKIE))
    except Forbidden:
        return _login_page(request, None, "sso_unknown_user", status=403)
    except Unauthorized:
        return _login_page(request, None, "sso_failed", status=401)
    except IdentityProviderUnavailable:
        return _login_page(request, None, "sso_unavailable", status=503)
    target = _safe_next(sign_in.next)
    response = _page(request, "moving_on.html", {"target": target})
    _session(response, request, sign_in.token.access_token, sign_in.token.expires_in)
    response.set_cookie(IDP_COOKIE, oidc.seal({"id_token": sign_in.id_token}),
                        max_age=sign_in.token.expires_in, httponly=True, samesite="strict",
                        secure=_secure(request), path="/ui")
    response.delete_cookie(FLOW_COOKIE, path=FLOW_PATH)
    return response
