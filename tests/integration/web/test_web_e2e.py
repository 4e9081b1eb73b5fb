"""End to end in a real headless Chromium (Debian's ``chromium``, driven by Playwright with
the system browser; nothing is downloaded): the app runs under uvicorn on 127.0.0.1 against
the test Neo4j. Saves screenshots of the main pages to ``var/screenshots/``, or to
``$GENOGRAM_SCREENSHOTS_DIR`` (``./dev screenshots`` regenerates ``docs/screenshots/`` that way)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
import uvicorn
from playwright.sync_api import Browser, Page, ViewportSize, expect, sync_playwright

from genogram_service.api import create_app
from genogram_service.container import Services
from genogram_service.db import Graph
from genogram_service.settings import Settings
from tests.integration.web.test_web import PASSWORD, seed
from tests.support.paths import REPO

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


VIEWPORT: ViewportSize = {"width": 1440, "height": 1000}


@contextmanager
def chromium() -> Iterator[Browser]:
    """The system's headless Chromium, closed at the end of the block."""
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser: Browser) -> tuple[Page, list[str]]:
    """A Dutch page of the usual size, and the list its script errors are collected in."""
    page = browser.new_page(viewport=VIEWPORT, locale="nl-NL")
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page, errors
SHOTS = Path(os.environ.get("GENOGRAM_SCREENSHOTS_DIR") or REPO / "var" / "screenshots")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def running(app: Any, **config: Any) -> Iterator[str]:
    """The app under uvicorn on a free port of 127.0.0.1, for the duration."""
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="on",
                                        **{"log_level": "warning", **config}))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)


@pytest.fixture
def server(graph: Graph, settings: Settings, services: Services) -> Iterator[str]:
    seed(services)
    with running(create_app(settings, graph)) as base:
        yield base


@pytest.fixture
def logged_server(graph: Graph, settings: Settings, services: Services,
                  caplog: pytest.LogCaptureFixture) -> Iterator[str]:
    """As ``server``, with uvicorn's access log on and going to ``caplog`` (no logging
    config of uvicorn's own, so its loggers propagate)."""
    seed(services)
    caplog.set_level(logging.INFO)
    with running(create_app(settings, graph), log_level="info", access_log=True,
                 log_config=None) as base:
        yield base


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/ui/login")
    page.fill("#username-field", username)
    page.fill("#password-field", PASSWORD)
    page.click("#signin")
    page.wait_for_url(f"{base}/ui/search")


def svg_people(page: Page) -> set[str]:
    labels = page.locator("#svg-box svg a.person-link").evaluate_all(
        "els => els.map(e => e.getAttribute('aria-label'))")
    return set(labels)


def test_a_case_worker_in_the_browser(server: str) -> None:
    base = server
    SHOTS.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        page, errors = open_page(browser)

        # sign in
        page.goto(f"{base}/ui/persons/p-kind")
        assert "/ui/login" in page.url
        expect(page.locator("h1")).to_have_text("Inloggen")
        page.screenshot(path=str(SHOTS / "sign-in.png"))
        sign_in(page, base, "fatima")
        expect(page.locator("#username")).to_have_text("fatima")

        # search
        page.fill("#q-name", "amrani")
        page.click("#search-button")
        expect(page.locator("#results tbody tr")).to_have_count(3)
        page.screenshot(path=str(SHOTS / "search.png"))

        # open a person: the genogram with the expected people
        page.click("#results >> text=Noor El Amrani")
        page.wait_for_url(f"{base}/ui/persons/p-kind")
        expect(page.locator("#person-name")).to_have_text("Noor El Amrani")
        page.wait_for_selector("#svg-box svg a.person-link")
        assert {"Noor El Amrani", "Alex El Amrani", "Sanne van der Berg",
                "Mohamed El Amrani", "Geertruida Bakker"} <= svg_people(page)
        expect(page.locator('#alt-relations li[data-union="u-ouders"]')).to_have_attribute(
            "data-state", "divorced")
        # zoom and pan is active, and the keyboard reaches the persons
        page.wait_for_selector("#svg-box svg .svg-pan-zoom_viewport", state="attached")
        page.screenshot(path=str(SHOTS / "person.png"), full_page=True)
        page.focus("#svg-box")
        page.keyboard.press("+")

        # the professionals overlay: off, then on again
        page.uncheck("#opt-professionals")
        expect(page.locator("#alt-professionals")).to_have_count(0)
        expect(page.locator('#svg-box svg [id="professional-pro-1"]')).to_have_count(0)
        page.check("#opt-professionals")
        expect(page.locator("#alt-professionals")).to_contain_text("Fatima de Vries")
        expect(page.locator('#svg-box svg [id="professional-pro-1"]')).to_have_count(1)
        assert "Fatima de Vries" in page.locator("#svg-box svg").text_content()  # type: ignore[operator]

        # back before the divorce: the parents drawn as married
        page.fill("#opt-at", "2015-06-01")
        page.dispatch_event("#opt-at", "change")
        expect(page.locator("#shown-date")).to_have_text("2015-06-01")
        expect(page.locator('#alt-relations li[data-union="u-ouders"]')).to_have_attribute(
            "data-state", "married")
        assert "at=2015-06-01" in page.url
        page.screenshot(path=str(SHOTS / "person-2015.png"), full_page=True)

        # follow a click on another person in the genogram
        page.locator('#svg-box svg a.person-link[href="/ui/persons/p-moeder"]').first.click()
        page.wait_for_url(f"{base}/ui/persons/p-moeder")
        expect(page.locator("#person-name")).to_have_text("Sanne van der Berg")

        # English
        page.click("text=English (Engels)")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.locator("#timeline-title")).to_have_text("Involvement timeline")

        # sign out
        page.click("#signout")
        page.wait_for_url(f"{base}/ui/login")
        page.goto(f"{base}/ui/persons/p-kind")
        assert "/ui/login" in page.url
        assert errors == []

        # a case worker without an assignment: not in the browser, not in the API
        other = browser.new_page()
        sign_in(other, base, "els")
        response = other.goto(f"{base}/ui/persons/p-kind")
        assert response is not None and response.status == 404
        expect(other.locator("#error-title")).to_have_text("Niet gevonden")
        assert "Noor" not in other.content()
        token = httpx.post(f"{base}/auth/token",
                           data={"username": "els", "password": PASSWORD}).json()
        api = httpx.get(f"{base}/persons/p-kind",
                        headers={"Authorization": f"Bearer {token['access_token']}"})
        assert api.status_code == 404


