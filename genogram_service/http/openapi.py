"""OpenAPI pieces every router shares: the problem responses and the record id path parameter,
and the last touches to the generated document (:func:`openapi_precise`)."""

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


def openapi_precise(schema: dict[str, Any]) -> dict[str, Any]:
    """The generated document made to say what the service does:

    * every 422 is problem+json with errors[] (FastAPI documents its own `HTTPValidationError`
      as application/json on every operation with parameters that does not name a 422);
    * a record in a bundle has an id (the records' schemas are shared with POST, where the id
      is optional: a bundle's items are the record's schema with a string `id` required).
    """
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.get("responses", {})
            if "422" in responses:
                responses["422"] = {**ERRORS[422]}
    components = schema.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    for prop in components.get("Bundle", {}).get("properties", {}).values():
        items = prop.get("items", {})
        if "$ref" in items:
            prop["items"] = {"allOf": [{"$ref": items["$ref"]}], "required": ["id"],
                             "properties": {"id": {"type": "string"}}}
    return schema
