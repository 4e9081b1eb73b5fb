"""The web viewer for case workers: server-rendered pages under ``/ui``.

Sign-in (``web/signin.py``: a password or single sign-on) stores our JWT in an HttpOnly,
SameSite=Strict cookie; every page builds the :class:`Actor` from that cookie exactly as
``api/deps.get_actor`` does for a bearer token, and reads only through the services with that
actor, so need-to-know and the access log apply. POST forms carry a CSRF token. None of these
routes is in the OpenAPI document.

A purpose (doelbinding) and break-glass access are asked for per person with a POST form
(``/ui/persons/{id}/access``) and kept in a short-lived cookie scoped to that person's pages
(``Path=/ui/persons/{id}``), encrypted and signed with a key derived from the JWT secret and
bound to the user and the session: the reason never appears in a URL (so never in a web
server's access log), and every page of that person is read with ``purpose`` and
``break_glass_reason`` set on the actor, so each access-log entry carries them.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import html
import json
import re
import time
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from cryptography.fernet import Fernet, InvalidToken
from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from pydantic import ValidationError

from genogram_service.container import Services
from genogram_service.errors import (
    Forbidden,
    NotFound,
    Unauthorized,
    ValidationProblem,
    from_pydantic,
)
from genogram_service.genogram.caseview import CARD_LISTS, person_overview
from genogram_service.genogram.options import GenogramOptions
from genogram_service.genogram.rendering import MEDIA_TYPES, FamilyView, RenderOptions, render
from genogram_service.genogram.service import family_view
from genogram_service.ids import ID_RE
from genogram_service.records import KIND_BY_NAME, PersonPublic
from genogram_service.security.access import Actor, Role
from genogram_service.security.auth import AuthService
from genogram_service.web.i18n import LANGS, Translator, translator

HERE = Path(__file__).parent
STATIC = HERE / "static"
templates = Jinja2Templates(directory=str(HERE / "templates"))

SESSION_COOKIE = "gs_session"
LOGIN_CSRF_COOKIE = "gs_login_csrf"
LANG_COOKIE = "gs_lang"
ACCESS_COOKIE = "gs_access"
#: a break-glass reason needs at least this many characters (as ``api/deps.get_actor``
#: requires of ``X-Break-Glass-Reason``; ``tests/test_web_break_glass.py`` checks both agree)
REASON_MIN = 10
REASON_MAX = 500  # the API's header limit
PURPOSE_MAX = 200  # the API's ``X-Purpose`` limit
ACCESS_MINUTES = 30  # how long a purpose or break-glass reason is carried
ID = ID_RE  # the ids the API accepts; checked before a value goes into a link or query
NAME = re.compile(r"^[^\W\d_][\w'’ .\-]*$")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")

router = APIRouter(prefix="/ui", include_in_schema=False)


# ----------------------------------------------------------------------------- helpers


def _services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


def _auth(request: Request) -> AuthService:
    auth: AuthService = request.app.state.auth
    return auth


def current_actor(request: Request) -> Actor | None:
    """The signed-in caller from the session cookie, built as ``api/deps.get_actor`` builds it
    from a bearer token; ``None`` without a valid cookie."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    auth = _auth(request)
    try:
        user = auth.verify_token(token)
    except Unauthorized:
        return None
    return auth.actor(user, purpose=None, break_glass_reason=None,
                      request_id=getattr(request.state, "request_id", None))


def csrf_token(request: Request) -> str:
    """The CSRF token of the session: a hash of the session cookie (which a cross-site page
    cannot read), so it needs no server-side state."""
    token = request.cookies.get(SESSION_COOKIE, "")
    return hashlib.sha256(b"genogram-ui-csrf\n" + token.encode()).hexdigest()


class Access:
    """A purpose and/or break-glass reason for one person's pages, from the access cookie."""

    def __init__(self, purpose: str | None, reason: str | None, until: dt.datetime) -> None:
        self.purpose = purpose
        self.reason = reason
        self.until = until


def _access_fernet(request: Request) -> Fernet:
    secret = _auth(request).settings.jwt_secret
    assert secret is not None  # noqa: S101 - AuthService refuses to start without it
    key = hmac.new(secret.get_secret_value().encode(), b"genogram-ui-access-cookie",
                   hashlib.sha256).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def _session_tag(request: Request) -> str:
    token = request.cookies.get(SESSION_COOKIE, "")
    return hashlib.sha256(b"genogram-ui-access\n" + token.encode()).hexdigest()[:32]


