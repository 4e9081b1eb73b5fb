"""Write docs/queries.md from the query catalogue, with real example responses.

    .venv/bin/python docs/queries_doc.py [--port 7721]

The examples run against the demo data of ``./dev serve`` (``generate(families=200, seed=1)``,
loaded into the given local Neo4j, which is emptied first), with ``today`` fixed at the
generator's reference date, so the file is the same on every run.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from genogram_service.db import Graph
from genogram_service.security.access import SYSTEM
from genogram_service.container import build_services
from genogram_service.queries.catalogue import QueryDef, catalogue, run_query, to_csv
from genogram_service.synthetic.seed import DEFAULT_TODAY, generate
from genogram_service.settings import Settings

OUT = Path(__file__).resolve().parent / "queries.md"
SHOWN_ROWS = 3

INTRO = """# The query catalogue

The analysts' and auditors' questions, answered by named, parameterised queries. Each is a
Cypher file in [`cypher/queries/`](../cypher/queries) with a machine-readable header, or, where
Cypher is the wrong tool, a networkx analysis in
[`genogram_service/queries/analytics.py`](../genogram_service/queries/analytics.py). This
page is generated from the catalogue by `docs/queries_doc.py`; the example responses are real
answers on the demo data of `./dev serve` (200 generated families, seed 1, today =
{today}).

## Running a query

| | |
|---|---|
| list | `GET /queries` (each entry with the JSON Schema of its parameters), `genogram queries` |
| describe | `GET /queries/{{name}}` |
| run | `POST /queries/{{name}}` with a JSON object of parameters (or no body: all defaults) |
| CSV | the same with `Accept: text/csv`; `genogram query NAME --param k=v --format csv` |
| shell | `genogram query professionals_seen -p person_id=p-s1-000120-00 -p start=2022-11-01` |

A JSON answer is `{{"query", "params", "columns", "rows", "row_count"}}`: `params` are the
parameters used, with defaults resolved; `columns` name, type and pseudonymisation kind of each
column, in the order of the CSV header and of the keys of every row. Dates are ISO
(`2024-05-31`); in CSV, null is an empty cell and lists are joined with `;`.

Parameters are validated before anything runs: an unknown parameter, a wrong type, a value
outside its choices or bounds gives `422 application/problem+json` whose `errors[]` name each
field (`{{"field": "start", "pointer": "#/start", "reason": ...}}`). An unknown query is a 404.

**Access.** Every entry declares its audience: analysts run the population questions (items 2
to 10 and the analytics), auditors the involvement traces (item 11) and the queries about one
person (item 1, `child_measures`); the Guard enforces it (403 otherwise) and logs every query
whose answer names persons in the access log, with the anchor person as subject. **Anchored
queries are not for analysts.** A parameter anchors a query on one record when it names a person
(`person_id`, `child_id`: a subject) or a record the answer shows to analysts as a pseudonym
(`household_id`, `case_id`). An anchored query answers about the one person, family or case the
caller named, so it is for roles with need-to-know or audit rights: a query with a required
anchor has no analysts in its audience (the catalogue refuses to load one that does), and an
analyst who gives an optional anchor (`family_involvements`, `coordination_load`,
`responsibility_gaps`) gets `403 application/problem+json` naming the parameter, logged as a
refusal; without it they get the whole population. So an analyst never receives a pseudonym of
an id they supplied, which would link a known person to every pseudonymised row; the `params`
of an answer are echoed as given. `genogram query` runs as the administrator.
**Pseudonymisation.** For analysts the Guard pseudonymises
the answer by column kind: `person_id` columns (persons, and households and cases, which stand
for families) become stable pseudonyms, `birth_date` becomes the birth year, `bsn` is dropped
and small `count`s (aggregates of persons, families or cases) are suppressed. Other roles get
the rows as they are.

**Conventions.** Windows are inclusive on both ends. `today`-relative defaults (`today-4y`)
are resolved when the query runs; month and year steps clamp to the end of the month, as Neo4j
does. A professional's organisation is the employer on the contact date (an `EMPLOYED_BY`
whose period covers it), so a professional who changed employer counts under each, and a
contact on a day no employment covers has no organisation. Medians and percentiles are
nearest-rank (`percentileDisc`): always an observed value. A family is a household with at
least one member ever concerned by a case; a child is a person concerned by a case who was
under 18 when it opened; a mother or father is a partner in a union with such a child.

**Correctness.** `tests/integration/queries/test_queries_people.py`, `test_queries_cases.py` and
`test_analytics.py` compute every answer again in plain Python from the generated
records plus hand-made awkward ones (contacts on the window boundaries, a professional changing
employer and holding several roles, a child in two families, a step-mother, deceased mothers,
siblings under two GIs) and compare the rows exactly.

