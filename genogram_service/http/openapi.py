"""OpenAPI pieces every router shares: the problem responses and the record id path parameter."""

from typing import Annotated, Any

from fastapi import Path

from genogram_service.ids import ID_MAX_LENGTH, ID_PATTERN

IdPath = Annotated[str, Path(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH)]
PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "Missing, wrong or expired credentials", **PROBLEM},
    403: {"description": "Not allowed for this role", **PROBLEM},
    404: {"description": "No such record", **PROBLEM},
    409: {"description": "Conflict", **PROBLEM},
    422: {"description": "Invalid input: errors[] names each field and reason", **PROBLEM},
    503: {"description": "Neo4j unavailable", **PROBLEM},
}
