"""The ``genogram`` command line: run the service, manage the local Neo4j, import, seed."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from genogram_service.db.local import LocalDb
from genogram_service.errors import GenogramError, ValidationProblem
from genogram_service.settings import Settings, get_settings

if TYPE_CHECKING:
    from genogram_service.container import Services
    from genogram_service.records.service import RecordService

app = typer.Typer(help="Genogram Service: family graphs for Dutch youth protection.",
                  no_args_is_help=True, pretty_exceptions_show_locals=False)
db_app = typer.Typer(help="The local Neo4j (development and tests) and the schema.",
                     no_args_is_help=True)
schemas_app = typer.Typer(help="JSON Schemas generated from the pydantic models.",
                          no_args_is_help=True)
secrets_app = typer.Typer(help="Keys for BSN encryption and hashing.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(schemas_app, name="schemas")
app.add_typer(secrets_app, name="secrets")

console = Console(stderr=True)
log = logging.getLogger("genogram_service")


def _setup_logging(level: str = "INFO") -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def _fail(exc: GenogramError) -> None:
    console.print(f"[red]error:[/red] {exc.detail or exc.title}")
    if isinstance(exc, ValidationProblem):
        for err in exc.errors[:50]:
            console.print(f"  {err.field}: {err.reason}")
        if len(exc.errors) > 50:
            console.print(f"  ... and {len(exc.errors) - 50} more")
    raise typer.Exit(1)


def local_db(settings: Settings) -> LocalDb:
    return LocalDb(settings.local_db_dir, settings.local_db_port, settings.local_db_heap)


SECRET_SETTINGS = ("bsn_encryption_key", "bsn_hash_key", "jwt_secret", "pseudonym_key")


def ensure_dev_secrets(settings: Settings) -> Settings:
    """With a local database and secrets not configured, create (once) and use development
    keys in ``var/dev-secrets.env``. Against an external database they must be configured."""
    missing = [name for name in SECRET_SETTINGS if getattr(settings, name) is None]
    if not missing:
        return settings
    if not settings.uses_local_db:
        names = ", ".join("GENOGRAM_" + n.upper() for n in missing)
        raise GenogramError(f"{names} must be set when an external Neo4j is configured "
                            "(`genogram secrets generate` prints fresh values)")
    from genogram_service.records.bsn import generate_secrets

    path = settings.dev_secrets_file
    path.parent.mkdir(parents=True, exist_ok=True)
    stored = {}
    if path.exists():
        stored = dict(line.partition("=")[::2] for line in path.read_text().splitlines() if line)
    fresh = {k: v for k, v in generate_secrets().items() if k not in stored}
    if fresh:
        stored.update(fresh)
        path.write_text("".join(f"{k}={v}\n" for k, v in stored.items()))
        path.chmod(0o600)
    for key, value in stored.items():
        if key.startswith("GENOGRAM_"):
            os.environ.setdefault(key, value)
    get_settings.cache_clear()
    return get_settings()


def ensure_database(settings: Settings) -> None:
    """Start the local Neo4j when no external one is configured."""
    if settings.uses_local_db:
        db = local_db(settings)
        if db.start(timeout_s=settings.local_db_start_timeout_s):
            console.print(f"started local Neo4j on {db.uri} (data in {db.data_dir})")


def _services(settings: Settings) -> Services:
    from genogram_service.container import build_services

    return build_services(settings)


# ------------------------------------------------------------------------- serve


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="default: GENOGRAM_HOST or 127.0.0.1")] = None,
    port: Annotated[int | None, typer.Option(help="default: GENOGRAM_PORT or 8000")] = None,
    demo_families: Annotated[int, typer.Option(help="families of demo data to load into an "
                                               "empty database (0: none)")] = 200,
) -> None:
    """Run the API (starting the local Neo4j and loading demo data when needed)."""
    import uvicorn

    from genogram_service.api import create_app

    _setup_logging()
    try:
        settings = ensure_dev_secrets(get_settings())
        ensure_database(settings)
        services = _services(settings)
        services.graph.migrate()
        if demo_families and not services.graph.read("read/find_persons", name=None,
                                                      birth_date=None, bsn_hash=None,
                                                      after=None, limit=1):
            _seed_into(services.records, families=demo_families, seed=1)
        if not services.auth.list_users():
            _demo_users(services)
        services.close()
    except GenogramError as exc:
        _fail(exc)
    host = host or settings.host
    port = port or settings.port
    console.print(f"API on http://{host}:{port} (OpenAPI docs at http://{host}:{port}/docs)")
    uvicorn.run(create_app(settings), host=host, port=port, access_log=False,
                log_level="info")


# ------------------------------------------------------------------------- db


@db_app.command("start")
def db_start() -> None:
    """Build (first use) and start the local Neo4j; wait until Bolt answers."""
    settings = get_settings()
    db = local_db(settings)
    try:
        started = db.start(timeout_s=settings.local_db_start_timeout_s)
    except GenogramError as exc:
        _fail(exc)
    console.print(("started" if started else "already running") + f": {db.uri}")


@db_app.command("stop")
def db_stop() -> None:
    """Stop the local Neo4j."""
    stopped = local_db(get_settings()).stop()
    console.print("stopped" if stopped else "not running")


@db_app.command("status")
def db_status() -> None:
    """Show whether the local Neo4j runs (exit code 1 when it does not)."""
    settings = get_settings()
    status = local_db(settings).status()
    status["external_uri"] = settings.neo4j_uri
    typer.echo(json.dumps(status, indent=2))
    if not status["running"]:
        raise typer.Exit(1)


@db_app.command("migrate")
def db_migrate() -> None:
    """Apply the schema (constraints and indexes; idempotent)."""
    try:
        settings = ensure_dev_secrets(get_settings())
        ensure_database(settings)
        from genogram_service.db import Graph

        graph = Graph.from_settings(settings)
        applied = graph.migrate()
        graph.close()
    except GenogramError as exc:
        _fail(exc)
    console.print(f"schema applied: {len(applied)} statements")


@db_app.command("reset")
def db_reset(yes: Annotated[bool, typer.Option("--yes", help="really delete everything")] = False
             ) -> None:
    """Delete every node and relationship in the configured database."""
    if not yes:
        console.print("refusing without --yes")
        raise typer.Exit(2)
    settings = ensure_dev_secrets(get_settings())
    ensure_database(settings)
    from genogram_service.db import Graph

    graph = Graph.from_settings(settings)
    graph.run_autocommit("write/clear_database")
    graph.close()
    console.print("database cleared")


# ------------------------------------------------------------------------- import / seed


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), console=console)


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True,
                                         help="bundle: .json object or .ndjson/.jsonl lines")],
    resume_from: Annotated[int, typer.Option(help="first batch to write (after a failed large "
                                             "import)")] = 0,
) -> None:
    """Validate a whole bundle, then write it (idempotent: re-running creates no duplicates)."""
    from genogram_service.records.bundles import parse_bundle

    try:
        settings = ensure_dev_secrets(get_settings())
        ensure_database(settings)
        bundle = parse_bundle(file.read_bytes(), ndjson=file.suffix in (".ndjson", ".jsonl"))
        records = _services(settings).records
        records.graph.migrate()
        with _progress() as bar:
            task = bar.add_task("importing", total=bundle.size())
            report = records.import_bundle(bundle, resume_from=resume_from,
                                           progress=lambda n: bar.advance(task, n))
        records.graph.close()
    except GenogramError as exc:
        _fail(exc)
    typer.echo(report.model_dump_json(indent=2))


def _seed_into(records: RecordService, *, families: int, seed: int, chunk: int = 2000) -> None:
    from genogram_service.synthetic.seed import generate_chunks

    with _progress() as bar:
        task = bar.add_task(f"seeding {families} families", total=families)
        for bundle in generate_chunks(families=families, seed=seed, chunk_families=chunk):
            records.import_bundle(bundle)
            bar.advance(task, len({p.id.split("-")[1] for p in bundle.persons if p.id}))


@app.command()
def seed(
    families: Annotated[int, typer.Option(min=1, help="number of families")] = 100,
    seed: Annotated[int, typer.Option(help="random seed: same seed, same data")] = 1,
    out: Annotated[Path | None, typer.Option(help="write the bundle as NDJSON here instead of "
                                             "loading it into the database")] = None,
) -> None:
    """Generate deterministic synthetic Dutch families and load them (or write NDJSON)."""
    from genogram_service.synthetic.seed import generate_chunks

    if out is not None:
        from genogram_service.records import KINDS

        with out.open("wb") as fh:
            for bundle in generate_chunks(families=families, seed=seed):
                for kind in KINDS:
                    for rec in getattr(bundle, kind.plural):
                        fields = rec.model_dump(mode="json", exclude_none=True)
                        line = {"record": kind.name, **fields}
                        fh.write(json.dumps(line, ensure_ascii=False).encode() + b"\n")
        console.print(f"wrote {out}")
        return
    try:
        settings = ensure_dev_secrets(get_settings())
        ensure_database(settings)
        records = _services(settings).records
        records.graph.migrate()
        _seed_into(records, families=families, seed=seed)
        records.graph.close()
    except GenogramError as exc:
        _fail(exc)


# ------------------------------------------------------------------------- users, tokens, audit


def _demo_users(services: Services) -> None:
    """Demo accounts with random passwords, written to var/demo-accounts.txt (never in code)."""
    import datetime as dt
    import secrets

    from genogram_service.security.access import Role

    rows = services.graph.read("read/professional_with_active_assignment", today=dt.date.today())
    accounts = [("admin", Role.admin, None), ("analyst", Role.analyst, None),
                ("auditor", Role.auditor, None)]
    if rows:
        accounts.append(("caseworker", Role.case_worker, rows[0]["professional_id"]))
    path = services.records.settings.dev_secrets_file.parent / "demo-accounts.txt"
    lines = []
    for username, role, professional in accounts:
        password = secrets.token_urlsafe(12)
        try:
            services.auth.create_user(username=username, role=role,
                                      professional_id=professional, password=password)
        except GenogramError:
            continue  # exists already
        lines.append(f"{username}\t{role.value}\t{password}\t{professional or ''}\n")
    if lines:
        with path.open("a") as fh:
            fh.writelines(lines)
        path.chmod(0o600)
        console.print(f"demo accounts (username, role, password) in {path}")


users_app = typer.Typer(help="User accounts (people and service accounts).",
                        no_args_is_help=True)
tokens_app = typer.Typer(help="Bearer tokens.", no_args_is_help=True)
audit_app = typer.Typer(help="The access log.", no_args_is_help=True)
app.add_typer(users_app, name="users")
app.add_typer(tokens_app, name="tokens")
app.add_typer(audit_app, name="audit")


@contextmanager
def _admin_services() -> Iterator[Services]:
    settings = ensure_dev_secrets(get_settings())
    ensure_database(settings)
    services = _services(settings)
    try:
        services.graph.migrate()
        yield services
    finally:
        services.close()


@users_app.command("create")
def users_create(
    name: Annotated[str, typer.Argument(help="username")],
    role: Annotated[str, typer.Option(help="case_worker, analyst, auditor or admin")],
    professional: Annotated[str | None, typer.Option(help="Professional id (case workers)")]
    = None,
    password_stdin: Annotated[bool, typer.Option(help="read a password from standard input "
                                                 "(people sign in with it)")] = False,
    api_key: Annotated[bool, typer.Option(help="also create an API key (service accounts); "
                                          "printed once")] = False,
) -> None:
    """Create a user account."""
    from genogram_service.security.access import Role

    try:
        with _admin_services() as services:
            password = sys.stdin.readline().rstrip("\n") if password_stdin else None
            user = services.auth.create_user(username=name, role=Role(role),
                                             professional_id=professional, password=password)
            typer.echo(user.model_dump_json())
            if api_key:
                typer.echo(services.auth.create_api_key(name))
    except ValueError:
        console.print(f"[red]error:[/red] unknown role {role!r}")
        raise typer.Exit(2) from None
    except GenogramError as exc:
        _fail(exc)


@users_app.command("list")
def users_list() -> None:
    """List user accounts."""
    with _admin_services() as services:
        for user in services.auth.list_users():
            typer.echo(user.model_dump_json())


@users_app.command("api-key")
def users_api_key(name: Annotated[str, typer.Argument(help="username")]) -> None:
    """Create an API key for a user (printed once; only its hash is stored)."""
    try:
        with _admin_services() as services:
            typer.echo(services.auth.create_api_key(name))
    except GenogramError as exc:
        _fail(exc)


@tokens_app.command("issue")
def tokens_issue(
    name: Annotated[str, typer.Argument(help="username")],
    minutes: Annotated[int, typer.Option(min=1, max=24 * 60, help="lifetime")] = 60,
) -> None:
    """Issue a bearer token for a user (administration, scripts)."""
    try:
        with _admin_services() as services:
            token = services.auth.issue_token(services.auth.get_user(name), ttl_minutes=minutes)
            typer.echo(token.access_token)
    except GenogramError as exc:
        _fail(exc)


@audit_app.command("verify")
def audit_verify() -> None:
    """Check the whole hash chain of the access log; names the first broken entry."""
    with _admin_services() as services:
        result = services.audit.verify()
    typer.echo(result.model_dump_json(indent=2))
    if not result.ok:
        console.print(f"[red]access log broken[/red] at entry {result.first_broken_seq} "
                      f"({result.first_broken_event_id}): {result.reason}")
        raise typer.Exit(1)


@audit_app.command("export")
def audit_export(
    start: Annotated[str, typer.Option(help="ISO date-time (inclusive)")],
    end: Annotated[str, typer.Option(help="ISO date-time (exclusive)")],
    person: Annotated[str | None, typer.Option(help="only entries about this person")] = None,
) -> None:
    """Write access-log entries of a range as NDJSON to standard output."""
    import datetime as dt

    def moment(value: str) -> dt.datetime:
        t = dt.datetime.fromisoformat(value)
        return t if t.tzinfo else t.replace(tzinfo=dt.UTC)

    with _admin_services() as services:
        for event in services.audit.events(start=moment(start), end=moment(end),
                                           person_id=person):
            typer.echo(event.model_dump_json())


retention_app = typer.Typer(help="Retention and erasure.", no_args_is_help=True)
app.add_typer(retention_app, name="retention")


@retention_app.command("run")
def retention_run(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="only list what would go")] = False,
) -> None:
    """Remove (or list) records past their retention rule; each removal is logged."""
    from genogram_service.records.retention import run_retention

    try:
        with _admin_services() as services:
            report = run_retention(services.graph, services.guard, services.records.settings,
                                   dry_run=dry_run)
    except GenogramError as exc:
        _fail(exc)
    table = Table("kind", "id", "reason", "records", title=("would remove" if dry_run
                                                            else "removed"))
    for r in report.removals:
        table.add_row(r.kind, r.id, r.reason, str(r.records))
    console.print(table)
    typer.echo(report.model_dump_json(indent=2))


# ------------------------------------------------------------------------- schemas / secrets


@schemas_app.command("export")
def schemas_export(
    out: Annotated[Path, typer.Option(help="target directory")] = Path("schemas"),
    check: Annotated[bool, typer.Option(help="only check that the files are current")] = False,
) -> None:
    """Write one JSON Schema per record kind plus the bundle (or --check they are current)."""
    from genogram_service.records.schemas import export_schemas

    stale = export_schemas(out, check=check)
    if check and stale:
        console.print("stale schemas: " + ", ".join(stale) + " (run `genogram schemas export`)")
        raise typer.Exit(1)
    console.print("schemas current" if check else f"schemas written to {out}")


@secrets_app.command("generate")
def secrets_generate() -> None:
    """Print fresh BSN keys in .env format."""
    from genogram_service.records.bsn import generate_secrets

    for k, v in generate_secrets().items():
        typer.echo(f"{k}={v}")


# ------------------------------------------------------------------------- genogram


_FORMATS = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}


@app.command("render")
def render_(
    person_id: Annotated[str, typer.Argument(help="the index person (the genogram is about them)")],
    out: Annotated[Path, typer.Option("-o", "--out", help="output file; the format follows the "
                                      "suffix: .svg, .png, .pdf or .dot")],
    up: Annotated[int, typer.Option(min=0, max=6, help="generations up")] = 2,
    down: Annotated[int, typer.Option(min=0, max=6, help="generations down")] = 2,
    siblings: Annotated[bool, typer.Option(help="siblings, half-siblings, aunts, uncles")] = True,
    partners: Annotated[bool, typer.Option(help="partners and their other children")] = True,
    connected: Annotated[bool, typer.Option(help="everyone connected to the person")] = False,
    at: Annotated[str | None, typer.Option(help="the family as it was on this date "
                                           "(YYYY-MM-DD, default today)")] = None,
    professionals: Annotated[bool, typer.Option(help="ecomap overlay")] = True,
    emotional: Annotated[bool, typer.Option(help="emotional relations overlay")] = True,
    households: Annotated[bool, typer.Option(help="households overlay")] = True,
    since: Annotated[str | None, typer.Option(help="start of the professionals period "
                                              "(default four years before --until)")] = None,
    until: Annotated[str | None, typer.Option(help="end of the professionals period "
                                              "(default --at)")] = None,
    lang: Annotated[str, typer.Option(help="labels: nl or en")] = "nl",
    legend: Annotated[bool, typer.Option(help="title and legend")] = True,
) -> None:
    """Draw the genogram around a person (as the system administrator) into a file."""
    from pydantic import ValidationError

    from genogram_service.errors import from_pydantic
    from genogram_service.genogram.options import GenogramOptions
    from genogram_service.genogram.service import render_genogram
    from genogram_service.security.access import SYSTEM

    fmt = _FORMATS.get(out.suffix.lower())
    if fmt is None:
        console.print("[red]error:[/red] the output file must end in .svg, .png, .pdf or .dot")
        raise typer.Exit(2)
    try:
        options = GenogramOptions.model_validate({
            "up": up, "down": down, "siblings": siblings, "partners": partners,
            "connected": connected, "at": at, "professionals": professionals,
            "emotional": emotional, "households": households, "since": since, "until": until,
            "lang": lang, "legend": legend})
    except ValidationError as exc:
        _fail(ValidationProblem(from_pydantic(exc.errors())))
    try:
        settings = ensure_dev_secrets(get_settings())
        ensure_database(settings)
        services = _services(settings)
        try:
            result = render_genogram(services.graph, services.guard, SYSTEM,
                                     person_id=person_id, options=options,
                                     fmt=fmt)  # type: ignore[arg-type]
        finally:
            services.close()
    except GenogramError as exc:
        _fail(exc)
    out.write_bytes(result.content)
    console.print(f"wrote {out} ({result.persons} persons)")


# ------------------------------------------------------------------------- query catalogue


def _query_params(name: str, pairs: list[str]) -> dict[str, object]:
    """``--param k=v`` pairs as raw values for the query's parameter model (which converts
    them: dates, numbers, booleans); list parameters are split on commas."""
    from genogram_service.queries.catalogue import ParamType, catalogue

    query = catalogue().get(name)
    kinds = {p.name: p.type for p in query.params}
    out: dict[str, object] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            console.print(f"[red]error:[/red] --param takes key=value, not {pair!r}")
            raise typer.Exit(2)
        out[key] = value.split(",") if kinds.get(key) == ParamType.LIST_STRING else value
    return out


@app.command("queries")
def queries_(
    as_json: Annotated[bool, typer.Option("--json", help="the full catalogue as JSON")] = False,
) -> None:
    """List the query catalogue (name, audience, engine, purpose)."""
    from genogram_service.queries.catalogue import list_queries
    from genogram_service.security.access import SYSTEM

    entries = list_queries(actor=SYSTEM)
    if as_json:
        typer.echo(json.dumps([{**q.model_dump(mode="json"),
                                "parameters": q.parameters_schema()} for q in entries],
                              indent=2, ensure_ascii=False))
        return
    table = Table("name", "audience", "engine", "parameters", "purpose", show_lines=False)
    for q in entries:
        table.add_row(q.name, ", ".join(r.value for r in q.audience), q.engine,
                      " ".join(p.name + ("" if p.required else "?") for p in q.params),
                      q.purpose)
    Console().print(table)


@app.command("query")
def query_(
    name: Annotated[str, typer.Argument(help="the query (`genogram queries` lists them)")],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="a parameter as "
                                                    "key=value (repeat; lists: a,b,c)")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="json or csv")] = "json",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="write here instead of "
                                             "standard output")] = None,
) -> None:
    """Run a catalogue query as the system administrator; JSON or CSV on standard output."""
    import orjson

    from genogram_service.queries.catalogue import run_query, to_csv
    from genogram_service.security.access import SYSTEM

    if fmt not in ("json", "csv"):
        console.print("[red]error:[/red] --format is json or csv")
        raise typer.Exit(2)
    try:
        params = _query_params(name, param or [])
        with _admin_services() as services:
            result = run_query(services.graph, services.guard, actor=SYSTEM, name=name,
                               params=params)
    except GenogramError as exc:
        _fail(exc)
    if fmt == "csv":
        text = to_csv(result.columns, result.rows)
    else:
        text = orjson.dumps(result.model_dump(mode="python"),
                            option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode() + "\n"
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        console.print(f"wrote {result.row_count} rows to {out}")


# ------------------------------------------------------------------------- GEDCOM, kinship


@app.command("import-gedcom")
def import_gedcom_(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True,
                                         help="a GEDCOM file: 5.5, 5.5.1 or 7 (.ged)")],
    key: Annotated[str | None, typer.Option(help="file key for the ids (default: from the "
                                            "file's HEAD and name)")] = None,
    force: Annotated[bool, typer.Option(help="update persons of an earlier import with the "
                                        "same key even when their names differ")] = False,
) -> None:
    """Import a GEDCOM file (idempotent: importing it again changes nothing) and print the
    import report as JSON."""
    from genogram_service.gedcom.service import import_gedcom
    from genogram_service.security.access import SYSTEM

    try:
        with _admin_services() as services, _progress() as bar:
            task = bar.add_task(f"importing {file.name}", total=None)
            report = import_gedcom(
                services.records, file.read_bytes(), actor=SYSTEM, file_name=file.name,
                key=key, force=force, progress=lambda n: bar.advance(task, n),
                writing=lambda total: bar.update(task, total=total))
    except GenogramError as exc:
        _fail(exc)
    table = Table("", "read", "imported", "merged", "skipped", title=f"{file.name} "
                  f"(GEDCOM {report.version}, {report.encoding}, key {report.file_key})")
    for label, count in (("individuals", report.individuals), ("families", report.families),
                         ("relationships", report.relationships)):
        table.add_row(label, str(count.read), str(count.imported), str(count.merged),
                      str(count.skipped))
    console.print(table)
    for note in report.skipped + report.warnings:
        console.print(f"  {note.code}: {note.message}" + (f" ({note.count}x)" if note.count > 1
                                                           else ""))
    typer.echo(report.model_dump_json(indent=2))


@app.command("export-gedcom")
def export_gedcom_(
    person_id: Annotated[str, typer.Argument(help="the person whose family is exported")],
    out: Annotated[Path | None, typer.Option("-o", "--out", help="output file (default: "
                                             "standard output)")] = None,
    generations: Annotated[int, typer.Option(min=0, max=6, help="generations up and "
                                             "down")] = 2,
) -> None:
    """Write the family of a person as GEDCOM 7 (with our extension tags)."""
    from genogram_service.gedcom.service import export_gedcom
    from genogram_service.security.access import SYSTEM

    try:
        with _admin_services() as services:
            result = export_gedcom(services.graph, services.guard, SYSTEM, person_id=person_id,
                                   generations=generations)
    except GenogramError as exc:
        _fail(exc)
    if out is None:
        sys.stdout.buffer.write(result.content)
        return
    out.write_bytes(result.content)
    console.print(f"wrote {out} ({result.persons} persons, {result.families} families)")


@app.command("kinship")
def kinship_(
    person_id: Annotated[str, typer.Argument(help="the person (A)")],
    relative_id: Annotated[str, typer.Argument(help="the relative (B): how is B related "
                                               "to A?")],
    lang: Annotated[str, typer.Option(help="en or nl")] = "en",
    json_: Annotated[bool, typer.Option("--json", help="the whole answer as JSON")] = False,
) -> None:
    """Name how B is related to A (English or Dutch)."""
    from genogram_service.family.kinship import kinship
    from genogram_service.security.access import SYSTEM

    if lang not in ("en", "nl"):
        console.print("[red]error:[/red] --lang is en or nl")
        raise typer.Exit(2)
    try:
        with _admin_services() as services:
            result = kinship(services.graph, services.guard, SYSTEM, person_id=person_id,
                             relative_id=relative_id, lang=lang)
    except GenogramError as exc:
        _fail(exc)
    typer.echo(result.model_dump_json(indent=2) if json_ else result.name)


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