def _clean(text: str | None) -> str | None:
    """Whitespace collapsed as ``api/deps.get_actor`` does; ``None`` when empty."""
    if not text:
        return None
    return " ".join(text.split()) or None


def access_of(request: Request, actor: Actor, person_id: str) -> Access | None:
    """The purpose and break-glass reason this user stated for this person, if the cookie is
    valid (same user, same session, same person, younger than ``ACCESS_MINUTES``)."""
    raw = request.cookies.get(ACCESS_COOKIE)
    if not raw:
        return None
    try:
        data = json.loads(_access_fernet(request).decrypt(raw.encode(), ttl=ACCESS_MINUTES * 60))
        made = _access_fernet(request).extract_timestamp(raw.encode())
    except (InvalidToken, ValueError):
        return None
    if not isinstance(data, dict) or data.get("u") != actor.user_id or \
            data.get("p") != person_id or data.get("s") != _session_tag(request):
        return None
    purpose, reason = data.get("purpose"), data.get("reason")
    if not isinstance(purpose, str | None) or not isinstance(reason, str | None):
        return None
    until = dt.datetime.fromtimestamp(made, dt.UTC) + dt.timedelta(minutes=ACCESS_MINUTES)
    return Access(purpose, reason, until)


def person_actor(request: Request, actor: Actor, person_id: str) -> tuple[Actor, Access | None]:
    """The actor for one person's pages: with the purpose and break-glass reason stated for
    that person (so the guard and the access log see them, as with ``X-Purpose`` and
    ``X-Break-Glass-Reason`` in the API)."""
    access = access_of(request, actor, person_id)
    if access is None:
        return actor, None
    return actor.model_copy(update={"purpose": access.purpose,
                                    "break_glass_reason": access.reason}), access


def lang_of(request: Request) -> str:
    lang = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE) or "nl"
    return lang if lang in LANGS else "nl"


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/ui") and not target.startswith("//") and "\\" not in target:
        return target
    return "/ui/search"


def _page(request: Request, template: str, context: dict[str, Any], *, status: int = 200,
          actor: Actor | None = None) -> HTMLResponse:
    lang = lang_of(request)
    t = translator(lang)
    base = {
        "t": t, "lang": lang, "langs": LANGS, "actor": actor,
        "csrf": csrf_token(request) if actor else "",
        "here": request.url.path + (f"?{request.url.query}" if request.url.query else ""),
    }
    response = templates.TemplateResponse(request, template, {**base, **context},
                                          status_code=status)
    _headers(response)
    if request.query_params.get("lang") in LANGS:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, httponly=True,
                            samesite="strict", secure=_secure(request), path="/ui")
    return response


def _headers(response: Response) -> None:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"


def _to_login(request: Request) -> RedirectResponse:
    path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    response = RedirectResponse("/ui/login?" + urlencode({"next": path}), status_code=303)
    if request.cookies.get(SESSION_COOKIE):  # expired or invalid: drop it
        response.delete_cookie(SESSION_COOKIE, path="/ui")
    return response


def _error_page(request: Request, actor: Actor, exc: Exception, *,
                access: dict[str, Any] | None = None, status: int | None = None
                ) -> HTMLResponse:
    """403 or 404. ``access``: on a person's 404 page, the form for a purpose and break-glass
    (shown alike for persons that do not exist and persons outside the need-to-know)."""
    if isinstance(exc, Forbidden):
        return _page(request, "error.html", {"title": "forbidden_title",
                                             "text": "forbidden_text"}, status=403, actor=actor)
    return _page(request, "error.html", {"title": "not_found_title", "text": "not_found_text",
                                         "access": access}, status=status or 404, actor=actor)


def person_name(p: Any) -> str:
    """Given names, prefix and surname of a person record or drawn person."""
    parts = [getattr(p, k, None) for k in ("given_names", "prefix", "surname")]
    return " ".join(str(x) for x in parts if x) or str(getattr(p, "id", ""))


# ----------------------------------------------------------------------------- sign in / out