## Which query answers which question

| question | queries |
|---|---|
| 1. professionals who had a contact with person X between two dates, by organisation | `professionals_seen`, `professionals_seen_count` |
| 2. per person in a family role: distinct professionals in four years: distribution, who is above N | `role_professionals_histogram`, `role_professionals_stats`, `role_professionals_above` |
| 3. distinct organisations per family and per child | `family_organisations_histogram`, `family_organisations_stats`, `family_organisations_above`; `role_organisations_*` with `role=child` (or mother, ...) |
| 4. handovers between first melding and first measure; chain of organisations, voluntary vs court-ordered, median per municipality | `case_handovers`, `handovers_by_municipality` |
| 5. regisseur history of a case; cases without a regisseur (gaps in responsibility) | `regisseur_history`, `cases_without_regisseur`, `responsibility_gaps` |
| 6. measures per child over time, OTS with extensions, placements; children with more than N years of OTS | `child_measures`, `children_ots_over` |
| 7. days from melding to safety assessment and from request to court decision, per region and month | `melding_to_assessment`, `request_to_decision` |
| 8. families with a new melding within N months of closing a case | `remelding_after_closure` |
| 9. siblings in one household under different GIs or jeugdbeschermers at the same time | `siblings_different_gi`, `siblings_different_jeugdbeschermer` |
| 10. referrals requested but never started; referrals to second-line care per month | `referrals_not_started`, `referrals_per_month` |
| 11. involvement trace of a professional and of a person (auditors) | `professional_trace`, `person_trace` |
| collaboration network, central connectors, coordination load (networkx) | `collaboration_centrality`, `coordination_load` (input: `family_involvements`) |

## Where networkx is used, and why

Two questions are answered with networkx on a graph built in memory from the
`family_involvements` query; everything else is one Cypher query.

