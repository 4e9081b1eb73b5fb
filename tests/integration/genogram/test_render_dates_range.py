"""The genogram options' dates are checked against the supported range (years 1000 to 2200)
at the edge: a date near year 1 was a 500 (``year 0 is out of range``: the professionals
period goes four years back), now a 422 naming the parameter."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from genogram_service.container import Services
from tests.integration.genogram.test_render_api import load
from tests.support.helpers import fields, problem


@pytest.mark.parametrize(("query", "field"), [
    ("at=0004-12-31", "query.at"), ("until=0002-01-01", "query.until"),
    ("since=0001-01-01", "query.since"), ("at=0999-12-31", "query.at"),
    ("at=2201-01-01", "query.at"),
])
def test_a_date_outside_the_range_is_a_422_naming_it(client: TestClient, services: Services,
                                                     query: str, field: str) -> None:
    index = load(services, "simple")
    body = problem(client.get(f"/persons/{index}/genogram.svg?{query}"), 422)
    assert fields(body) == [field]


def test_the_range_s_ends_are_drawn(client: TestClient, services: Services) -> None:
    index = load(services, "simple")
    for query in ("since=1000-01-01", "until=1000-01-01", "at=2200-12-31"):
        r = client.get(f"/persons/{index}/genogram.svg?{query}")
        assert r.status_code == 200, (query, r.text)
    # the first supported date is checked like any other: this person was not born yet
    problem(client.get(f"/persons/{index}/genogram.svg?at=1000-01-01"), 404)


def test_the_openapi_document_states_the_range(client: TestClient) -> None:
    params = client.get("/openapi.json").json()["paths"]["/persons/{person_id}/genogram.{fmt}"]
    at = next(p for p in params["get"]["parameters"] if p["name"] == "at")
    date = next(s for s in at["schema"]["anyOf"] if s.get("format") == "date")
    assert (date["formatMinimum"], date["formatMaximum"]) == ("1000-01-01", "2200-12-31")
