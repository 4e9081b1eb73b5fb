"""The query catalogue itself: headers, parameter validation and defaults, CSV, the HTTP API
(JSON and CSV, problem+json errors naming the field, audience and pseudonymisation wiring),
the command line and the documentation."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from genogram_service.cli import app as cli_app
from genogram_service.container import Services
from genogram_service.errors import CatalogueError, NotFound, ValidationProblem
from genogram_service.queries.catalogue import (
    catalogue,
    parse_definition,
    run_query,
    to_csv,
)
from genogram_service.resources import CYPHER_DIR
from genogram_service.security.access import SYSTEM, ColumnKind, Role
from genogram_service.settings import PROJECT_ROOT, Settings, get_settings
from tests.support.fixtures import ClientFactory
from tests.support.helpers import fields, import_ok, problem
from tests.support.query_fixtures import END, START, TODAY, Loaded, loaded
from tests.support.samples import family

__all__ = ["loaded"]  # the fixture

NAMES = catalogue().names()


def run(ld: Loaded, name: str, **params: Any) -> list[dict[str, Any]]:
    return run_query(ld.graph, ld.guard, actor=SYSTEM, name=name, params=params,
                     today=TODAY).rows


# ----------------------------------------------------------------------------- the catalogue


def test_every_cypher_file_is_in_the_catalogue() -> None:
    files = {p.stem for p in (CYPHER_DIR / "queries").glob("*.cypher")}
    cypher = {q.name for q in catalogue() if q.engine == "cypher"}
    assert files == cypher
    assert {q.name for q in catalogue() if q.engine == "networkx"} == {
        "collaboration_centrality", "coordination_load"}
    for q in catalogue():
        assert q.audience and q.columns and q.purpose and q.returns, q.name
        assert set(q.audience) <= {Role.analyst, Role.auditor, Role.admin}, q.name
        q.params_model().model_validate(q.example)


def test_audiences() -> None:
    # the traces, and the queries about one person (anchored on a subject), are for roles with
    # need-to-know or audit rights; analysts run every other query
    personal = ("person_trace", "professional_trace", "child_measures", "professionals_seen",
                "professionals_seen_count")
    for name in personal:
        assert set(catalogue().get(name).audience) == {Role.auditor, Role.admin}
    for q in catalogue():
        if q.name not in personal:
            assert Role.analyst in q.audience, q.name


@pytest.mark.parametrize("name", NAMES)
def test_rows_have_the_declared_columns(loaded: Loaded, name: str) -> None:
    query = catalogue().get(name)
    result = run_query(loaded.graph, loaded.guard, actor=SYSTEM, name=name,
                       params=query.example, today=TODAY)
    assert result.columns == query.columns
    names = [c.name for c in query.columns]
    for row in result.rows:
        assert list(row) == names
    if query.params and not any(p.required for p in query.params):
        assert run_query(loaded.graph, loaded.guard, actor=SYSTEM, name=name,
                         today=TODAY).columns == query.columns


BAD_HEADERS = [
    ("// Purpose: x\n// Audience: analyst\n// Column: a STRING other\nRETURN $p AS a",
     "parameters used"),
    ("// Purpose: x\n// Audience: analyst\n// Param: p DECIMAL required\n"
     "// Column: a STRING other\nRETURN $p AS a", "unknown type"),
    ("// Purpose: x\n// Audience: analyst\n// Column: a STRING secret\nRETURN 1 AS a",
     "column a"),
    ("// Purpose: x\n// Audience: intern\n// Column: a STRING other\nRETURN 1 AS a", "role"),
    ("// Audience: analyst\n// Column: a STRING other\nRETURN 1 AS a", "Purpose"),
    ("// Purpose: x\n// Audience: analyst\n// Param: d DATE default=yesterday\n"
     "// Column: a STRING other\nRETURN $d AS a", "bad default"),
    ("// Purpose: x\n// Audience: analyst\n// Nonsense: y\n// Column: a STRING other\n"
     "RETURN 1 AS a", "header line"),
]


@pytest.mark.parametrize(("text", "message"), BAD_HEADERS)
def test_a_bad_header_is_an_error(text: str, message: str) -> None:
    with pytest.raises(CatalogueError, match=message):
        parse_definition("bad", text, "queries/bad")


def test_header_continuations_and_defaults() -> None:
    q = parse_definition("ok", "\n".join([
        "// Purpose: first part",
        "//   and the rest",
        "// Audience: analyst, admin",
        "// Params: see below",
        "// Param: kinds LIST<STRING> default=a,b choices=a|b|c — which",
        "//   kinds count",
        "// Param: n INTEGER default=3 min=1 max=9",
        "// Param: day DATE default=today-6m",
        "// Returns: rows",
        "// Column: k STRING person_id — the id",
        "RETURN $kinds AS k, $n AS n, $day AS day",
    ]), "queries/ok")
    assert q.purpose == "first part and the rest"
    assert q.params[0].description == "which kinds count"
    assert q.columns[0].kind == ColumnKind.person_id
    model = q.params_model()
    assert model.model_json_schema()["additionalProperties"] is False
    with pytest.raises(Exception, match="less than or equal"):
        model.model_validate({"n": 10})
    with pytest.raises(Exception, match="literal_error|Input should be"):
        model.model_validate({"kinds": ["d"]})


def test_defaults_are_resolved_and_echoed(loaded: Loaded) -> None:
    result = run_query(loaded.graph, loaded.guard, actor=SYSTEM, name="professionals_seen",
                       params={"person_id": "x-mum"}, today=TODAY)
    assert result.params == {"person_id": "x-mum", "start": TODAY - relativedelta(years=4),
                             "end": TODAY}
    assert result.rows == run(loaded, "professionals_seen", person_id="x-mum",
                              start=TODAY - relativedelta(years=4), end=TODAY)


def test_parameter_errors_name_the_field(loaded: Loaded) -> None:
    def errors(name: str, params: dict[str, Any]) -> list[str]:
        with pytest.raises(ValidationProblem) as exc:
            run_query(loaded.graph, loaded.guard, actor=SYSTEM, name=name, params=params)
        return sorted(e.field for e in exc.value.errors)

    assert errors("professionals_seen", {}) == ["person_id"]
    assert errors("professionals_seen", {"person_id": "x", "start": "2020-13-01",
                                         "colour": "red"}) == ["colour", "start"]
    assert errors("role_professionals_stats", {"role": "uncle"}) == ["role"]
    assert errors("role_professionals_stats", {"link_kinds": ["birth", "cousin"]}) == [
        "link_kinds[1]"]
    assert errors("role_professionals_histogram", {"bucket_width": 0}) == ["bucket_width"]
    assert errors("coordination_load", {"top": -1}) == ["top"]
    with pytest.raises(NotFound):
        run_query(loaded.graph, loaded.guard, actor=SYSTEM, name="nope")


def test_csv_has_the_declared_columns_in_order(loaded: Loaded) -> None:
    result = run_query(loaded.graph, loaded.guard, actor=SYSTEM, name="case_handovers",
                       today=TODAY)
    text = to_csv(result.columns, result.rows)
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == [c.name for c in result.columns]
    assert len(lines) == result.row_count + 1
    by_id = {r["case_id"]: r for r in result.rows}
    for line in lines[1:]:
        row = dict(zip(lines[0], line, strict=True))
        want = by_id[row["case_id"]]
        assert row["chain"] == ";".join(want["chain"])
        assert row["opened"] == want["opened"].isoformat()
        assert row["closed"] == (want["closed"].isoformat() if want["closed"] else "")
        assert row["handovers"] == str(want["handovers"])


# ----------------------------------------------------------------------------- CLI

runner = CliRunner()


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, settings: Settings, loaded: Loaded
            ) -> Iterator[None]:
    secrets = {"BSN_ENCRYPTION_KEY": settings.bsn_encryption_key,
               "BSN_HASH_KEY": settings.bsn_hash_key, "JWT_SECRET": settings.jwt_secret,
               "PSEUDONYM_KEY": settings.pseudonym_key, "AUDIT_KEY": settings.audit_key,
               "AUDIT_SIGNING_KEY": settings.audit_signing_key}
    monkeypatch.setenv("GENOGRAM_NEO4J_URI", settings.effective_neo4j_uri)
    for key, value in secrets.items():
        assert value is not None
        monkeypatch.setenv(f"GENOGRAM_{key}", value.get_secret_value())
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_cli_query_json_and_csv(cli_env: None, loaded: Loaded) -> None:
    listed = runner.invoke(cli_app, ["queries", "--json"])
    assert listed.exit_code == 0, listed.output
    assert [q["name"] for q in json.loads(listed.stdout)] == NAMES
    args = ["query", "role_professionals_above", "-p", "role=mother",
            "-p", "link_kinds=birth,step", "-p", f"start={START}", "-p", f"end={END}",
            "-p", "threshold=2"]
    expected = run(loaded, "role_professionals_above", role="mother",
                   link_kinds=["birth", "step"], start=START, end=END, threshold=2)
    out = runner.invoke(cli_app, args)
    assert out.exit_code == 0, out.output
    body = json.loads(out.stdout)
    assert body["row_count"] == len(expected) > 0
    assert [r["person_id"] for r in body["rows"]] == [r["person_id"] for r in expected]
    out = runner.invoke(cli_app, [*args, "--format", "csv"])
    assert out.exit_code == 0, out.output
    query = catalogue().get("role_professionals_above")
    assert out.stdout_bytes.decode() == to_csv(query.columns, expected)
    bad = runner.invoke(cli_app, ["query", "role_professionals_above", "-p", "role=uncle"])
    assert bad.exit_code == 1 and "role" in bad.output
    assert runner.invoke(cli_app, ["query", "role_professionals_above", "-p", "role"]
                         ).exit_code == 2


# ----------------------------------------------------------------------------- docs


def test_every_query_is_documented() -> None:
    doc = (PROJECT_ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
    documented = re.findall(r"^### `([a-z0-9_]+)`", doc, re.M)
    assert sorted(documented) == sorted(NAMES)
    for name in NAMES:
        section = doc.split(f"### `{name}`", 1)[1].split("\n### ", 1)[0]
        assert f"POST /queries/{name}" in section, name
        for column in catalogue().get(name).columns:
            assert f"`{column.name}`" in section, (name, column.name)


# ----------------------------------------------------------------------------- HTTP


def test_api_lists_and_describes(client: TestClient) -> None:
    listed = client.get("/queries")
    assert listed.status_code == 200
    assert [q["name"] for q in listed.json()] == NAMES
    one = client.get("/queries/professionals_seen").json()
    assert one["parameters"]["required"] == ["person_id"]
    assert [c["name"] for c in one["columns"]][:2] == ["organisation_type", "organisation_id"]
    assert one["audience"] == ["auditor", "admin"]
    body = problem(client.get("/queries/nope"), 404)
    assert "catalogue" in body["detail"]
    problem(client.post("/queries/nope", json={}), 404)
    paths = client.get("/openapi.json").json()["paths"]
    assert all(f"/queries/{n}" in paths for n in NAMES)


def test_api_runs_json_and_csv(client: TestClient, services: Services) -> None:
    import_ok(client, family())
    params = {"person_id": "p-moeder", "start": "2020-01-01", "end": "2025-12-31"}
    r = client.post("/queries/professionals_seen", json=params)
    assert r.status_code == 200, r.text
    body = r.json()
    direct = run_query(services.graph, services.guard, actor=SYSTEM, name="professionals_seen",
                       params=params)
    assert body["query"] == "professionals_seen" and body["params"] == params
    assert body["rows"] == json.loads(json.dumps(direct.rows, default=str))
    assert body["row_count"] == len(body["rows"]) > 0
    assert body["columns"] == [c.model_dump(mode="json") for c in direct.columns]
    r = client.post("/queries/professionals_seen", json=params, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.text == to_csv(direct.columns, direct.rows)
    # no body at all: defaults for every parameter
    r = client.post("/queries/referrals_per_month")
    assert r.status_code == 200, r.text


def test_api_errors_are_problems_naming_the_field(client: TestClient) -> None:
    body = problem(client.post("/queries/professionals_seen",
                               json={"start": "2020-02-30", "extra": 1}), 422)
    assert sorted(fields(body)) == ["extra", "person_id", "start"]
    assert {e["pointer"] for e in body["errors"]} == {"#/person_id", "#/start", "#/extra"}
    body = problem(client.post("/queries/children_ots_over", json={"years": "many"}), 422)
    assert fields(body) == ["years"]
    problem(client.post("/queries/children_ots_over", json=[1, 2]), 422)


def test_api_audience_and_pseudonyms(client_as: ClientFactory) -> None:
    admin = client_as(Role.admin)
    import_ok(admin, family())
    analyst = client_as(Role.analyst)
    problem(analyst.post("/queries/person_trace", json={"person_id": "p-moeder"}), 403)
    params = {"role": "child", "threshold": 0, "start": "2020-01-01", "end": "2025-12-31"}
    theirs = admin.post("/queries/role_professionals_above", json=params).json()["rows"]
    mine = analyst.post("/queries/role_professionals_above", json=params)
    assert mine.status_code == 200, mine.text
    seen = mine.json()["rows"]
    assert len(seen) == len(theirs) > 0
    for pseudonymised, real in zip(seen, theirs, strict=True):
        assert pseudonymised["person_id"] != real["person_id"]
        assert pseudonymised["birth_date"] == int(real["birth_date"][:4])
        assert pseudonymised["professionals"] == real["professionals"]
    auditor = client_as(Role.auditor)
    r = auditor.post("/queries/person_trace", json={"person_id": "p-moeder"})
    assert r.status_code == 200 and r.json()["row_count"] > 0
