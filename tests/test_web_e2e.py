"""End to end in a real headless Chromium (Debian's ``chromium``, driven by Playwright with
the system browser; nothing is downloaded): the app runs under uvicorn on 127.0.0.1 against
the test Neo4j. Saves screenshots of the main pages to ``docs/screenshots/``."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest
import uvicorn
from playwright.sync_api import Page, expect, sync_playwright

from genogram_service.api import create_app
from genogram_service.graph import Graph
from genogram_service.services.container import Services
from genogram_service.settings import Settings
from tests.test_web import PASSWORD, seed

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
SHOTS = Path(__file__).parent.parent / "docs" / "screenshots"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def server(graph: Graph, settings: Settings, services: Services) -> Iterator[str]:
    seed(services)
    port = free_port()
    config = uvicorn.Config(create_app(settings, graph), host="127.0.0.1", port=port,
                            log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


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
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="nl-NL")
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))

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
        finally:
            browser.close()
