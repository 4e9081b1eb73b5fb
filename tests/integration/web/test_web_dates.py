"""The viewer reads its page query into the same genogram options as the API: a date outside
the supported range is a 422 problem naming it, not a 500 (``year 0 is out of range``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from genogram_service.container import Services
from tests.integration.web.test_web import seed, sign_in
from tests.support.helpers import fields, problem


@pytest.fixture
def web(app: FastAPI, services: Services) -> Iterator[TestClient]:
    seed(services)
    with TestClient(app, raise_server_exceptions=False) as c:
        c.base_url = "http://testserver"
        yield c


def test_a_date_outside_the_range_is_a_422(web: TestClient) -> None:
    sign_in(web, "admin")
    for path in ("/ui/persons/p-kind", "/ui/persons/p-kind/panel",
                 "/ui/persons/p-kind/genogram.svg"):
        r = web.get(path, params={"o": "1", "at": "0002-01-01"})
        assert "query.at" in fields(problem(r, 422)), path
    # the first supported date is answered like any other (the child was not born yet)
    assert web.get("/ui/persons/p-kind", params={"o": "1", "at": "1000-01-01"}).status_code \
        == 404
