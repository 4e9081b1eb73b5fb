"""Purpose (doelbinding) and break-glass from the web viewer, with the TestClient against the
real Neo4j: the form on the not-found page and on the person page, CSRF, the reason's minimum
length (the same as the API's), the person-scoped encrypted cookie, the access log, and no
reason in URLs or the server's logs."""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from genogram_service.container import Services
from genogram_service.security.audit import AccessEvent
from genogram_service.web.routes import ACCESS_COOKIE, REASON_MIN
from tests.integration.web.test_web import PASSWORD, csrf_of, sign_in, web  # noqa: F401 - the fixture

REASON = "Spoedmelding politie: acuut gevaar, regisseur onbereikbaar"
PURPOSE = "Voorbereiding spoedzitting"


def events(services: Services, person_id: str) -> list[AccessEvent]:
    now = dt.datetime.now(dt.UTC)
    return list(services.audit.events(start=now - dt.timedelta(hours=1),
                                      end=now + dt.timedelta(minutes=5), person_id=person_id))


def ask(c: TestClient, person_id: str, **form: str) -> Any:
    data = {"csrf": csrf_of(c), **form}
    return c.post(f"/ui/persons/{person_id}/access", data=data, follow_redirects=False)


def test_break_glass_from_the_not_found_page(web: TestClient, services: Services,  # noqa: F811
                                             caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)  # even at DEBUG: the neo4j driver's query trace (which
    # carries parameters) is held at WARNING by the graph module
    sign_in(web, "els")
    page = web.get("/ui/persons/p-kind")
    assert page.status_code == 404 and "Noor" not in page.text
    assert 'id="access-form"' in page.text and 'action="/ui/persons/p-kind/access"' in page.text
    assert 'name="action" value="break_glass"' in page.text

    # no reason, a reason too short, a forged CSRF token: a clear error and no access
    r = ask(web, "p-kind", action="break_glass", purpose=PURPOSE, reason="   ")
    assert r.status_code == 422
    assert 'id="access-error"' in r.text and "Geef een reden" in r.text
    assert "Noor" not in r.text and ACCESS_COOKIE not in r.headers.get("set-cookie", "")
    assert f'value="{PURPOSE}"' in r.text  # the purpose typed is kept
    r = ask(web, "p-kind", action="break_glass", reason="x" * (REASON_MIN - 1))
    assert r.status_code == 422 and "te kort" in r.text
    r = web.post("/ui/persons/p-kind/access", data={"csrf": "forged", "action": "break_glass",
                                                    "reason": REASON}, follow_redirects=False)
    assert r.status_code == 422 and "formulier is verlopen" in r.text
    assert ACCESS_COOKIE not in r.headers.get("set-cookie", "")
    assert web.get("/ui/persons/p-kind").status_code == 404
    assert not [e for e in events(services, "p-kind") if e.break_glass]

    # with a reason: back to the page (the reason in no URL), a cookie only for that person
    r = ask(web, "p-kind", action="break_glass", purpose=PURPOSE, reason=f"  {REASON}\n")
    assert r.status_code == 303
    assert r.headers["location"] == "/ui/persons/p-kind"
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"{ACCESS_COOKIE}=") and "Path=/ui/persons/p-kind" in cookie
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Max-Age=1800" in cookie
    assert "Spoed" not in cookie and "politie" not in cookie  # encrypted
    page = web.get("/ui/persons/p-kind")
    assert page.status_code == 200 and "Noor El Amrani" in page.text
    assert 'id="break-glass-banner"' in page.text and "Break-glass-toegang, gelogd." in page.text
    assert REASON in page.text and PURPOSE in page.text
    assert web.get("/ui/persons/p-kind/panel").status_code == 200
    assert web.get("/ui/persons/p-kind/genogram.svg").status_code == 200
    # only for that person
    assert web.get("/ui/persons/p-moeder").status_code == 404

    logged = [e for e in events(services, "p-kind") if e.username == "els"]
    glass = [e for e in logged if e.break_glass]
    assert glass and all(e.break_glass_reason == REASON and e.purpose == PURPOSE
                         and e.outcome == "allowed" for e in glass)
    assert {"read", "render"} <= {e.action for e in glass}
    assert [e for e in logged if e.outcome == "denied"]  # the refusals before it

    # the reason reaches no log of the web server (request lines are logged, it is not)
    text = "\n".join(rec.getMessage() for rec in caplog.records)
    assert "POST /ui/persons/p-kind/access 303" in text
    assert "Spoedmelding" not in text and "acuut gevaar" not in text and PURPOSE not in text

    # ending it: not found again
    r = ask(web, "p-kind", action="end")
    assert r.status_code == 303
    assert web.get("/ui/persons/p-kind").status_code == 404