- **`collaboration_centrality`**: the collaboration network (professionals or organisations,
  linked by the families they shared, weighted by how many) and its most central connectors by
  *betweenness centrality*. Betweenness counts, for every pair of nodes, the shortest paths
  through a node: a global all-pairs computation (Brandes' algorithm) over the whole projected
  network. Cypher matches patterns from anchors; it has no iterative whole-graph algorithms
  (Neo4j Community has no Graph Data Science library), and expressing all-pairs shortest paths
  in it would enumerate paths instead of counting them. networkx does it in memory in
  O(nodes × edges); on large networks it estimates from a seeded sample of source nodes
  (`sample`).
- **`coordination_load`**: per family, the professionals' involvement periods form an
  *interval graph* (adjacent when they overlap); its largest clique is the most professionals
  around the family at once (`nx.find_cliques`), and the connected components of the graph of
  professionals who met at a joint contact are the "islands" of the network around the family.
  Cliques and components over many small per-family graphs are what networkx is for; in Cypher
  both would be unbounded path or powerset enumeration.

Cypher remains the tool for everything anchored or aggregated (items 1 to 11): the planner
starts from an index (a person, a case, a date range) and expands a few hops.

## The header of a catalogue file

```
// Purpose: what the query answers
// Audience: auditor, admin
// Params: one `Param:` line each
// Param: person_id STRING required subject — the person
// Param: start DATE default=today-4y — first day of the window (inclusive)
// Param: role STRING default=mother choices=mother|father|parent|child|concerned — ...
// Param: threshold INTEGER default=9 min=0 — ...
// Returns: what one row is, and the order
// Column: person_id STRING person_id — description
// Example: {{"person_id": "p-s1-000120-00"}}
```

Types: `STRING`, `INTEGER`, `FLOAT`, `BOOLEAN`, `DATE`, `LIST<STRING>`. A parameter is
`required`, `optional` (null when absent) or has a `default=` (a literal, a comma-separated list,
or `today`, `today-4y`, `today-6m`, `today+30d`); `subject` marks the person the access log
records (and anchors the query: with it required, the audience may not name analysts).
Column kinds are those of `ColumnKind`: `person_id`, `person_name`, `birth_date`,
`bsn`, `count`, `other`. The loader checks the header (and that the parameters declared are the
parameters used), `tests/integration/db/test_cypher.py` runs `EXPLAIN` on every file, and
adding a file adds the query to the API, the command line and this page (`docs/queries_doc.py`).

**Shared parts.** What several queries share is written once, in `cypher/parts/NAME.cypher`,
and spliced in where a line `// @include parts/NAME` stands, indented like that line (see
`genogram_service/db/statements.py`). A part opens with a `// Part:` line saying what it needs
and gives, which is left out; the rest goes in as written. So a part of Cypher lines is a piece
of the body, and a part of `// Param:` lines, included in the header, declares the parameters
that its body part reads: the six `role_*` queries include `parts/role_params` in the header,
and `parts/role_persons`, then `parts/person_professionals` or `parts/person_organisations`,
then `parts/histogram` or `parts/distribution` in the body. The catalogue reads the header of
the composed text, so `GET /queries/{{name}}` and this page show every parameter.

## The queries
"""


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def _param_rows(query: QueryDef) -> list[str]:
    if not query.params:
        return ["No parameters."]
    rows = ["| parameter | type | | description |", "|---|---|---|---|"]
    for p in query.params:
        when = "required" if p.required else (f"default `{p.default}`" if p.default
                                              else "optional")
        extra = []
        if p.choices:
            extra.append("one of " + ", ".join(f"`{c}`" for c in p.choices))
        if p.minimum is not None:
            extra.append(f"at least {p.minimum:g}")
        if p.maximum is not None:
            extra.append(f"at most {p.maximum:g}")
        desc = _md(p.description) + (f" ({'; '.join(extra)})" if extra else "")
        rows.append(f"| `{p.name}` | {p.type.value.replace('<', '&lt;')} | {when} | {desc} |")
    return rows


def _column_rows(query: QueryDef) -> list[str]:
    rows = ["| column | type | kind | description |", "|---|---|---|---|"]
    for c in query.columns:
        rows.append(f"| `{c.name}` | {c.type.value.replace('<', '&lt;')} | {c.kind.value} | "
                    f"{_md(c.description)} |")
    return rows


def _example(query: QueryDef, result: Any) -> list[str]:
    body = json.dumps(query.example, ensure_ascii=False)
    def compact(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, default=str)

    rows = ",\n".join(f"    {compact(r)}" for r in result.rows[:SHOWN_ROWS])
    text = "\n".join([
        "{", f'  "query": {compact(result.query)},', f'  "params": {compact(result.params)},',
        f'  "columns": {compact([c.name for c in result.columns])},',
        '  "rows": [' + ("\n" + rows + "\n  ]," if rows else "],"),
        f'  "row_count": {result.row_count}', "}"])
    more = result.row_count - SHOWN_ROWS
    shown = "" if more <= 0 else f", first {SHOWN_ROWS} of {result.row_count} rows"
    lines = [
        "Example request:", "", "```http", f"POST /queries/{query.name}",
        "Content-Type: application/json", "", body, "```", "",
        f"Response (`columns` shortened to names{shown}):",
        "", "```json", text, "```", "",
    ]
    csv_lines = to_csv(result.columns, result.rows[:2]).splitlines()
    lines += ["As CSV (`Accept: text/csv`), first lines:", "", "```csv", *csv_lines, "```", ""]
    return lines


def render(results: dict[str, Any]) -> str:
    out = [INTRO.format(today=DEFAULT_TODAY.isoformat())]
    for query in catalogue():
        audience = ", ".join(r.value for r in query.audience)
        out += [
            f"### `{query.name}`", "",
            query.purpose[:1].upper() + query.purpose[1:].rstrip(".") + ".", "",
            f"`POST /queries/{query.name}` · audience: {audience} · engine: {query.engine}"
            + (f" · [`cypher/{query.statement}.cypher`](../cypher/{query.statement}.cypher)"
               if query.statement else ""), "",
            *_param_rows(query), "",
            f"Returns {query.returns[:1].lower() + query.returns[1:]}", "",
            *_column_rows(query), "",
            *_example(query, results[query.name]),
        ]
    return "\n".join(out).rstrip() + "\n"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--port", type=int, default=7721, help="a local Neo4j (it is emptied)")
    args = p.parse_args()
    from genogram_service.records.bsn import generate_secrets

    secrets = generate_secrets()
    settings = Settings(neo4j_uri=f"bolt://127.0.0.1:{args.port}",
                        bsn_encryption_key=secrets["GENOGRAM_BSN_ENCRYPTION_KEY"],
                        bsn_hash_key=secrets["GENOGRAM_BSN_HASH_KEY"],
                        jwt_secret=secrets["GENOGRAM_JWT_SECRET"],
                        pseudonym_key=secrets["GENOGRAM_PSEUDONYM_KEY"],
                        audit_key=secrets["GENOGRAM_AUDIT_KEY"],
                        audit_signing_key=secrets["GENOGRAM_AUDIT_SIGNING_KEY"])
    graph = Graph.from_settings(settings)
    graph.migrate()
    services = build_services(settings, graph)
    graph.run_autocommit("write/clear_database")
    services.records.import_bundle(generate(families=200, seed=1))
    results = {q.name: run_query(graph, services.guard, actor=SYSTEM, name=q.name,
                                 params=q.example, today=DEFAULT_TODAY) for q in catalogue()}
    graph.close()
    OUT.write_text(render(results), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