@router.get("", response_class=HTMLResponse)
@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    if current_actor(request) is None:
        return _to_login(request)
    return RedirectResponse("/ui/search", status_code=303)


# ----------------------------------------------------------------------------- search


@router.get("/search", response_class=HTMLResponse)
def search(request: Request,
           name: Annotated[str | None, Query(max_length=100)] = None,
           birth_date: Annotated[str | None, Query(max_length=20)] = None,
           case: Annotated[str | None, Query(max_length=100)] = None) -> Response:
    actor = current_actor(request)
    if actor is None:
        return _to_login(request)
    records = _services(request).records
    name = (name or "").strip() or None
    case = (case or "").strip() or None
    born: dt.date | None = None
    errors: list[str] = []
    if birth_date:
        try:
            born = dt.date.fromisoformat(birth_date.strip())
        except ValueError:
            errors.append("search_birth_date")
    if name is not None and (len(name) < 2 or not NAME.match(name)):
        errors.append("search_name")
    if case is not None and not ID.match(case):
        errors.append("search_case")
    results: list[PersonPublic] | None = None
    if not errors and (name or born or case):
        try:
            if case:
                results = _case_persons(records, actor, case)
                if name or born:
                    results = [p for p in results if _matches(p, name, born)]
            else:
                results = records.find_persons(actor=actor, name=name, birth_date=born)
        except ValidationProblem:
            errors.append("search_name")
        except Forbidden as exc:
            return _error_page(request, actor, exc)
    return _page(request, "search.html", {
        "name": name or "", "birth_date": birth_date or "", "case": case or "",
        "results": results, "errors": errors, "person_name": person_name}, actor=actor)


def _case_persons(records: Any, actor: Actor, case_id: str) -> list[PersonPublic]:
    try:
        case = records.get(KIND_BY_NAME["case"], case_id, actor=actor)
    except NotFound:
        return []
    out = []
    for pid in case.person_ids:
        try:
            out.append(records.get(KIND_BY_NAME["person"], pid, actor=actor))
        except NotFound:
            continue
    return out


def _matches(p: PersonPublic, name: str | None, born: dt.date | None) -> bool:
    if born is not None and p.birth_date != born:
        return False
    return name is None or name.lower() in person_name(p).lower()


# ----------------------------------------------------------------------------- person page


#: the options the page's form offers; the others keep their defaults on the page
PAGE_OPTIONS = ("at", "professionals", "emotional", "households")
OVERLAYS = ("professionals", "emotional", "households")


def page_options(request: Request) -> GenogramOptions:
    """The genogram options of a page request, read into the one :class:`GenogramOptions`
    (a bad value is a 422 problem naming it, e.g. ``query.at``, as in the API). The options
    form sends ``o=1`` and leaves an unchecked box out: that overlay is then off. An empty
    value (a cleared date field) is no value."""
    q = request.query_params
    raw: dict[str, Any] = {k: q[k] for k in PAGE_OPTIONS if q.get(k)}
    if q.get("o") == "1":
        raw.update({k: False for k in OVERLAYS if k not in q})
    try:
        return GenogramOptions.model_validate({**raw, "lang": lang_of(request)})
    except ValidationError as exc:
        raise ValidationProblem(from_pydantic(exc.errors(), prefix=["query"])) from None


def page_query(options: GenogramOptions) -> str:
    """The page's options as its query string (the download links carry them)."""
    params = {"o": "1", **{k: "1" if getattr(options, k) else "0" for k in OVERLAYS}}
    if options.at:
        params["at"] = options.at.isoformat()
    return urlencode(params)


def _family(request: Request, actor: Actor, person_id: str, options: GenogramOptions
            ) -> FamilyView:
    s = _services(request)
    return family_view(s.graph, s.guard, actor, person_id=person_id, options=options)


_NODE = re.compile(r'<g id="([^"]*)" class="node">\s*<title>([PL])_([^<]*)</title>(.*?)</g>',
                   re.S)


