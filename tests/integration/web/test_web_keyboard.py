"""The web viewer with the keyboard only, in a real headless Chromium (as ``test_web_e2e.py``):
sign in, search, open a person, switch an overlay, change the date, zoom, open other persons
from the genogram and from its text version, sign out, with nothing but Tab, Shift+Tab, Enter,
Space, typing and arrow keys (no clicks, no ``element.focus()``). Every element that gets focus
must show it: a focus ring (outline of at least 2 px, or a box shadow) with at least 3:1
contrast against what is behind it, on screen. Tabbing round a whole page comes back to the
start both ways (no keyboard trap) and passes every control."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from tests.integration.web.test_web import PASSWORD
from tests.integration.web.test_web_contrast import COLOUR_JS
from tests.integration.web.test_web_e2e import VIEWPORT, chromium, open_page, server  # noqa: F401 - the fixture

FOCUS_JS = "() => {" + COLOUR_JS + r"""
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) { return null; }
  const s = getComputedStyle(e);
  const width = parseFloat(s.outlineWidth) || 0;
  const colour = s.outlineStyle !== "none" && width >= 2 ? parse(s.outlineColor) : null;
  const behind = background(e.parentElement || e).bg;  // the ring is drawn outside the element
  const r = e.getBoundingClientRect();
  return {
    tag: e.tagName.toLowerCase(), id: e.id || "", href: e.getAttribute("href") || "",
    text: (e.getAttribute("aria-label") || e.textContent || e.value || "").trim().slice(0, 40),
    ring: colour ? hex(colour) : null, width, shadow: s.boxShadow !== "none",
    contrast: colour ? ratio(over(colour, behind), behind) : 0, behind: hex(behind),
    inView: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
            && r.top < innerHeight && r.left < innerWidth,
    inGenogram: !!e.closest("#svg-box svg"), inAltPersons: !!e.closest("#alt-persons"),
  };
}"""


def focused(page: Page) -> dict[str, Any] | None:
    info: dict[str, Any] | None = page.evaluate(FOCUS_JS)
    return info


def assert_visible_focus(info: dict[str, Any]) -> None:
    where = f"{info['tag']}#{info['id']} {info['text']!r}"
    assert info["ring"] is not None or info["shadow"], f"no focus indicator on {where}"
    if info["ring"] is not None:
        assert info["contrast"] >= 3, (f"focus ring {info['ring']} on {info['behind']}: "
                                       f"{info['contrast']:.2f} < 3 on {where}")
    assert info["inView"], f"focused but off screen: {where}"


def press(page: Page, key: str) -> dict[str, Any] | None:
    page.keyboard.press(key)
    info = focused(page)
    if info is not None:
        assert_visible_focus(info)
    return info


def tab_to(page: Page, want: Any, *, back: bool = False, limit: int = 60) -> dict[str, Any]:
    """Tab (or Shift+Tab) until ``want(info)`` holds, checking the focus on every stop."""
    seen = []
    for _ in range(limit):
        info = press(page, "Shift+Tab" if back else "Tab")
        if info is not None and want(info):
            return info
        seen.append(None if info is None else f"{info['tag']}#{info['id']} {info['text']!r}")
    raise AssertionError(f"not reached with {'Shift+' if back else ''}Tab: {seen}")


def autofocused(page: Page) -> None:
    """Wait until the sign-in form's ``autofocus`` has put the focus in the username field."""
    page.wait_for_function("document.activeElement && document.activeElement.id === "
                           "'username-field'", timeout=5000)


def transform(page: Page) -> str:
    value: str = page.evaluate(
        "document.querySelector('#svg-box svg .svg-pan-zoom_viewport').getAttribute('transform')")
    return value


def changed(page: Page, before: str) -> str:
    """The zoom/pan transform once it differs from ``before`` (svg-pan-zoom applies it on the
    next animation frame)."""
    page.wait_for_function("(b) => document.querySelector('#svg-box svg .svg-pan-zoom_viewport')"
                           ".getAttribute('transform') !== b", arg=before, timeout=3000)
    return transform(page)