REASON = "Spoed: politie meldt acuut gevaar voor Noor, regisseur onbereikbaar"
PURPOSE = "Spoedoverleg met de politie"


def test_break_glass_in_the_browser(logged_server: str, services: Services,
                                    caplog: pytest.LogCaptureFixture) -> None:
    """A case worker without an assignment: not found, then break-glass with a reason, the
    genogram with the banner, and the access log has it; without a reason a clear error."""
    base = logged_server
    with chromium() as browser:
        page, errors = open_page(browser)
        sign_in(page, base, "els")
        response = page.goto(f"{base}/ui/persons/p-kind")
        assert response is not None and response.status == 404
        expect(page.locator("#error-title")).to_have_text("Niet gevonden")
        expect(page.locator("#access-title")).to_have_text("Toegang met break-glass")

        # without a reason: a clear error, still nothing shown
        page.fill("#access-purpose", PURPOSE)
        with page.expect_response(lambda r: r.url.endswith("/access")) as sent:
            page.click("#break-glass-button")
        assert sent.value.status == 422
        expect(page.locator("#access-error")).to_have_text(
            "Geef een reden voor de break-glass-toegang (minstens 10 tekens).")
        expect(page.locator("#access-reason")).to_have_attribute("aria-invalid", "true")
        expect(page.locator("#access-purpose")).to_have_value(PURPOSE)
        assert "Noor" not in page.content()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "break-glass-form.png"))

        # with a reason: the person's page, with the banner and the whole family
        page.fill("#access-reason", REASON)
        page.click("#break-glass-button")
        page.wait_for_url(f"{base}/ui/persons/p-kind")
        expect(page.locator("#person-name")).to_have_text("Noor El Amrani")
        expect(page.locator("#break-glass-banner")).to_have_text("Break-glass-toegang, gelogd.")
        expect(page.locator("#break-glass-reason")).to_have_text(REASON)
        expect(page.locator("#purpose-shown")).to_have_text(PURPOSE)
        page.wait_for_selector("#svg-box svg a.person-link")
        assert {"Noor El Amrani", "Sanne van der Berg", "Mohamed El Amrani"} <= svg_people(page)
        page.screenshot(path=str(SHOTS / "break-glass.png"))
        # the redraw carries it too
        page.uncheck("#opt-professionals")
        expect(page.locator("#alt-professionals")).to_have_count(0)
        expect(page.locator("#status")).to_have_text("")
        assert "p-kind" in page.url and "Spoed" not in page.url
        # another person is still out of reach
        assert page.goto(f"{base}/ui/persons/p-oma").status == 404  # type: ignore[union-attr]
        # ended: not found again
        page.goto(f"{base}/ui/persons/p-kind")
        page.click("#access-end")
        page.wait_for_url(f"{base}/ui/persons/p-kind")
        expect(page.locator("#error-title")).to_have_text("Niet gevonden")
        assert errors == []

    now = dt.datetime.now(dt.UTC)
    events = list(services.audit.events(start=now - dt.timedelta(hours=1),
                                        end=now + dt.timedelta(minutes=5), person_id="p-kind"))
    glass = [e for e in events if e.break_glass]
    assert glass and all(e.username == "els" and e.break_glass_reason == REASON
                         and e.purpose == PURPOSE and e.outcome == "allowed" for e in glass)
    assert {"read", "render"} <= {e.action for e in glass}
    assert len([e for e in glass if e.action == "render"]) >= 2  # the page and the redraw
    # the web server's access log has every request, and not the reason or the purpose
    lines = [r.getMessage() for r in caplog.records if r.name == "uvicorn.access"]
    assert any("POST /ui/persons/p-kind/access" in line for line in lines)
    assert any("GET /ui/persons/p-kind/panel?" in line for line in lines)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Spoed" not in logged and "acuut gevaar" not in logged and PURPOSE not in logged