def test_the_access_cookie_is_bound_to_person_user_and_session(web: TestClient  # noqa: F811
                                                               ) -> None:
    sign_in(web, "els")
    r = ask(web, "p-kind", action="break_glass", reason=REASON)
    value = re.search(f"{ACCESS_COOKIE}=([^;]+)", r.headers["set-cookie"]).group(1)  # type: ignore[union-attr]
    assert web.get("/ui/persons/p-kind").status_code == 200
    # the same cookie sent for another person is ignored
    web.cookies.set(ACCESS_COOKIE, value, path="/ui/persons/p-moeder")
    assert web.get("/ui/persons/p-moeder").status_code == 404
    # changed by one character: ignored
    web.cookies.clear()
    sign_in(web, "els")
    forged = value[:-2] + ("A" if value[-2] != "A" else "B") + value[-1]
    web.cookies.set(ACCESS_COOKIE, forged, path="/ui/persons/p-kind")
    assert web.get("/ui/persons/p-kind").status_code == 404
    # a new session (signed out and in again) does not inherit it
    web.cookies.set(ACCESS_COOKIE, value, path="/ui/persons/p-kind")
    assert web.get("/ui/persons/p-kind").status_code == 404
    # another user does not inherit it either
    web.cookies.clear()
    sign_in(web, "fatima")
    web.cookies.set(ACCESS_COOKIE, value, path="/ui/persons/p-kind")
    page = web.get("/ui/persons/p-kind")
    assert page.status_code == 200 and 'id="break-glass-banner"' not in page.text


def test_a_purpose_stated_on_the_person_page_goes_into_the_access_log(
        web: TestClient, services: Services) -> None:  # noqa: F811
    sign_in(web, "fatima")
    page = web.get("/ui/persons/p-kind")
    assert page.status_code == 200 and 'id="access-summary"' in page.text
    assert 'value="purpose"' in page.text and 'value="break_glass"' in page.text
    r = ask(web, "p-kind", action="purpose", purpose=f"  {PURPOSE} ")
    assert r.status_code == 303
    page = web.get("/ui/persons/p-kind")
    assert page.status_code == 200 and f'<span id="purpose-shown">{PURPOSE}</span>' in page.text
    assert 'id="break-glass-banner"' not in page.text
    web.get("/ui/persons/p-kind/panel", params={"o": "1", "at": "2015-01-01"})
    mine = [e for e in events(services, "p-kind") if e.username == "fatima"]
    assert {e.purpose for e in mine} == {"care", PURPOSE}  # the default before, then stated
    stated = [e for e in mine if e.purpose == PURPOSE]
    assert len(stated) >= 4 and not any(e.break_glass for e in stated)
    r = ask(web, "p-kind", action="purpose", purpose="x" * 201)
    assert r.status_code == 422 and "te lang" in r.text


def test_the_reason_needs_as_many_characters_as_the_api_asks(
        web: TestClient, services: Services) -> None:  # noqa: F811
    short, enough = "a" * (REASON_MIN - 1), "a" * REASON_MIN
    token = services.auth.login("els", PASSWORD).access_token
    headers = {"Authorization": f"Bearer {token}"}  # the JSON API ignores the UI's cookies
    assert web.get("/persons/p-kind", headers={
        **headers, "X-Break-Glass-Reason": short}).status_code == 422
    assert web.get("/persons/p-kind", headers={
        **headers, "X-Break-Glass-Reason": enough}).status_code == 200
    sign_in(web, "els")
    assert ask(web, "p-kind", action="break_glass", reason=short).status_code == 422
    assert ask(web, "p-kind", action="break_glass", reason=enough).status_code == 303


def test_only_case_workers_are_offered_break_glass(web: TestClient) -> None:  # noqa: F811
    sign_in(web, "admin")
    missing = web.get("/ui/persons/p-nobody")
    assert missing.status_code == 404 and 'id="access-form"' not in missing.text
    page = web.get("/ui/persons/p-kind")
    assert 'value="purpose"' in page.text and 'value="break_glass"' not in page.text
    r = ask(web, "p-kind", action="break_glass", reason=REASON)
    assert r.status_code == 422 and "alleen voor casushouders" in r.text
    assert ACCESS_COOKIE not in r.headers.get("set-cookie", "")


def test_the_access_form_needs_a_session(anon: TestClient) -> None:
    r = anon.post("/ui/persons/p-kind/access", data={"action": "break_glass", "reason": REASON},
                  follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/ui/login")
    assert ACCESS_COOKIE not in r.headers.get("set-cookie", "")