def by_id(name: str) -> Any:
    return lambda info: info["id"] == name


def test_everything_with_the_keyboard_only(server: str) -> None:  # noqa: F811
    base = server
    with chromium() as browser:
        page, errors = open_page(browser)

        # sign-in: the username field has focus; back to the skip link, which shows up
        page.goto(f"{base}/ui/login")
        autofocused(page)
        info = focused(page)
        assert info is not None and info["id"] == "username-field"
        assert_visible_focus(info)
        skip = tab_to(page, lambda i: i["href"] == "#main", back=True, limit=5)
        assert skip["text"] == "Naar de inhoud"
        box = page.locator("a.skip").bounding_box()
        assert box is not None and box["x"] >= 0 and box["y"] >= 0  # moved into view
        page.keyboard.press("Enter")  # skip to the content
        assert page.evaluate("document.activeElement.id") == "main"
        assert page.locator("a.skip").bounding_box()["x"] < 0  # type: ignore[index]
        tab_to(page, by_id("username-field"), limit=2)
        page.keyboard.type("fatima")
        tab_to(page, by_id("password-field"), limit=1)
        page.keyboard.type(PASSWORD)
        tab_to(page, by_id("signin"), limit=1)
        page.keyboard.press("Enter")
        page.wait_for_url(f"{base}/ui/search")

        # search: skip link first, then the name field, Enter submits
        tab_to(page, lambda i: i["href"] == "#main", limit=1)
        page.keyboard.press("Enter")
        tab_to(page, by_id("q-name"), limit=2)
        page.keyboard.type("amrani")
        page.keyboard.press("Enter")
        expect(page.locator("#results tbody tr")).to_have_count(3)
        tab_to(page, lambda i: i["href"] == "/ui/persons/p-kind")
        page.keyboard.press("Enter")
        page.wait_for_url(f"{base}/ui/persons/p-kind")
        expect(page.locator("#person-name")).to_have_text("Noor El Amrani")
        page.wait_for_selector("#svg-box svg .svg-pan-zoom_viewport", state="attached")

        # an overlay off and on again with Space; the focus stays on the box
        tab_to(page, by_id("opt-professionals"))
        page.keyboard.press("Space")
        expect(page.locator("#alt-professionals")).to_have_count(0)
        expect(page.locator("#opt-professionals")).not_to_be_checked()
        page.keyboard.press("Space")
        expect(page.locator("#alt-professionals")).to_contain_text("Fatima de Vries")
        assert focused(page)["id"] == "opt-professionals"  # type: ignore[index]

        # the date: typed into the date field (day and month 01, whatever their order)
        tab_to(page, by_id("opt-at"))
        page.keyboard.type("01012015")
        expect(page.locator("#shown-date")).to_have_text("2015-01-01")
        expect(page.locator('#alt-relations li[data-union="u-ouders"]')).to_have_attribute(
            "data-state", "married")
        assert "at=2015-01-01" in page.url
        # and with the slider: End is today, Home the earliest birth date shown
        tab_to(page, by_id("opt-slider"), limit=6)
        page.keyboard.press("End")
        today = page.locator("#opt-slider").get_attribute("data-max")
        expect(page.locator("#shown-date")).to_have_text(today or "?")
        page.keyboard.press("Home")
        earliest = page.locator("#opt-slider").get_attribute("data-min")
        expect(page.locator("#shown-date")).to_have_text(earliest or "?")
        page.keyboard.press("ArrowRight")
        assert page.locator("#opt-at").input_value() > (earliest or "")
        tab_to(page, by_id("opt-today"), limit=1)
        page.keyboard.press("Enter")
        expect(page.locator("#shown-date")).to_have_text(today or "?")

        # zoom and pan in the focused drawing
        tab_to(page, by_id("svg-box"))
        before = transform(page)
        page.keyboard.press("+")
        zoomed = changed(page, before)
        page.keyboard.press("ArrowLeft")
        changed(page, zoomed)
        page.keyboard.press("0")
        # the persons in the drawing, one tab stop each, then the mother's page
        stops: list[str] = []
        info = press(page, "Tab")
        while info is not None and info["inGenogram"]:
            stops.append(info["href"])
            info = press(page, "Tab")
        assert stops[0] == "/ui/persons/p-kind" and len(stops) == len(set(stops)) >= 5
        assert "/ui/persons/p-moeder" in stops
        tab_to(page, lambda i: i["inGenogram"] and i["href"] == "/ui/persons/p-moeder",
               back=True)
        page.keyboard.press("Enter")
        page.wait_for_url(f"{base}/ui/persons/p-moeder")
        expect(page.locator("#person-name")).to_have_text("Sanne van der Berg")

        # from the text version (the accessible list of people) to the father
        page.wait_for_selector("#svg-box svg .svg-pan-zoom_viewport", state="attached")
        tab_to(page, lambda i: i["inAltPersons"] and i["href"] == "/ui/persons/p-vader",
               limit=80)
        page.keyboard.press("Enter")
        page.wait_for_url(f"{base}/ui/persons/p-vader")
        expect(page.locator("#person-name")).to_have_text("Mohamed El Amrani")

        # sign out: Tab into the page, Shift+Tab back up to the button
        tab_to(page, lambda i: i["text"] == "Terug naar zoeken")
        tab_to(page, by_id("signout"), back=True, limit=1)
        page.keyboard.press("Enter")
        page.wait_for_url(f"{base}/ui/login")
        page.goto(f"{base}/ui/search")
        assert "/ui/login" in page.url
        assert errors == []


