"""Reading bundles from bytes: a JSON object (``{"persons": [...], ...}``) or NDJSON with one
record per line and a ``"record"`` field naming its kind (``{"record": "person", "id": ...}``).

Errors name the field (``persons[3].bsn``) or, for NDJSON, the line (``line 12.bsn``)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import orjson
from pydantic import ValidationError

from genogram_service.errors import (
    FieldError,
    UnsupportedMediaType,
    ValidationProblem,
    field_error,
    from_pydantic,
)
from genogram_service.http.json_body import check_no_repeated_key, repeated_key, repeated_key_error
from genogram_service.records import KIND_BY_NAME, Bundle

JSON_TYPES = ("application/json",)
NDJSON_TYPES = ("application/x-ndjson", "application/ndjson", "application/jsonl")


def parse_bundle(data: bytes, *, ndjson: bool) -> Bundle:
    return parse_ndjson(data) if ndjson else parse_json(data)


def media_is_ndjson(content_type: str | None) -> bool:
    base = (content_type or "application/json").split(";")[0].strip().lower()
    if base in NDJSON_TYPES:
        return True
    if base in JSON_TYPES:
        return False
    raise UnsupportedMediaType(
        f"send the bundle as application/json or application/x-ndjson, not {base!r}"
    )


def _json_error(exc: orjson.JSONDecodeError, line_offset: int = 0) -> ValidationProblem:
    return ValidationProblem(
        [field_error([], f"not valid JSON at line {exc.lineno + line_offset}, column {exc.colno}: "
                         f"{exc.msg}", "json_invalid")]
    )


def parse_json(data: bytes) -> Bundle:
    try:
        raw = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise _json_error(exc) from None
    check_no_repeated_key(data, raw)
    try:
        return Bundle.model_validate(raw)
    except ValidationError as exc:
        raise ValidationProblem(from_pydantic(exc.errors(include_input=False))) from None


def parse_ndjson(data: bytes) -> Bundle:
    grouped: dict[str, list[Any]] = defaultdict(list)
    errors: list[FieldError] = []
    for lineno, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"line {lineno}"
        try:
            obj = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            errors.append(field_error([where], f"not valid JSON (column {exc.colno}): {exc.msg}",
                                      "json_invalid"))
            continue
        repeated = repeated_key(line, obj)
        if repeated is not None:
            errors.append(repeated_key_error([where, *repeated]))
            continue
        if not isinstance(obj, dict):
            errors.append(field_error([where], "each line must be a JSON object", "type"))
            continue
        kind_name = obj.pop("record", None)
        kind = KIND_BY_NAME.get(kind_name) if isinstance(kind_name, str) else None
        if kind is None:
            errors.append(field_error([where, "record"],
                                      f"must be one of {', '.join(sorted(KIND_BY_NAME))}",
                                      "enum"))
            continue
        try:
            grouped[kind.plural].append(kind.model.model_validate(obj))
        except ValidationError as exc:
            errors += from_pydantic(exc.errors(include_input=False), prefix=[where])
        if len(errors) >= 200:
            break
    if errors:
        raise ValidationProblem(errors)
    return Bundle.of(grouped)
