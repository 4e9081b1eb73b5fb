"""``GET /persons/{id}/genogram.{fmt}``: formats and content types, options, problem+json."""

from __future__ import annotations

from fastapi.testclient import TestClient

from genogram_service.container import Services
from genogram_service.records import Bundle
from genogram_service.security.access import Role
from tests.support.families import FAMILIES
from tests.support.fixtures import ClientFactory
from tests.support.helpers import fields, problem

OPTS = "?at=2026-06-01"


def load(services: Services, name: str) -> str:
    bundle, index = FAMILIES[name]()
    services.records.import_bundle(Bundle.model_validate(bundle))
    return index


def _svg(client: TestClient, url: str) -> str:
    r = client.get(url)
    assert r.status_code == 200, r.text
    return r.text.replace("&#45;", "-")  # Graphviz writes "-" in ids as "&#45;"


def test_every_format_with_its_content_type(client: TestClient, services: Services) -> None:
    index = load(services, "simple")
    expected = {"svg": ("image/svg+xml", b"<?xml"), "png": ("image/png", b"\x89PNG"),
                "pdf": ("application/pdf", b"%PDF"), "dot": ("text/vnd.graphviz", b"digraph")}
    for fmt, (media, magic) in expected.items():
        r = client.get(f"/persons/{index}/genogram.{fmt}{OPTS}")
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith(media)
        assert magic in r.content[:200]
        assert r.headers["cache-control"] == "no-store"
    assert r.headers["x-genogram-persons"] == "10"


def test_svg_has_the_family_the_household_and_a_legend(client: TestClient,
                                                        services: Services) -> None:
    index = load(services, "simple")
    svg = _svg(client, f"/persons/{index}/genogram.svg{OPTS}")
    assert svg.count('id="person-') == 10
    assert "Gezin Yilmaz" in svg and 'id="households"' not in svg  # drawn in the overlay
    assert 'id="overlays"' in svg and "Legenda" in svg and "huishouden op de peildatum" in svg
    english = client.get(f"/persons/{index}/genogram.svg{OPTS}&lang=en").text
    assert "Legend" in english and "household on the chosen date" in english
    bare = client.get(f"/persons/{index}/genogram.svg{OPTS}&legend=false&households=false"
                      "&emotional=false&professionals=false").text
    assert "Legenda" not in bare and 'id="overlays"' not in bare


def test_the_ecomap_counts_professionals_and_organisations(client: TestClient,
                                                           services: Services) -> None:
    index = load(services, "ecomap")
    svg = _svg(client, f"/persons/{index}/genogram.svg{OPTS}")
    assert "Samira Bouzid: 9 professionals van 5 organisaties" in svg
    assert svg.count('id="professional-') == 10
    assert "★" in svg and "regisseur" in svg
    assert "gecertificeerde instelling" in svg  # the organisation-type groups
    window = _svg(client, f"/persons/{index}/genogram.svg{OPTS}&since=2026-05-01")
    assert window.count('id="professional-') < 10


def test_options_are_validated_as_problem_json(client: TestClient, services: Services) -> None:
    index = load(services, "simple")
    body = problem(client.get(f"/persons/{index}/genogram.svg?up=9"), 422)
    assert "query.up" in fields(body)
    body = problem(client.get(f"/persons/{index}/genogram.svg?lang=fr"), 422)
    assert "query.lang" in fields(body)
    body = problem(client.get(f"/persons/{index}/genogram.svg?since=2025-01-01"
                              "&until=2024-01-01"), 422)
    assert "query.since" in fields(body)
    problem(client.get(f"/persons/{index}/genogram.gif"), 422)
    problem(client.get(f"/persons/{index}/genogram.svg?at=yesterday"), 422)


def test_unknown_person_and_unborn_index(client: TestClient, services: Services) -> None:
    problem(client.get("/persons/nobody/genogram.svg"), 404)
    index = load(services, "simple")
    problem(client.get(f"/persons/{index}/genogram.svg?at=2000-01-01"), 404)


def test_access_control(client_as: ClientFactory, anon: TestClient,
                        services: Services) -> None:
    index = load(services, "ecomap")
    problem(anon.get(f"/persons/{index}/genogram.svg"), 401)
    problem(client_as(Role.analyst).get(f"/persons/{index}/genogram.svg"), 403)
    stranger = client_as(Role.case_worker, professional_id="nobody")
    problem(stranger.get(f"/persons/{index}/genogram.svg"), 404)
    worker = client_as(Role.case_worker, professional_id="em-reg")
    r = worker.get(f"/persons/{index}/genogram.svg{OPTS}")
    assert r.status_code == 200 and 'id="person-em-mum"' in r.text.replace("&#45;", "-")