def test_tab_goes_round_the_person_page_both_ways(server: str) -> None:  # noqa: F811
    base = server
    with chromium() as browser:
        page = browser.new_page(viewport=VIEWPORT, locale="nl-NL")
        page.goto(f"{base}/ui/login?next=/ui/persons/p-kind")
        autofocused(page)
        page.keyboard.type("fatima")
        page.keyboard.press("Tab")
        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(f"{base}/ui/persons/p-kind")
        page.wait_for_selector("#svg-box svg .svg-pan-zoom_viewport", state="attached")

        def lap(back: bool) -> list[str]:
            start = tab_to(page, lambda i: i["href"] == "#main", back=back, limit=90)
            assert start is not None
            stops: list[str] = []
            for _ in range(120):
                info = press(page, "Shift+Tab" if back else "Tab")
                if info is not None and info["href"] == "#main":
                    return stops
                if info is not None:
                    stops.append(info["id"] or info["href"] or info["text"])
            raise AssertionError(f"Tab did not come round (trap?): {stops[-10:]}")

        forward = lap(back=False)
        for control in ("signout", "access-summary", "opt-professionals", "opt-emotional",
                        "opt-households", "opt-at", "opt-slider", "opt-today", "svg-box",
                        "download-svg", "download-png", "download-pdf", "?lang=en",
                        "/ui/persons/p-moeder", "/ui/search"):
            assert control in forward, control
        assert {"Inzoomen", "Uitzoomen", "Passend maken"} <= set(forward)  # zoom buttons
        assert "timeline-scroll" in forward  # the scrolling timeline is reachable
        backward = lap(back=True)
        assert set(backward) == set(forward)

        # the purpose and break-glass form opens with Enter and its fields are reachable
        tab_to(page, by_id("access-summary"))
        page.keyboard.press("Enter")
        expect(page.locator("#access-purpose")).to_be_visible()
        tab_to(page, by_id("access-purpose"), limit=1)
        tab_to(page, by_id("access-reason"), limit=1)
        tab_to(page, by_id("break-glass-button"), limit=1)
        tab_to(page, by_id("purpose-button"), limit=1)