def link_persons(svg: str, names: dict[str, str]) -> str:
    """Wrap every person symbol and name label of a rendered genogram in a link to that
    person's page (``/ui/persons/{id}``), named for screen readers. Only the symbol's link is
    a tab stop (one per person); the name's link is for the mouse."""

    def wrap(m: re.Match[str]) -> str:
        pid = html.unescape(m.group(3))
        if not ID.match(pid) or pid not in names:
            return m.group(0)
        label = html.escape(names[pid], quote=True)
        extra = ' tabindex="-1" aria-hidden="true"' if m.group(2) == "L" else ""
        return (f'<g id="{m.group(1)}" class="node person" data-person="{html.escape(pid)}">'
                f'<title>{html.escape(names[pid])}</title>'
                f'<a href="/ui/persons/{html.escape(pid)}" class="person-link" '
                f'aria-label="{label}"{extra}>{m.group(4)}</a></g>')

    return _NODE.sub(wrap, svg)


def _svg(view: FamilyView, lang: str) -> str:
    content = render(view, "svg", RenderOptions(lang="en" if lang == "en" else "nl",
                                                legend=True, title=True))
    svg = content.decode("utf-8")
    svg = svg[svg.find("<svg"):]  # drop the XML prolog and doctype for inlining
    return link_persons(svg, {p.id: person_name(p) for p in view.persons})


def _panel_context(request: Request, actor: Actor, person_id: str, lang: str
                   ) -> dict[str, Any]:
    options = page_options(request)
    family = _family(request, actor, person_id, options)
    names = {p.id: person_name(p) for p in family.persons}
    return {
        "person_id": person_id, "view": options, "family": family, "names": names,
        "svg": Markup(_svg(family, lang)),  # noqa: S704 - our renderer's output, text escaped
        "query": page_query(options), "at": family.at,
    }


def _access_form(actor: Actor, person_id: str, access: Access | None, *,
                 error: str | None = None, purpose: str | None = None) -> dict[str, Any]:
    return {"person_id": person_id, "error": error,
            "purpose": purpose if purpose is not None else (access.purpose if access else ""),
            "break_glass": actor.role == Role.case_worker, "active": access,
            "minutes": ACCESS_MINUTES, "reason_min": REASON_MIN}


def _person_response(request: Request, user: Actor, person_id: str, *,
                     error: str | None = None, purpose: str | None = None) -> Response:
    """The person page, or the 404 page with the access form (``error``: a refused access
    request, shown with status 422)."""
    actor, access = person_actor(request, user, person_id)
    form = _access_form(user, person_id, access, error=error, purpose=purpose)
    status = 422 if error else 200
    if not ID.match(person_id):
        return _error_page(request, user, NotFound("no person"))
    s = _services(request)
    lang = lang_of(request)
    try:
        person = s.records.get(KIND_BY_NAME["person"], person_id, actor=actor)
        panel = _panel_context(request, actor, person_id, lang)
        overview = person_overview(s.graph, s.guard, actor, person_id=person_id)
    except (NotFound, Forbidden) as exc:
        return _error_page(request, user, exc, access=form, status=422 if error else None)
    except ValidationError:
        return _error_page(request, user, NotFound("no person"), access=form)
    # the family can be drawn from the person's birth on (not before: the drawing is theirs)
    born: dt.date | None = getattr(person, "birth_date", None)
    earliest = born or min(
        (p.birth_date for p in panel["family"].persons if p.birth_date),
        default=overview.today.replace(year=overview.today.year - 20))
    return _page(request, "person.html", {
        **panel, "person": person, "name": person_name(person), "overview": overview,
        "card_lists": CARD_LISTS, "slider_min": earliest.isoformat(),
        "slider_max": overview.today.isoformat(), "access": form,
    }, actor=user, status=status)


@router.get("/persons/{person_id}", response_class=HTMLResponse)
def person_page(request: Request, person_id: str) -> Response:
    actor = current_actor(request)
    if actor is None:
        return _to_login(request)
    return _person_response(request, actor, person_id)


