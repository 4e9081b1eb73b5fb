"""Single sign-on with OpenID Connect, against a real provider (oidc-provider under Node.js,
tests/support/oidc/): the whole authorization code flow over HTTP, the provider's sign-in form
filled in, its ID tokens checked by the service. The provider knows `anna` (who has an account
here) and `zoe` (who has not); two of its clients get ID tokens that are wrong on purpose
(expired, addressed to another client)."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr

from genogram_service.api import create_app
from genogram_service.container import Services
from genogram_service.db import Graph
from genogram_service.security.access import Role
from genogram_service.settings import Settings
from genogram_service.web.routes import SESSION_COOKIE
from genogram_service.web.signin import IDP_COOKIE
from tests.support.oidc import APP, Browser, Provider, start_provider

PASSWORD = "anna-local-password"


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    started = start_provider()
    yield started
    started.stop()


AppFactory = Callable[..., FastAPI]


@pytest.fixture
def sso_app(graph: Graph, settings: Settings, services: Services, provider: Provider
            ) -> AppFactory:
    """``sso_app(client_id="genogram", **settings)``: the app signed in through the provider,
    with the account `anna` (an administrator) here."""
    services.auth.create_user(username="anna", role=Role.admin, password=PASSWORD)

    def make(client_id: str = "genogram", **extra: object) -> FastAPI:
        configured = settings.model_copy(update={
            "oidc_issuer": provider.issuer, "oidc_client_id": client_id,
            "oidc_client_secret": SecretStr(f"{client_id}-secret"),
            "oidc_display_name": "Test IdP", **extra})
        return create_app(configured, graph)

    return make


@pytest.fixture
def browser_for() -> Iterator[Callable[[FastAPI], Browser]]:
    opened: list[tuple[TestClient, Browser]] = []

    def make(app: FastAPI) -> Browser:
        client = TestClient(app, raise_server_exceptions=False)
        client.__enter__()
        browser = Browser(client)
        opened.append((client, browser))
        return browser

    yield make
    for client, browser in opened:
        browser.close()
        client.__exit__(None, None, None)


def csrf_of(browser: Browser) -> str:
    page = browser.go("/ui/search")
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]


# ----------------------------------------------------------------------------- web viewer


def test_web_sign_in_through_the_provider_and_sign_out_there_too(
        sso_app: AppFactory, browser_for: Callable[[FastAPI], Browser], provider: Provider
) -> None:
    browser = browser_for(sso_app())
    page = browser.go("/ui/login")
    assert 'id="sso-signin"' in page.text and "Test IdP" in page.text
    assert 'id="login-form"' in page.text  # local passwords are on by default

    # to the provider: the authorization request carries PKCE (S256), a state and a nonce
    form = browser.go("/ui/oidc/login?next=/ui/search")
    authorize = next(u for u in browser.visited if u.startswith(provider.issuer + "/auth?"))
    query = parse_qs(urlsplit(authorize).query)
    assert query["response_type"] == ["code"] and query["client_id"] == ["genogram"]
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) >= 43
    assert query["state"][0] and query["nonce"][0]
    assert query["redirect_uri"] == [f"{APP}/ui/oidc/callback"]
    assert "login" in form.text and 'name="password"' in form.text

    moved_on = browser.sign_in_at_provider(form, "anna")
    assert moved_on.status_code == 200, moved_on.text
    assert str(moved_on.url).startswith(f"{APP}/ui/oidc/callback?code=")
    assert '<meta http-equiv="refresh" content="0;url=/ui/search">' in moved_on.text
    session = moved_on.cookies.get(SESSION_COOKIE)
    assert session
    set_cookie = "\n".join(moved_on.headers.get_list("set-cookie"))
    assert re.search(rf"{SESSION_COOKIE}=[^;]+;.*HttpOnly.*SameSite=strict", set_cookie, re.I)

    search = browser.go("/ui/search")
    assert search.status_code == 200 and '<strong id="username">anna</strong>' in search.text

    # still signed in at the provider: a second sign-in asks nothing
    again = browser.go("/ui/oidc/login?next=/ui/search")
    assert again.status_code == 200 and str(again.url).startswith(f"{APP}/ui/oidc/callback")

    # sign out: our session ends and the browser goes to the provider's end-session endpoint
    out = browser.go("/ui/logout", method="POST", data={"csrf": csrf_of(browser)},
                     stop_at=provider.issuer)
    assert out.status_code == 303
    end = urlsplit(out.headers["location"])
    assert f"{end.scheme}://{end.netloc}{end.path}" == f"{provider.issuer}/session/end"
    params = parse_qs(end.query)
    assert params["post_logout_redirect_uri"] == [f"{APP}/ui/login"]
    assert params["client_id"] == ["genogram"] and params["id_token_hint"][0].count(".") == 2
    deleted = "\n".join(out.headers.get_list("set-cookie"))
    assert f'{SESSION_COOKIE}=""' in deleted and f'{IDP_COOKIE}=""' in deleted
    assert browser.go("/ui/search", stop_at=f"{APP}/ui/login").status_code == 303
    r = browser.app.get("/ui/search", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/ui/login")

    # the provider asks to confirm, then sends the browser back to our sign-in page
    confirm = browser.go(out.headers["location"])
    assert 'name="xsrf"' in confirm.text
    back = browser.submit(confirm, logout="yes")
    assert back.status_code == 200 and str(back.url).startswith(f"{APP}/ui/login")
    # the provider's session ended too: signing in again asks for the password
    form = browser.go("/ui/oidc/login?next=/ui/search")
    assert urlsplit(str(form.url)).path.startswith("/interaction/"), form.url


def test_web_refuses_a_person_without_an_account_here(
        sso_app: AppFactory, browser_for: Callable[[FastAPI], Browser],
        caplog: pytest.LogCaptureFixture) -> None:
    browser = browser_for(sso_app())
    form = browser.go("/ui/oidc/login")
    with caplog.at_level(logging.WARNING, logger="genogram_service.security.oidc"):
        page = browser.sign_in_at_provider(form, "zoe")
    assert page.status_code == 403
    assert 'id="login-error"' in page.text and "geen account" in page.text
    assert SESSION_COOKIE not in page.cookies
    assert any("no account here for preferred_username='zoe'" in r.getMessage()
               for r in caplog.records)
    assert browser.go("/ui/search", stop_at=f"{APP}/ui/login").status_code == 303


# ----------------------------------------------------------------------------- API tokens


def test_api_bearer_token_through_the_provider_works_on_auth_me(
        sso_app: AppFactory, browser_for: Callable[[FastAPI], Browser]) -> None:
    browser = browser_for(sso_app())
    form = browser.go("/auth/oidc/login")
    callback = browser.sign_in_at_provider(form, "anna")
    assert str(callback.url).startswith(f"{APP}/auth/oidc/callback?code=")
    assert callback.status_code == 200, callback.text
    assert callback.headers["cache-control"] == "no-store"
    token = callback.json()
    assert token["token_type"] == "bearer" and token["expires_in"] > 0
    me = browser.app.get("/auth/me", headers={"Authorization": f"Bearer {token['access_token']}"})
    assert me.status_code == 200
    assert me.json()["username"] == "anna" and me.json()["role"] == "admin"
    # the code was used once: the same callback again is refused by the provider
    replay = browser.app.get(str(callback.url))
    assert replay.status_code == 401
    assert replay.headers["content-type"] == "application/problem+json"


def test_api_refuses_a_person_without_an_account_here(
        sso_app: AppFactory, browser_for: Callable[[FastAPI], Browser]) -> None:
    browser = browser_for(sso_app())
    r = browser.sign_in_at_provider(browser.go("/auth/oidc/login"), "zoe")
    assert r.status_code == 403
    assert r.headers["content-type"] == "application/problem+json"
    assert "no account for you here" in r.json()["detail"]


def test_an_id_token_for_another_client_is_refused(
        sso_app: AppFactory, browser_for: Callable[[FastAPI], Browser]) -> None:
    """The provider's client `genogram-misaddressed` gets ID tokens whose audience is
    `other-app`: signed by the provider, right issuer, right nonce, wrong audience."""
    browser = browser_for(sso_app(client_id="genogram-misaddressed"))
    r = browser.sign_in_at_provider(browser.go("/auth/oidc/login"), "anna")
    assert str(r.url).startswith(f"{APP}/auth/oidc/callback?code=")
    assert r.status_code == 401, r.text
    assert r.json()["detail"] == "the ID token was issued for another client (aud)"
    web = browser_for(sso_app(client_id="genogram-misaddressed"))
    page = web.sign_in_at_provider(web.go("/ui/oidc/login"), "anna")
    assert page.status_code == 401 and 'id="login-error"' in page.text
    assert SESSION_COOKIE not in page.cookies


def test_an_expired_id_token_is_refused(
        sso_app: AppFactory, browser_for: Callable[[FastAPI], Browser]) -> None:
    """The provider's client `genogram-skewed` gets ID tokens from a clock two hours behind:
    expired an hour ago, beyond the tolerated clock difference."""
    browser = browser_for(sso_app(client_id="genogram-skewed"))
    r = browser.sign_in_at_provider(browser.go("/auth/oidc/login"), "anna")
    assert r.status_code == 401, r.text
    assert r.json()["detail"].startswith("the ID token has expired")


def test_a_callback_from_another_browsers_sign_in_is_refused(
        sso_app: AppFactory, browser_for: Callable[[FastAPI], Browser], provider: Provider
) -> None:
    """Login injection: someone sends you the callback URL of their own sign-in (their code
    and state); your browser's flow cookie names another state, so it is refused."""
    app = sso_app()
    victim = browser_for(app)
    assert victim.go("/auth/oidc/login", stop_at=provider.issuer).status_code == 303
    attacker = browser_for(app)
    redirect = attacker.sign_in_at_provider(attacker.go("/auth/oidc/login"), "anna",
                                            stop_at=APP)
    callback = redirect.headers["location"]
    assert callback.startswith(f"{APP}/auth/oidc/callback?code=")
    r = victim.go(callback)
    assert r.status_code == 401
    assert r.json()["detail"].startswith("the sign-in was not started here")
    # and without any flow cookie at all
    assert browser_for(app).go(callback).status_code == 401


