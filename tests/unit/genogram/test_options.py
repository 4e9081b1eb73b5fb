"""One declaration of the genogram options: the API's query parameters and the web page's
options come from :class:`GenogramOptions` (``genogram render``'s: tests/unit/cli)."""

from __future__ import annotations

import datetime as dt

import pytest
from starlette.requests import Request

from genogram_service.api import create_app
from genogram_service.errors import ValidationProblem
from genogram_service.genogram.options import GenogramOptions
from genogram_service.web.routes import page_options, page_query

FIELDS = GenogramOptions.model_fields


def test_the_api_has_a_query_parameter_per_option() -> None:
    operation = create_app().openapi()["paths"]["/persons/{person_id}/genogram.{fmt}"]["get"]
    query = {p["name"]: p for p in operation["parameters"] if p["in"] == "query"}
    assert list(query) == list(FIELDS)
    for name, field in FIELDS.items():
        assert query[name]["description"] == field.description, name
        assert query[name]["schema"].get("default") == field.default, name


def page(query: str, cookie: str = "") -> Request:
    headers = [(b"cookie", cookie.encode())] if cookie else []
    return Request({"type": "http", "method": "GET", "path": "/ui/persons/p/panel",
                    "query_string": query.encode(), "headers": headers})


def test_the_web_page_reads_its_query_into_the_model() -> None:
    assert page_options(page("")) == GenogramOptions()
    # the form sends o=1 and leaves unchecked boxes out
    options = page_options(page("o=1&professionals=1&at=2015-01-01"))
    assert options == GenogramOptions(at=dt.date(2015, 1, 1), emotional=False,
                                      households=False)
    assert page_options(page("households=0&at=")) == GenogramOptions(households=False)
    assert page_options(page("", cookie="gs_lang=en")).lang == "en"
    # the page offers the overlays and the date; other options keep their defaults there
    assert page_options(page("up=5&connected=1")) == GenogramOptions()
    # the query the page's links carry reads back to the same options
    assert page_options(page(page_query(options))) == options


def test_a_bad_page_option_is_a_problem_naming_it() -> None:
    with pytest.raises(ValidationProblem) as caught:
        page_options(page("at=yesterday"))
    assert [e.field for e in caught.value.errors] == ["query.at"]