@router.post("/persons/{person_id}/access")
def person_access(request: Request, person_id: str,
                  csrf: Annotated[str, Form(max_length=100)] = "",
                  action: Annotated[str, Form(max_length=20)] = "purpose",
                  purpose: Annotated[str, Form()] = "",
                  reason: Annotated[str, Form()] = "") -> Response:
    """State a purpose for this person's pages, ask for break-glass access (with a reason of
    at least ``REASON_MIN`` characters), or end both. Kept in the access cookie for
    ``ACCESS_MINUTES``; the reason is never put in a URL."""
    actor = current_actor(request)
    if actor is None:
        return _to_login(request)
    if not ID.match(person_id):
        return _error_page(request, actor, NotFound("no person"))
    if not hmac.compare_digest(csrf_token(request), csrf):
        return _person_response(request, actor, person_id, error="csrf_failed")
    page = RedirectResponse(f"/ui/persons/{person_id}", status_code=303)
    path = f"/ui/persons/{person_id}"
    if action == "end":
        page.delete_cookie(ACCESS_COOKIE, path=path)
        return page
    stated = _clean(purpose)
    if stated is not None and len(stated) > PURPOSE_MAX:
        return _person_response(request, actor, person_id, error="purpose_too_long",
                                purpose=stated[:PURPOSE_MAX])
    _, current = person_actor(request, actor, person_id)
    kept = current.reason if current else None
    if action == "break_glass":
        given = _clean(reason)
        if actor.role != Role.case_worker:
            return _person_response(request, actor, person_id, error="break_glass_role",
                                    purpose=stated or "")
        if given is None or len(given) < REASON_MIN or len(given) > REASON_MAX:
            return _person_response(request, actor, person_id, purpose=stated or "",
                                    error="break_glass_reason_missing" if given is None
                                    else "break_glass_reason_short" if len(given) < REASON_MIN
                                    else "break_glass_reason_long")
        kept = given
    elif action != "purpose":
        return _error_page(request, actor, NotFound("no such action"))
    if stated is None and kept is None:
        page.delete_cookie(ACCESS_COOKIE, path=path)
        return page
    data = {"u": actor.user_id, "s": _session_tag(request), "p": person_id,
            "purpose": stated, "reason": kept}
    value = _access_fernet(request).encrypt_at_time(
        json.dumps(data, ensure_ascii=False).encode(), int(time.time())).decode()
    page.set_cookie(ACCESS_COOKIE, value, max_age=ACCESS_MINUTES * 60, httponly=True,
                    samesite="strict", secure=_secure(request), path=path)
    return page


@router.get("/persons/{person_id}/panel", response_class=HTMLResponse)
def genogram_panel(request: Request, person_id: str) -> Response:
    """The genogram with its text alternative and download links (redrawn by the page's
    script when an option or the date changes)."""
    actor = current_actor(request)
    if actor is None:
        return _to_login(request)
    if not ID.match(person_id):
        return _error_page(request, actor, NotFound("no person"))
    actor, _ = person_actor(request, actor, person_id)
    try:
        panel = _panel_context(request, actor, person_id, lang_of(request))
    except (NotFound, Forbidden) as exc:
        return _error_page(request, actor, exc)
    return _page(request, "panel.html", panel, actor=actor)


@router.get("/persons/{person_id}/genogram.{fmt}")
def genogram_file(request: Request, person_id: str, fmt: Literal["svg", "png", "pdf"],
                  download: bool = False) -> Response:
    """The genogram as a file (SVG, PNG or PDF), with the page's options."""
    actor = current_actor(request)
    if actor is None:
        return _to_login(request)
    if not ID.match(person_id):
        return _error_page(request, actor, NotFound("no person"))
    lang = lang_of(request)
    actor, _ = person_actor(request, actor, person_id)
    try:
        family = _family(request, actor, person_id, page_options(request))
    except (NotFound, Forbidden) as exc:
        return _error_page(request, actor, exc)
    content = render(family, fmt, RenderOptions(lang="en" if lang == "en" else "nl",
                                                legend=True, title=True))
    disposition = "attachment" if download else "inline"
    response = Response(content, media_type=MEDIA_TYPES[fmt], headers={
        "Content-Disposition": f'{disposition}; filename="genogram-{person_id}.{fmt}"'})
    _headers(response)
    return response


# ----------------------------------------------------------------------------- static files


@router.get("/static/{path:path}")
def static(path: str) -> Response:
    target = (STATIC / path).resolve()
    if not target.is_file() or STATIC.resolve() not in target.parents:
        # problem+json, like every other error of the service
        raise NotFound("no such file among the viewer's static files")
    response = FileResponse(target)
    response.headers["Cache-Control"] = "public, max-age=3600"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


__all__ = ["Translator", "current_actor", "link_persons", "router"]
