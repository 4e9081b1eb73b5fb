"""Schema conformance with schemathesis: the check that replaces ``positive_data_acceptance``
and a run of the engine over one app, shared by the CI test
(tests/integration/api/test_schema_conformance.py) and the long run
(bench/schema_conformance.py, which loads this module as schemathesis hooks).

A request the schema allows may still be refused by a rule the schema cannot state (a
reference to a record that does not exist, a path id that differs from the body's, a BSN
failing the elfproef, an end before its start: docs/api.md lists them). Such a refusal is a
422 problem whose errors[] carry the code of a rule (:data:`RULE_CODES`), never one of
pydantic's type or constraint codes: those would mean the schema and the models disagree.
Every error answer is problem+json, and a 422 has errors[].
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import schemathesis
from schemathesis.engine import Status, from_schema
from schemathesis.engine.events import NonFatalError, ScenarioFinished

#: codes of the rules a schema cannot state (validators and the checks against the database)
RULE_CODES = frozenset({"value_error", "mismatch", "ancestry", "gedcom", "reference", "duplicate",
                        "outside_life"})
#: answers a schema-valid request may get without naming a rule
ACCEPTED = frozenset({401, 403, 404, 409, 413, 429})
#: (operation, check) pairs that fail by the way the paths are laid out, not by an answer:
#: POST /queries/{name} is the operation of names outside the catalogue (its schema says
#: `not: enum`), but a catalogue name in the template is the URL of that entry's own
#: operation, which answers it (docs/api.md)
KNOWN = frozenset({("POST /queries/{name}", "negative_data_rejection")})
#: the built-in checks that need no links between operations, but positive_data_acceptance
CHECKS = ["not_a_server_error", "status_code_conformance", "content_type_conformance",
          "response_headers_conformance", "response_schema_conformance",
          "negative_data_rejection", "missing_required_header", "unsupported_method",
          "allow_header_conformance", "refusals_are_stated"]


@schemathesis.check
def refusals_are_stated(ctx: Any, response: Any, case: Any) -> bool | None:
    """Every error is problem+json (a 422 with errors[]); a schema-valid request refused with
    a status outside :data:`ACCEPTED` is a 422 naming rules only (:data:`RULE_CODES`)."""
    status = response.status_code
    if status < 400:
        return None
    content_type = response.headers.get("content-type", [""])[0]
    if not content_type.startswith("application/problem+json"):
        raise AssertionError(f"a {status} answer that is not problem+json ({content_type})")
    body = response.json()
    if status == 422 and not body.get("errors"):
        raise AssertionError("a 422 without errors[]")
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or status in ACCEPTED:
        return None
    codes = {e.get("code") for e in body.get("errors", [])}
    if status != 422 or not codes or not codes <= RULE_CODES:
        raise AssertionError(f"a request the schema allows was refused ({status}, codes "
                             f"{sorted(map(str, codes))}): {body.get('detail')}")
    return None


@dataclass
class Outcome:
    """What one run found: test cases (one request each), failures by check, with a line
    (operation, check, message, curl) for each, and engine errors."""

    cases: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    details: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def run(schema: Any, *, headers: dict[str, str], phases: list[str], max_examples: int,
        seed: int = 1) -> Outcome:
    """Run schemathesis' engine over ``schema`` (loaded with ``from_asgi`` or ``from_url``)."""
    schema.config.update(headers=headers, workers=1, continue_on_failure=True)
    # the role's headers or none: no account of its own (its bootstrap fails without one)
    schema.config.auth.auto_signup = False
    schema.config.seed = seed
    schema.config.generation.update(max_examples=max_examples, database="none")
    schema.config.phases.update(phases=phases)
    schema.config.checks.update(included_check_names=CHECKS)
    out = Outcome()
    for event in from_schema(schema).execute():
        if isinstance(event, NonFatalError):
            out.errors.append(f"{event.label}: {event.value!r}"[:500])
        if not isinstance(event, ScenarioFinished):
            continue
        out.cases += len(event.recorder.cases)
        for checks in event.recorder.checks.values():
            for check in checks:
                if (check.status == Status.FAILURE and check.failure_info is not None
                        and (event.recorder.label, check.name) not in KNOWN):
                    out.failures[check.name] += 1
                    failure = check.failure_info.failure
                    out.details.append(f"{event.recorder.label} {check.name}: "
                                       f"{failure.title}: {failure.message}"[:600]
                                       + f"\n    {check.failure_info.code_sample}"[:900])
    return out
