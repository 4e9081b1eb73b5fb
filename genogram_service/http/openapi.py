"""OpenAPI pieces every router shares: the problem responses and the record id path parameter."""

from typing import Annotated, Any

from fastapi import Path

IdPath = Annotated[str, Path(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,99}$", max_length=100)]
PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "Missing, wrong or expired credentials", **PROBLEM},
    403: {"description": "Not allowed for this role", **PROBLEM},
    404: {"description": "No such record", **PROBLEM},
    409: {"description": "Conflict", **PROBLEM},
    422: {"description": "Invalid input: errors[] names each field and reason", **PROBLEM},
    503: {"description": "Neo4j unavailable", **PROBLEM},
}
