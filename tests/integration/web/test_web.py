"""The web viewer (/ui) with the TestClient against the real Neo4j: sign-in, cookies, CSRF,
need-to-know, redirects, translations."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from genogram_service.container import Services
from genogram_service.records import Bundle
from genogram_service.security.access import Role
from genogram_service.web.routes import SESSION_COOKIE, link_persons
from tests.support.helpers import fields, problem
from tests.support.paths import PACKAGE as PACKAGE_DIR
from tests.support.samples import family

PASSWORD = "correct horse battery"
WEB = PACKAGE_DIR / "web"


def seed(services: Services) -> None:
    data = family()
    data["professionals"].append({"id": "pro-9", "name": "Els Zonder", "role": "jeugdbeschermer"})
    data["safety_assessments"].append(
        {"id": "sa-2", "case_id": "case-1", "version": 2, "date": "2022-03-01",
         "author_id": "pro-2", "concerns": ["Schulden"], "strengths": ["Oma helpt"],
         "steps": ["Gesprek"], "conditions": ["Geen geweld"], "judgement": 5})
    today = dt.date.today()
    data["contacts"].append({"id": "ct-2", "date": (today - dt.timedelta(days=60)).isoformat(),
                             "kind": "home_visit", "professional_ids": ["pro-1"],
                             "person_ids": ["p-kind", "p-moeder"], "case_id": "case-1"})
    data["assignments"].append({"id": "as-3", "professional_id": "pro-1", "case_id": "case-1",
                                "organisation_id": "org-gi", "role": "regisseur",
                                "start_date": "2022-07-01"})
    data["measures"].append({"id": "m-3", "kind": "ots", "child_id": "p-kind",
                             "start_date": "2024-07-01",
                             "end_date": (today + dt.timedelta(days=20)).isoformat(),
                             "court_id": "org-rb", "gi_id": "org-gi", "case_id": "case-1",
                             "extends_id": "m-2"})
    services.records.import_bundle(Bundle.model_validate(data))
    services.auth.create_user(username="admin", role=Role.admin, password=PASSWORD)
    services.auth.create_user(username="fatima", role=Role.case_worker, professional_id="pro-1",
                              password=PASSWORD)
    services.auth.create_user(username="els", role=Role.case_worker, professional_id="pro-9",
                              password=PASSWORD)


@pytest.fixture
def web(app: FastAPI, services: Services) -> Iterator[TestClient]:
    seed(services)
    with TestClient(app, raise_server_exceptions=True) as c:
        c.base_url = "http://testserver"
        yield c


def sign_in(c: TestClient, username: str, password: str = PASSWORD) -> str:
    page = c.get("/ui/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    r = c.post("/ui/login", data={"username": username, "password": password, "csrf": token,
                                  "next": "/ui/search"}, follow_redirects=False)
    assert r.status_code == 303
    return r.headers["location"]


def csrf_of(c: TestClient) -> str:
    page = c.get("/ui/search")
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]


def ui_page_paths() -> list[str]:
    from genogram_service.web.routes import router

    out = []
    for route in router.routes:
        path = getattr(route, "path", "")
        if path.startswith("/ui") and "GET" in (getattr(route, "methods", None) or set()):
            out.append(path)
    return out


def test_every_ui_page_redirects_to_login_without_a_cookie(anon: TestClient, app: FastAPI
                                                           ) -> None:
    paths = ui_page_paths()
    assert "/ui/persons/{person_id}" in paths
    checked = 0
    for path in paths:
        if path in ("/ui/login",) or path.startswith("/ui/static"):
            continue
        url = path.replace("{person_id}", "p-kind").replace("{fmt}", "svg")
        r = anon.get(url, follow_redirects=False)
        assert r.status_code == 303, url
        assert r.headers["location"].startswith("/ui/login"), url
        checked += 1
    assert checked >= 5
    # a forged or expired cookie is the same as none
    anon.cookies.set(SESSION_COOKIE, "not-a-token")
    r = anon.get("/ui/search", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/ui/login")


def test_ui_routes_are_not_in_the_openapi_document(anon: TestClient) -> None:
    paths = anon.get("/openapi.json").json()["paths"]
    assert not [p for p in paths if p.startswith("/ui")]


def test_login_sets_a_strict_httponly_cookie_and_logout_clears_it(web: TestClient) -> None:
    page = web.get("/ui/login")
    assert page.status_code == 200 and 'lang="nl"' in page.text and "Inloggen" in page.text
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    r = web.post("/ui/login", data={"username": "admin", "password": PASSWORD, "csrf": token},
                 follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/ui/search"
    cookie = [h for h in r.headers.get_list("set-cookie") if h.startswith(SESSION_COOKIE)][0]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/ui" in cookie
    assert web.get("/ui/search").status_code == 200
    # sign-out without the CSRF token does nothing
    r = web.post("/ui/logout", data={"csrf": "wrong"}, follow_redirects=False)
    assert r.headers["location"] == "/ui/search"
    assert web.get("/ui/search", follow_redirects=False).status_code == 200
    r = web.post("/ui/logout", data={"csrf": csrf_of(web)}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/ui/login"
    assert web.get("/ui/search", follow_redirects=False).status_code == 303


def test_login_refuses_wrong_passwords_and_forms_without_the_token(web: TestClient) -> None:
    assert "error=login_failed" in sign_in(web, "admin", "wrong password!")
    assert web.get("/ui/search", follow_redirects=False).status_code == 303
    web.get("/ui/login")
    r = web.post("/ui/login", data={"username": "admin", "password": PASSWORD, "csrf": "forged"},
                 follow_redirects=False)
    assert "error=csrf_failed" in r.headers["location"]
    assert SESSION_COOKIE not in r.headers.get("set-cookie", "")


def test_search_by_name_birth_date_and_case(web: TestClient) -> None:
    sign_in(web, "fatima")
    r = web.get("/ui/search", params={"name": "amrani"})
    assert "Noor El Amrani" in r.text and "Mohamed El Amrani" in r.text
    r = web.get("/ui/search", params={"birth_date": "2012-03-05"})
    assert "Noor El Amrani" in r.text and "Alex" not in r.text
    r = web.get("/ui/search", params={"case": "case-1"})
    assert "Sanne van der Berg" in r.text and "Noor El Amrani" in r.text
    r = web.get("/ui/search", params={"name": "<script>"})
    assert r.status_code == 200 and "Ongeldige zoekopdracht" in r.text
    assert "<script>" not in r.text.split("<main", 1)[1].replace('<script src=', '')


def test_case_worker_without_assignment_sees_nothing_in_the_browser_as_in_the_api(
        web: TestClient, app: FastAPI, services: Services) -> None:
    sign_in(web, "els")
    r = web.get("/ui/search", params={"name": "amrani"})
    assert "Geen personen gevonden" in r.text and "Noor" not in r.text
    assert "Geen personen gevonden" in web.get("/ui/search", params={"case": "case-1"}).text
    page = web.get("/ui/persons/p-kind")
    missing = web.get("/ui/persons/p-nobody")
    assert page.status_code == missing.status_code == 404
    assert "Noor" not in page.text
    assert page.text.replace("p-kind", "X") == missing.text.replace("p-nobody", "X")
    for path in ("/ui/persons/p-kind/panel", "/ui/persons/p-kind/genogram.svg",
                 "/ui/persons/p-kind/genogram.png"):
        assert web.get(path).status_code == 404, path
    # the JSON API says the same for the same account
    token = services.auth.login("els", PASSWORD).access_token
    with TestClient(app) as api:
        headers = {"Authorization": f"Bearer {token}"}
        assert api.get("/persons/p-kind", headers=headers).status_code == 404
        assert api.get("/persons/p-kind/genogram.svg", headers=headers).status_code == 404


def test_person_page_has_genogram_links_timeline_measures_and_card(web: TestClient) -> None:
    sign_in(web, "fatima")
    r = web.get("/ui/persons/p-kind")
    assert r.status_code == 200
    text = r.text
    assert "<svg" in text and 'href="/ui/persons/p-moeder"' in text
    assert 'class="person-link"' in text
    assert "Content-Security-Policy" in r.headers
    # text alternative
    assert 'id="alt-persons"' in text and "Sanne van der Berg" in text
    assert 'data-state="divorced"' in text
    # timeline with the handover highlighted, measures, the latest card and its changes
    assert 'id="timeline"' in text and "Fatima de Vries" in text and "Jan Smit" in text
    assert "maatregel uitgesproken" in text and 'class=" handover"' in text
    assert 'id="measures"' in text and "2024-06-30" in text
    assert 'class="ending-soon"' in text and "eindigt binnen 30 dagen" in text
    assert 'class="regisseur"' in text
    assert "Versie 2" in text and "Schulden" in text and "Ruzie tussen ouders" in text
    assert "Gewijzigd sinds versie 1" in text
    # before the divorce the parents are married
    r = web.get("/ui/persons/p-kind/panel", params={"o": "1", "at": "2015-01-01",
                                                    "professionals": "1"})
    assert 'data-state="married"' in r.text and 'data-state="divorced"' not in r.text
    # overlays off: no professionals listed
    r = web.get("/ui/persons/p-kind/panel", params={"o": "1"})
    assert 'id="alt-professionals"' not in r.text
    # a bad option value is a problem naming it, as in the API (GenogramOptions reads both)
    for path in ("/ui/persons/p-kind", "/ui/persons/p-kind/panel",
                 "/ui/persons/p-kind/genogram.svg"):
        assert "query.at" in fields(problem(web.get(path, params={"at": "yesterday"}), 422))
    # downloads
    for fmt, magic in (("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF")):
        f = web.get(f"/ui/persons/p-kind/genogram.{fmt}", params={"download": "1"})
        assert f.status_code == 200 and f.content.startswith(magic), fmt
        assert f.headers["content-disposition"].startswith("attachment")


def test_english_is_selectable_and_remembered(web: TestClient) -> None:
    sign_in(web, "admin")
    r = web.get("/ui/search", params={"lang": "en"})
    assert 'lang="en"' in r.text and "Search persons" in r.text
    assert 'lang="en"' in web.get("/ui/persons/p-kind").text
    assert "Involvement timeline" in web.get("/ui/persons/p-kind").text


def test_every_label_comes_from_the_one_table() -> None:
    table = json.loads((WEB / "i18n.json").read_text())
    assert all(set(v) == {"nl", "en"} and all(v.values()) for v in table.values())
    used: set[str] = set()
    for path in (WEB / "templates").glob("*.html"):
        used |= set(re.findall(r"""t\(["']([a-z_]+)["']\)""", path.read_text()))
    assert used and used <= set(table), sorted(used - set(table))


def test_link_persons_wraps_only_known_person_nodes() -> None:
    svg = ('<g id="person&#45;p&#45;a" class="node">\n<title>P_p&#45;a</title>\n<ellipse/>\n'
           '</g>\n<g id="node2" class="node">\n<title>U_u</title>\n<ellipse/>\n</g>')
    out = link_persons(svg, {"p-a": "Anna <B>"})
    assert '<a href="/ui/persons/p-a" class="person-link" aria-label="Anna &lt;B&gt;">' in out
    assert "<title>U_u</title>" in out
    assert link_persons(svg, {}) == svg


def test_static_files_are_served_and_do_not_escape_the_folder(anon: TestClient) -> None:
    assert anon.get("/ui/static/app.js").status_code == 200
    assert anon.get("/ui/static/vendor/svg-pan-zoom.min.js").status_code == 200
    assert anon.get("/ui/static/../routes.py").status_code == 404
    assert anon.get("/ui/static/%2e%2e/routes.py").status_code == 404