# ----------------------------------------------------------------------------- switches


def test_local_passwords_switched_off(
        sso_app: AppFactory, browser_for: Callable[[FastAPI], Browser]) -> None:
    app = sso_app(local_passwords=False)
    browser = browser_for(app)
    r = browser.app.post("/auth/token", data={"username": "anna", "password": PASSWORD})
    assert r.status_code == 403
    assert r.headers["content-type"] == "application/problem+json"
    assert "password is switched off" in r.json()["detail"]
    page = browser.go("/ui/login")
    assert 'id="login-form"' not in page.text and 'id="sso-signin"' in page.text
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    csrf = token.group(1) if token else browser.app.cookies.get("gs_login_csrf", "")
    r = browser.app.post("/ui/login", data={"username": "anna", "password": PASSWORD,
                                            "csrf": csrf})
    assert r.status_code == 403 and "staat hier uit" in r.text
    assert SESSION_COOKIE not in r.cookies
    # single sign-on still works
    moved_on = browser.sign_in_at_provider(browser.go("/ui/oidc/login"), "anna")
    assert moved_on.status_code == 200 and moved_on.cookies.get(SESSION_COOKIE)


def test_single_sign_on_is_off_unless_configured(anon: TestClient) -> None:
    r = anon.get("/auth/oidc/login", follow_redirects=False)
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"
    assert r.json()["detail"] == "single sign-on is not configured here"
    assert anon.get("/auth/oidc/callback?code=x&state=y").status_code == 404
    assert anon.get("/ui/oidc/login", follow_redirects=False).status_code == 404
    page = anon.get("/ui/login")
    assert 'id="sso-signin"' not in page.text and 'id="login-form"' in page.text
