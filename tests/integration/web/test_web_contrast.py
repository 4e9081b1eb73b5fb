"""Measured WCAG 2.x contrast of the web viewer in a real headless Chromium (as in
``test_web_e2e.py``): every visible text of the main pages against the background it is drawn
on (computed styles, backgrounds composited up the ancestors), the texts in the genogram SVG
against the shape behind them (``elementsFromPoint``), and the organisation-type colours of the
professionals overlay (``render/notation.toml``) against white and their box fill.

Thresholds: 4.5:1 for text, 3:1 for large text (>= 24 px, or bold and >= 18.66 px) and for
lines and focus rings (non-text contrast, WCAG 1.4.11)."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from genogram_service.genogram.rendering.notation import load_notation
from tests.integration.web.test_web_e2e import VIEWPORT, chromium, server, sign_in  # noqa: F401 - the fixture
from tests.support.paths import DOCS

DOC = DOCS / "web.md"

#: colour maths in the page: parse computed colours, composite, WCAG relative luminance
COLOUR_JS = r"""
const parse = (c) => {
  const m = /rgba?\(([^)]+)\)/.exec(c || "");
  if (!m) { return null; }
  const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
};
const over = (top, bottom) => {  // top composited over an opaque bottom
  return [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
};
const lum = (c) => {
  const f = (v) => {
    v /= 255;
    return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
};
const ratio = (a, b) => {
  const x = lum(a), y = lum(b);
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
};
const hex = (c) => "#" + c.slice(0, 3)
  .map(v => Math.round(v).toString(16).padStart(2, "0")).join("");
// the background an element is drawn on: its own and its ancestors' background colours,
// composited from the page (white) up; background images are reported, not guessed
const background = (el) => {
  const layers = [];
  let image = false;
  for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
    const s = getComputedStyle(n);
    if (s.backgroundImage && s.backgroundImage !== "none") { image = true; }
    const c = parse(s.backgroundColor);
    if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) { break; } }
  }
  let bg = [255, 255, 255, 1];
  for (const layer of layers.reverse()) { bg = over(layer, bg); }
  return {bg, image};
};
const opacity = (el) => {
  let o = 1;
  for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
    o *= Number(getComputedStyle(n).opacity);
  }
  return o;
};
const describe = (el) => {
  let d = el.tagName.toLowerCase();
  if (el.id) { d += "#" + el.id; }
  else if (el.classList.length) { d += "." + [...el.classList].join("."); }
  const holder = el.closest("[id]");
  if (holder && holder !== el) { d = holder.tagName.toLowerCase() + "#" + holder.id + " " + d; }
  return d;
};
"""

PAGE_TEXT_JS = "() => {" + COLOUR_JS + r"""
  const out = [];
  const skip = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TITLE", "OPTION", "TEMPLATE"]);
  const fields = "input:not([type=hidden]):not([type=checkbox]):not([type=radio])"
    + ":not([type=range]), textarea";
  for (const el of document.body.querySelectorAll("*")) {
    if (skip.has(el.tagName) || el.closest("svg")) { continue; }
    const own = [...el.childNodes].filter(n => n.nodeType === 3)
      .map(n => n.textContent).join("").trim();
    const field = el.matches(fields);
    if (!own && !field) { continue; }
    const s = getComputedStyle(el);
    if (s.visibility !== "visible" || s.display === "none" || !el.getClientRects().length) {
      continue;
    }
    const {bg, image} = background(el);
    const fg = over([...parse(s.color).slice(0, 3), parse(s.color)[3] * opacity(el)], bg);
    const size = parseFloat(s.fontSize), weight = Number(s.fontWeight) || 400;
    const large = size >= 24 || (weight >= 700 && size >= 18.66);
    out.push({element: describe(el), text: (own || el.value || "(field)").slice(0, 40),
              fg: hex(fg), bg: hex(bg), ratio: ratio(fg, bg), required: large ? 3 : 4.5,
              size, weight, image});
  }
  return out;
}"""

SVG_TEXT_JS = "() => {" + COLOUR_JS + r"""
  const out = [];
  const shapes = new Set(["polygon", "path", "ellipse", "rect", "circle", "polyline"]);
  const box = document.getElementById("svg-box");
  box.scrollIntoView({block: "center"});  // elementsFromPoint sees only the viewport
  const page = background(box).bg;
  for (const t of box.querySelectorAll("svg text")) {
    const s = getComputedStyle(t);
    const fill = parse(s.fill);
    if (!fill || !t.textContent.trim()) { continue; }
    const r = t.getBoundingClientRect();
    if (!r.width || !r.height) { continue; }
    let worst = null, offscreen = false;
    for (const fx of [0.2, 0.5, 0.8]) {
      const x = r.left + r.width * fx, y = r.top + r.height / 2;
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) { offscreen = true; continue; }
      // the shapes under this point of the text, top first; painted bottom-up over the page
      const under = document.elementsFromPoint(x, y)
        .filter(e => shapes.has(e.tagName.toLowerCase()) && e.closest("svg"));
      let bg = page;
      for (const e of under.reverse()) {
        const es = getComputedStyle(e);
        const f = parse(es.fill);
        if (f && f[3] > 0 && es.fill !== "none") {
          bg = over([f[0], f[1], f[2], f[3] * Number(es.fillOpacity) * opacity(e)], bg);
        }
      }
      const alpha = fill[3] * Number(s.fillOpacity) * opacity(t);
      const fg = over([fill[0], fill[1], fill[2], alpha], bg);
      const rr = ratio(fg, bg);
      if (!worst || rr < worst.ratio) { worst = {ratio: rr, fg: hex(fg), bg: hex(bg)}; }
    }
    const size = parseFloat(t.getAttribute("font-size") || s.fontSize);
    const weight = Number(s.fontWeight) || (t.getAttribute("font-weight") === "bold" ? 700 : 400);
    const large = size >= 24 || (weight >= 700 && size >= 18.66);
    if (!worst) {
      out.push({element: "svg text", text: t.textContent.trim(), offscreen: true});
      continue;
    }
    out.push({element: "svg text", text: t.textContent.trim().slice(0, 40), fg: worst.fg,
              bg: worst.bg, ratio: worst.ratio, required: large ? 3 : 4.5, size, weight,
              image: false, offscreen});
  }
  return out;
}"""


def lum(colour: str) -> float:
    def f(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)


def ratio(a: str, b: str) -> float:
    x, y = sorted((lum(a), lum(b)), reverse=True)
    return (x + 0.05) / (y + 0.05)


def over(colour: str, alpha: float, bottom: str = "#ffffff") -> str:
    """``colour`` at ``alpha`` over ``bottom`` (how an SVG stroke with opacity looks)."""
    top = [int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    base = [int(bottom.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(t * alpha + b * (1 - alpha)):02x}" for t, b in zip(top, base,
                                                                                        strict=True))


def measure(page: Page, *, svg: bool = False) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = page.evaluate(PAGE_TEXT_JS)
    if svg:
        rows += page.evaluate(SVG_TEXT_JS)
    return rows


def failures(rows: list[dict[str, Any]]) -> list[str]:
    return [f"{r['element']} {r['text']!r}: {r['fg']} on {r['bg']} = {r['ratio']:.2f} "
            f"< {r['required']}" for r in rows if r["ratio"] < r["required"]]


def lowest(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return min(rows, key=lambda r: r["ratio"] / r["required"])


# ----------------------------------------------------------------------------- render/ colours



def render_colours() -> list[tuple[str, str, str, float, float]]:
    """(what, colour, against, ratio, required) for every colour the genogram draws from
    ``render/notation.toml`` apart from the black ink: organisation types (contact lines at
    their opacity, the "n×" count labels, the group label on the group's fill, the box
    borders), household outlines and labels, emotional relation lines and labels."""
    n = load_notation()
    white = "#ffffff"
    out: list[tuple[str, str, str, float, float]] = []
    pro = n.professionals
    for kind, c in pro.types.items():
        edge = over(c.line, pro.edge_opacity)
        out += [
            (f"org {kind}: contact line ({pro.edge_opacity:.0%} opacity) on white", edge, white,
             ratio(edge, white), 3.0),
            (f"org {kind}: count label on white", c.line, white, ratio(c.line, white), 4.5),
            (f"org {kind}: group label on its fill", c.line, c.fill, ratio(c.line, c.fill), 4.5),
            (f"org {kind}: box border on white", c.line, white, ratio(c.line, white), 3.0),
        ]
    for i, colour in enumerate(n.household.colors, start=1):
        out += [(f"household colour {i} ({colour}): label on white", colour, white,
                 ratio(colour, white), 4.5),
                (f"household colour {i} ({colour}): outline on white", colour, white,
                 ratio(colour, white), 3.0)]
    for kind, style in n.emotional.kinds.items():
        out.append((f"emotional {kind}: line on white", style.color, white,
                    ratio(style.color, white), 3.0))
        if style.labelled:
            out.append((f"emotional {kind}: label on white", style.color, white,
                        ratio(style.color, white), 4.5))
    return out


def test_render_colours_against_white_and_their_fill() -> None:
    rows = render_colours()
    assert len(rows) >= 4 * 14 + 2 * 8 + 10
    short = {what for what, _, _, r, need in rows if r < need}
    table = "\n".join(f"{what}: {c} on {bg} = {r:.2f} (needs {need})"
                      for what, c, bg, r, need in rows if r < need)
    assert short == set(), f"colours in render/ below the WCAG thresholds:\n{table}"
    # the ink of the drawing (persons, unions, children, legend text) passes everywhere
    for ink in (load_notation().person.color, load_notation().union.color):
        assert ratio(ink, "#ffffff") >= 7


# ----------------------------------------------------------------------------- the pages


def doc_rows() -> dict[str, str]:
    """``page -> lowest ratio`` as written in the table of docs/web.md."""
    text = DOC.read_text(encoding="utf-8")
    part = text.split("### Measured contrast", 1)[-1]
    rows = {}
    for line in part.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and re.fullmatch(r"\d+\.\d\d", cells[2]):
            rows[cells[0]] = cells[2]
    return rows


def test_measured_contrast_of_every_page(server: str) -> None:  # noqa: F811
    base = server
    measured: dict[str, list[dict[str, Any]]] = {}
    with chromium() as browser:
        page = browser.new_page(viewport=VIEWPORT, locale="nl-NL")
        page.goto(f"{base}/ui/login?error=login_failed")
        expect(page.locator("#login-error")).to_be_visible()
        measured["sign-in"] = measure(page)

        sign_in(page, base, "fatima")
        page.goto(f"{base}/ui/search?name=amrani")
        expect(page.locator("#results tbody tr")).to_have_count(3)
        rows = measure(page)
        page.goto(f"{base}/ui/search?name=%3Cx%3E")
        expect(page.locator("main .error")).to_be_visible()
        measured["search results"] = rows + measure(page)

        page.goto(f"{base}/ui/persons/p-kind")
        page.wait_for_selector("#svg-box svg .svg-pan-zoom_viewport", state="attached")
        page.click("#access-summary")  # the purpose and break-glass form, opened
        expect(page.locator("#access-purpose")).to_be_visible()
        expect(page.locator("#timeline .regisseur").first).to_be_visible()
        expect(page.locator("#measures .ending-soon")).to_be_visible()
        measured["person"] = measure(page)
        svg = page.evaluate(SVG_TEXT_JS)
        assert not [r["text"] for r in svg if r["offscreen"]], "drawing not all in view"
        measured["person: genogram"] = svg

        other = browser.new_page(viewport=VIEWPORT, locale="nl-NL")
        sign_in(other, base, "els")
        other.goto(f"{base}/ui/persons/p-kind")
        other.click("#break-glass-button")  # without a reason: the error shown
        expect(other.locator("#access-error")).to_be_visible()
        measured["not found, break-glass form"] = measure(other)
        other.fill("#access-reason", "Spoed: acuut gevaar, regisseur onbereikbaar")
        other.click("#break-glass-button")
        expect(other.locator("#break-glass-banner")).to_be_visible()
        measured["person, break-glass banner"] = measure(other)

    # every page has what we meant to measure
    assert all(len(rows) >= 10 for rows in measured.values()), {
        k: len(v) for k, v in measured.items()}
    texts = {r["text"] for rows in measured.values() for r in rows}
    for expected in ("Onbekende gebruikersnaam", "Noor El Amrani",
                     "Legenda", "Betrokkenheid", "Maatregelen", "Veiligheidskaart",
                     "Break-glass-toegang, gelogd."):
        assert any(expected in t for t in texts), expected
    assert any(r["element"].startswith("table#timeline") for r in measured["person"])
    assert any(r["element"].startswith("table#measures") for r in measured["person"])
    assert len(measured["person: genogram"]) >= 20

    # every page passes, the drawing included
    for name, rows in measured.items():
        assert failures(rows) == [], name
    ink = [r for r in measured["person: genogram"] if r["fg"] in ("#000000", "#1a1a1a")]
    assert len(ink) >= 15 and all(r["ratio"] >= 7 for r in ink), sorted(
        {r["fg"] for r in measured["person: genogram"]})

    # docs/web.md states these numbers
    documented = doc_rows()
    stale = []
    for name, rows in measured.items():
        low = lowest(rows)
        if documented.get(name) != f"{low['ratio']:.2f}":
            stale.append(f"| {name} | {len(rows)} | {low['ratio']:.2f} | `{low['element']}` "
                         f"{low['text']!r} ({low['fg']} on {low['bg']}) |")
    assert stale == [], "docs/web.md, Measured contrast, should say:\n" + "\n".join(stale)
