"""A key given twice in one JSON object is found and located, cheaply screened first."""

from __future__ import annotations

import orjson
import pytest

from genogram_service.errors import ValidationProblem
from genogram_service.http.json_body import repeated_key
from genogram_service.records.bundles import parse_json, parse_ndjson


def located(text: str) -> list[str | int] | None:
    data = text.encode()
    return repeated_key(data, orjson.loads(data))


@pytest.mark.parametrize(("text", "where"), [
    ('{"a": 1, "b": 2}', None),
    ('{"a": 1, "a": 2}', ["a"]),
    ('{"a": {"b": [1, {"c": 1, "d": 2, "c": 3}]}}', ["a", "b", 1, "c"]),
    ('{"a": 1, "\\u0061": 2}', ["a"]),  # the same key, spelled differently
    ('{"a": "x:y", "b": {"c": ":"}}', None),  # colons inside strings
    ('{"a": "x\\u003ay"}', None),  # an escaped colon takes the slow path, rightly clean
    # an escaped colon in a string cannot hide a repeated key
    ('{"a": "\\u003a", "b": 1, "b": 2}', ["b"]),
    ('{"a": ":::", "a": ":::"}', ["a"]),
    ('[{"a": 1}, {"a": 1}]', None),  # the same key in two objects is fine
])
def test_repeated_key(text: str, where: list[str | int] | None) -> None:
    assert located(text) == where


def test_bundle_names_the_repeated_key() -> None:
    data = (b'{"persons": [{"id": "p-a", "sex": "female"},'
            b' {"id": "p-b", "sex": "male", "sex": "female"}]}')
    with pytest.raises(ValidationProblem) as exc:
        parse_json(data)
    (err,) = exc.value.errors
    assert (err.field, err.pointer, err.code) == ("persons[1].sex", "#/persons/1/sex",
                                                  "duplicate_key")
    assert "female" not in err.reason and "male" not in err.reason


def test_ndjson_names_the_line_and_key() -> None:
    data = (b'{"record": "person", "id": "p-a", "sex": "female"}\n'
            b'{"record": "person", "id": "p-b", "id": "p-c", "sex": "male"}\n')
    with pytest.raises(ValidationProblem) as exc:
        parse_ndjson(data)
    assert [e.field for e in exc.value.errors] == ["line 2.id"]
