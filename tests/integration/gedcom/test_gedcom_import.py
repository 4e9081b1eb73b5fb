"""GEDCOM import against the real database: the public samples and our own files.

Counts and structure are checked against an independent reading of each file (a few regular
expressions over its lines), not against the importer's own parse."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from genogram_service.cli import app as cli
from genogram_service.cli.common import SECRET_SETTINGS
from genogram_service.db import Graph
from genogram_service.settings import Settings, get_settings
from tests.support.helpers import fields, graph_counts, problem
from tests.support.paths import GEDCOM, PUBLIC_GEDCOM

DATA = GEDCOM
SHARED = PUBLIC_GEDCOM
SAMPLES = ["Harry_Potter.ged", "RelationshipTest.ged", "minimal55.ged"]


def post_gedcom(client: TestClient, raw: bytes, name: str | None = None,
                **params: Any) -> dict[str, Any]:
    headers = {"Content-Type": "application/octet-stream"}
    if name:
        headers["Content-Disposition"] = f'attachment; filename="{name}"'
    r = client.post("/import/gedcom", content=raw, headers=headers, params=params)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def file_structure(raw: bytes) -> tuple[set[str], dict[str, tuple[set[str], set[str]]]]:
    """INDI ids, and per FAM its partners (HUSB/WIFE) and children (CHIL), from the lines."""
    individuals: set[str] = set()
    families: dict[str, tuple[set[str], set[str]]] = {}
    current: str | None = None
    for line in raw.decode("utf-8").splitlines():
        if m := re.match(r"0 @([^@]+)@ (INDI|FAM)\b", line):
            current = m.group(1) if m.group(2) == "FAM" else None
            if m.group(2) == "INDI":
                individuals.add(m.group(1))
            else:
                families[current] = (set(), set())
        elif current and (m := re.match(r"1 (HUSB|WIFE|CHIL) @([^@]+)@", line)):
            families[current][0 if m.group(1) != "CHIL" else 1].add(m.group(2))
        elif line.startswith("0 "):
            current = None
    return individuals, families


def stored_structure(graph: Graph, key: str, individuals: set[str]
                     ) -> tuple[set[str], dict[str, tuple[set[str], set[str]]]]:
    prefix = f"ged-{key}-"
    ids = [r["id"] for r in graph.read("read/gedcom_tree", prefix=prefix)
           if r["kind"] == "person"]
    if not ids:
        return set(), {}
    row = graph.read("read/kinship_family", ids=ids)[0]
    children: dict[str, set[str]] = {}
    for link in row["links"]:
        children.setdefault(link["union_id"], set()).add(link["child_id"].removeprefix(prefix))
    unions = {u["id"].removeprefix(prefix): ({p.removeprefix(prefix) for p in u["partner_ids"]},
                                            children.get(u["id"], set()))
              for u in row["unions"]}
    return {i.removeprefix(prefix) for i in ids}, unions


@pytest.mark.parametrize("name", SAMPLES)
def test_samples_counts_structure_and_import_twice(client: TestClient, graph: Graph,
                                                   name: str) -> None:
    raw = (SHARED / name).read_bytes()
    individuals, families = file_structure(raw)
    report = post_gedcom(client, raw, name)
    assert report["individuals"] == {"read": len(individuals), "imported": len(individuals),
                                     "merged": 0, "skipped": 0}
    assert report["families"] == {"read": len(families), "imported": len(families),
                                  "merged": 0, "skipped": 0}
    links = sum(len(p) + len(c) for p, c in families.values())
    assert report["relationships"]["read"] == report["relationships"]["imported"] == links
    counts = graph_counts(graph)
    assert counts.get("node:Person", 0) == len(individuals)
    assert counts.get("node:Union", 0) == len(families)
    assert counts.get("relationship:CHILD_OF", 0) == sum(len(c) for _, c in families.values())
    assert counts.get("relationship:PARTNER_IN", 0) == sum(len(p) for p, _ in families.values())
    assert stored_structure(graph, report["file_key"], individuals) == (individuals, families)

    again = post_gedcom(client, raw, name)  # the same file twice changes nothing
    assert graph_counts(graph) == counts
    assert again["file_key"] == report["file_key"]
    assert again["individuals"] == {"read": len(individuals), "imported": 0,
                                    "merged": len(individuals), "skipped": 0}
    assert again["written"]["created_nodes"] == 0
    assert again["written"]["created_relationships"] == 0


def test_harry_potter_report(client: TestClient, graph: Graph) -> None:
    raw = (SHARED / "Harry_Potter.ged").read_bytes()
    report = post_gedcom(client, raw)
    assert report["version"] == "5.5" and report["encoding"] == "utf-8"
    assert report["file_key"].startswith("harry-potter-") and \
        report["file_key_from"] == "head_file"
    unknown = {w["message"]: w for w in report["warnings"] if w["code"] == "unknown_tag"}
    wand = unknown["unknown tag WAND (under INDI) not imported"]
    assert wand["count"] == raw.count(b"\n1 WAND ")
    assert all(raw.decode().splitlines()[n - 1].startswith("1 WAND") for n in wand["lines"])
    assert report["not_imported"]["INDI.BIRT.PLAC"] == 7
    key = report["file_key"]
    james = client.get(f"/persons/ged-{key}-I4").json()  # BIRT DATE ABT 2005
    assert (james["birth_date"], james["birth_date_to"], james["birth_date_precision"],
            james["birth_date_text"]) == ("2005-01-01", "2005-12-31", "about", "ABT 2005")
    lily = client.get(f"/persons/ged-{key}-I7").json()
    assert (lily["given_names"], lily["surname"], lily["sex"], lily["death_date"]) == \
        ("Lily", "Evans", "female", "1981-10-31")
    assert "birth_date_precision" not in lily  # an exact day is just a date
    marriage = client.get(f"/unions/ged-{key}-F2").json()  # MARR DATE BET 1978 AND 1979
    assert (marriage["kind"], marriage["start_date"], marriage["start_date_to"],
            marriage["start_date_precision"]) == ("married", "1978-01-01", "1979-12-31",
                                                  "between")


def test_encodings_store_the_names(client: TestClient, graph: Graph) -> None:
    names = sorted(p.stem for p in (DATA / "encodings").glob("*.ged"))
    assert len(names) == 8
    for name in names:
        report = post_gedcom(client, (DATA / "encodings" / f"{name}.ged").read_bytes())
        key = report["file_key"]
        plain = name.startswith("ascii")
        zoe = client.get(f"/persons/ged-{key}-I2").json()
        assert (zoe["given_names"], zoe["prefix"], zoe["surname"]) == \
            ("Zoe" if plain else "Zoë", "van der", "Eclair" if plain else "Éclair"), name
        noel = client.get(f"/persons/ged-{key}-I3").json()
        assert (noel["given_names"], noel["surname"], noel["sex"]) == \
            ("Noel" if plain else "Noël", "Muller" if plain else "Müller", "other"), name
    assert graph_counts(graph)["node:Person"] == 3 * len(names)


def test_dates_are_stored_with_their_precision(client: TestClient, graph: Graph) -> None:
    report = post_gedcom(client, (DATA / "dates.ged").read_bytes())
    key = report["file_key"]

    def person(xref: str) -> dict[str, Any]:
        body: dict[str, Any] = client.get(f"/persons/ged-{key}-{xref}").json()
        return body

    def birth(xref: str) -> tuple[Any, ...]:
        p = person(xref)
        return tuple(p.get(f) for f in ("birth_date", "birth_date_to", "birth_date_precision",
                                         "birth_date_text"))

    assert birth("D1") == ("1900-05-12", None, None, None)
    assert birth("D2") == ("1900-05-01", "1900-05-31", "month", "MAY 1900")
    assert birth("D3") == ("1900-01-01", "1900-12-31", "year", "1900")
    assert birth("D7") == (None, "1900-12-31", "before", "BEF 1900")
    assert birth("D8") == ("1900-05-12", None, "after", "AFT 12 MAY 1900")
    assert birth("D9") == ("1900-01-01", "1905-12-31", "between", "BET 1900 AND 1905")
    assert birth("D11") == (None, None, "year", "100 BCE")
    assert birth("D12") == (None, None, "phrase", "the year of the great flood")
    assert birth("D14") == ("1700-01-11", None, "exact", "JULIAN 1 JAN 1700")
    assert birth("D17") == ("1900-01-01", "1900-12-31", "about", "ABT 1900")
    # death "1900" after birth "MAR 1900": the ranges overlap; the earliest death is raised
    d19 = person("D19")
    assert (d19["death_date"], d19["death_date_to"], d19["death_date_precision"],
            d19["death_date_text"]) == ("1900-03-01", "1900-12-31", "year", "1900")
    d20 = person("D20")  # birth 1901, death ABT 1900: an approximation, no hard bound
    assert (d20["death_date"], d20.get("death_date_to"), d20["death_date_precision"],
            d20["death_date_text"]) == ("1901-01-01", None, "about", "ABT 1900")
    d21 = person("D21")  # birth 1950, death 1900: impossible, the death keeps its text only
    assert (d21.get("death_date"), d21["death_date_precision"], d21["death_date_text"]) == \
        (None, "year", "1900")
    d22 = person("D22")
    assert (d22.get("death_date"), d22["death_date_precision"], d22["death_date_text"]) == \
        (None, "phrase", "deceased, date unknown")
    union = client.get(f"/unions/ged-{key}-DF1").json()
    assert (union["kind"], union["start_date_precision"], union["end_reason"],
            union["end_date"], union["end_date_to"]) == \
        ("married", "between", "divorced", "1930-01-01", "1930-12-31")
    codes = [w["code"] for w in report["warnings"] for _ in range(w["count"])]
    assert codes.count("date_adjusted") == 2 and codes.count("date_conflict") == 1


def test_names_and_repeated_events_are_stored_and_reported(client: TestClient,
                                                          graph: Graph) -> None:
    raw = (DATA / "names.ged").read_bytes()
    report = post_gedcom(client, raw)
    key = report["file_key"]

    def person(xref: str) -> dict[str, Any]:
        body: dict[str, Any] = client.get(f"/persons/ged-{key}-{xref}").json()
        return body

    maria = person("N1")
    assert (maria["given_names"], maria["prefix"], maria["surname"], maria["other_names"],
            maria["birth_date"], maria.get("birth_date_precision")) == \
        ("Maria Johanna", "de", "Vries", ["married: Maria /Jansen/"], "1950-05-12", None)
    jan = person("N2")
    assert (jan["name_prefix"], jan["given_names"], jan["prefix"], jan["surname"],
            jan["name_suffix"], jan["birth_date_text"], jan["death_date"]) == \
        ("Dr.", "Jan", "van der", "Berg", "Jr.", "1948", "2001-03-03")
    assert "other_names" not in jan  # absent, not an empty list
    assert person("N5")["other_names"] == ["aka: Hans /Smit/", "roepnaam: Jo /Smit/"]
    union = client.get(f"/unions/ged-{key}-F1").json()
    assert (union["start_date"], union["end_date_text"]) == ("1975-06-12", "1990")

    lines = raw.decode().splitlines()

    def noted(section: str, code: str) -> list[str]:
        return [lines[n - 1] for note in report[section] if note["code"] == code
                for n in note["lines"]]

    assert noted("merged", "other_name") == ["1 NAME Maria /Jansen/", "1 NAME Hans /Smit/",
                                             "1 NAME Jo /Smit/"]
    assert noted("merged", "duplicate_name") == ["1 NAME Johannes /Smit/"]
    assert sorted(noted("merged", "repeated_event")) == ["1 BIRT", "1 BIRT", "1 DEAT Y"]
    assert noted("skipped", "empty_name") == ["1 NAME //"]
    assert noted("warnings", "birth_name") == ["1 NAME Maria Johanna /de Vries/"]
    assert len(noted("skipped", "other_birth")) == 3
    assert noted("skipped", "other_marriage") == ["1 MARR"]
    assert noted("skipped", "other_divorce") == ["1 DIV"]
    assert "INDI.NAME.NPFX" not in report["not_imported"]
    assert report["individuals"] == {"read": 5, "imported": 5, "merged": 0, "skipped": 0}

    counts = graph_counts(graph)
    again = post_gedcom(client, raw)  # no duplicates, nothing new
    assert graph_counts(graph) == counts and again["written"]["created_nodes"] == 0
    assert person("N1")["other_names"] == ["married: Maria /Jansen/"]

    # a re-import without the other names removes them (the file is the source)
    edited = raw.decode().replace("1 NAME Maria /Jansen/\n2 TYPE married\n", "")
    post_gedcom(client, edited.encode())
    assert "other_names" not in person("N1")


def test_pedigree_kinds_and_placeholder_parent(client: TestClient, graph: Graph) -> None:
    report = post_gedcom(client, (DATA / "pedigree.ged").read_bytes())
    key = report["file_key"]
    expected = {"PF1-P3": "birth", "PF1-P4": "adopted", "PF1-P5": "foster", "PF1-P6": "step",
                "PF2-P8": "birth", "PF2-P9": "adopted", "PF2-P3": "step", "PF3-P10": "foster",
                "PF3-P11": "birth", "PF4-P13": "birth"}
    for link, kind in expected.items():
        r = client.get(f"/child-links/ged-{key}-{link}")
        assert r.status_code == 200, link
        assert r.json()["kind"] == kind, link
    assert client.get(f"/child-links/ged-{key}-PF2-P9").json()["start_date"] == "2010-01-01"
    assert report["placeholders"] == 1
    union = client.get(f"/unions/ged-{key}-PF4").json()
    assert union["partner_ids"] == [f"ged-{key}-PF4-unknown-parent"]
    assert graph_counts(graph)["node:Person"] == 13 + 1
    assert report["relationships"]["merged"] == 1  # @P3@ listed twice in @PF1@
    assert {m["code"] for m in report["merged"]} == {"duplicate_child"}


def test_gedcom7_file(client: TestClient, graph: Graph) -> None:
    report = post_gedcom(client, (DATA / "gedcom7.ged").read_bytes(), "gedcom7.ged")
    key = report["file_key"]
    assert report["version"] == "7.0"
    anna = client.get(f"/persons/ged-{key}-A").json()
    assert (anna["given_names"], anna["prefix"], anna["surname"]) == ("Anna", "de", "Vries")
    conflict = client.get(f"/emotional-relations/ged-{key}-B-conflict-A").json()
    assert (conflict["from_id"], conflict["to_id"], conflict["start_date"],
            conflict["end_date"], conflict["note"]) == \
        (f"ged-{key}-B", f"ged-{key}-A", "2019-01-01", "2021-12-31",
         "They do not speak\nsince the move.")
    assert client.get(f"/emotional-relations/ged-{key}-B-close-A").status_code == 200
    union = client.get(f"/unions/ged-{key}-F").json()
    assert (union["end_reason"], union["end_date"]) == ("separated", "2015-01-01")
    assert [s["code"] for s in report["skipped"]] == ["association"]
    assert report["relationships"]["skipped"] == 1


def test_reimport_after_edits_updates_in_place(client: TestClient, graph: Graph) -> None:
    first = post_gedcom(client, (DATA / "edits-v1.ged").read_bytes(), "upload.ged")
    key = first["file_key"]
    assert key.startswith("family-jansen-")  # from HEAD.FILE (a Windows path), not the upload
    second = post_gedcom(client, (DATA / "edits-v2.ged").read_bytes(), "other-name.ged")
    assert second["file_key"] == key
    assert second["individuals"] == {"read": 3, "imported": 1, "merged": 2, "skipped": 0}
    assert second["families"] == {"read": 1, "imported": 0, "merged": 1, "skipped": 0}
    assert second["no_longer_in_file"] == [f"ged-{key}-I3"]
    assert second["removed"] == [f"ged-{key}-F1-I3"]  # Tim is no child of F1 any more
    els = client.get(f"/persons/ged-{key}-I2").json()
    assert (els["given_names"], els.get("prefix"), els["surname"]) == \
        ("Elisabeth", None, "Jansen-de Boer")
    union = client.get(f"/unions/ged-{key}-F1").json()
    assert (union["kind"], union["start_date"]) == ("married", "1988-01-01")
    counts = graph_counts(graph)
    assert counts["node:Person"] == 4  # Tim (I3) is kept: the report lists him
    assert counts["relationship:CHILD_OF"] == 1


def test_dry_run_reports_the_reimport_and_changes_nothing(client: TestClient,
                                                          graph: Graph) -> None:
    first = post_gedcom(client, (DATA / "edits-v1.ged").read_bytes(), "upload.ged")
    key = first["file_key"]
    counts = graph_counts(graph)
    dry = post_gedcom(client, (DATA / "edits-v2.ged").read_bytes(), "upload.ged",
                      dry_run=True)
    assert dry["dry_run"] is True and dry["written"]["dry_run"] is True
    assert dry["individuals"] == {"read": 3, "imported": 1, "merged": 2, "skipped": 0}
    assert dry["removed"] == [f"ged-{key}-F1-I3"]  # would be removed
    assert dry["written"]["created"]["persons"] == 1
    assert dry["written"]["updated"]["persons"] == 2 and dry["written"]["written"] == {}
    assert graph_counts(graph) == counts
    assert client.get(f"/persons/ged-{key}-I2").json()["surname"] != "Jansen-de Boer"
    assert client.get(f"/child-links/ged-{key}-F1-I3").status_code == 200


def test_a_file_key_of_another_family_is_refused(client: TestClient, graph: Graph) -> None:
    post_gedcom(client, (DATA / "edits-v1.ged").read_bytes(), key="shared")
    raw = (SHARED / "Harry_Potter.ged").read_bytes()
    r = client.post("/import/gedcom", content=raw, params={"key": "shared"})
    body = problem(r, 409)
    assert "shared" in body["detail"]
    assert graph_counts(graph)["node:Person"] == 3  # nothing written
    forced = post_gedcom(client, raw, key="shared", force="true")
    assert forced["individuals"]["merged"] == 3


def test_malformed_files_are_rejected_with_the_line(client: TestClient, graph: Graph) -> None:
    names = sorted(p.name for p in (DATA / "malformed").glob("*.ged"))
    assert len(names) == 5
    for name in names:
        line = re.search(r"line(\d+)", name).group(1)  # type: ignore[union-attr]
        r = client.post("/import/gedcom", content=(DATA / "malformed" / name).read_bytes())
        body = problem(r, 422)
        assert fields(body) == [f"line {line}"], name
        assert f"line {line}" in body["detail"], name
        assert graph_counts(graph) == {}, name  # nothing written


def test_a_person_cannot_be_their_own_ancestor(client: TestClient, graph: Graph) -> None:
    text = ("0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n1 FILE loop.ged\n"
            "0 @I1@ INDI\n1 NAME A /Loop/\n0 @I2@ INDI\n1 NAME B /Loop/\n"
            "0 @I3@ INDI\n1 NAME C /Loop/\n"
            "0 @F1@ FAM\n1 HUSB @I1@\n1 CHIL @I2@\n"
            "0 @F2@ FAM\n1 HUSB @I2@\n1 CHIL @I3@\n"
            "0 @F3@ FAM\n1 HUSB @I3@\n1 CHIL @I1@\n0 TRLR\n")
    report = post_gedcom(client, text.encode())
    # line 20 is "1 CHIL @I1@" of @F3@: the link that closes the loop
    assert [(s["code"], s["lines"]) for s in report["skipped"]] == [("ancestry", [20])]
    assert report["relationships"]["skipped"] == 1
    assert graph_counts(graph)["relationship:CHILD_OF"] == 2


def test_multipart_upload_and_empty_body(client: TestClient, graph: Graph) -> None:
    raw = (DATA / "encodings" / "utf16le-bom-crlf.ged").read_bytes()
    r = client.post("/import/gedcom", files={"file": ("familie.ged", raw)})
    assert r.status_code == 200, r.text
    assert r.json()["individuals"]["imported"] == 3
    assert fields(problem(client.post("/import/gedcom", content=b""), 422)) == ["body"]
    no_name = (DATA / "edits-v1.ged").read_text().replace(
        "1 FILE C:\\Genealogy\\Family Jansen.ged\n", "")
    report = post_gedcom(client, no_name.encode())
    assert report["file_key_from"] == "content"
    assert "file_key" in {w["code"] for w in report["warnings"]}
    assert post_gedcom(client, no_name.encode(), "jansen.ged")["file_key_from"] == "file_name"


# ----------------------------------------------------------------------------- command line


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, settings: Settings, graph: Graph
            ) -> Iterator[None]:
    secrets = {name: getattr(settings, name).get_secret_value() for name in SECRET_SETTINGS}
    monkeypatch.setenv("GENOGRAM_NEO4J_URI", settings.effective_neo4j_uri)
    for name, value in secrets.items():
        monkeypatch.setenv(f"GENOGRAM_{name.upper()}", value)
    monkeypatch.setenv("GENOGRAM_LOCAL_DB_DIR", str(settings.local_db_dir))
    monkeypatch.setenv("GENOGRAM_LOCAL_DB_PORT", str(settings.local_db_port))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_cli_import_export_kinship(cli_env: None, graph: Graph, tmp_path: Path) -> None:
    runner = CliRunner()
    sample = SHARED / "RelationshipTest.ged"
    result = runner.invoke(cli, ["import-gedcom", str(sample)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout[result.stdout.index("{"):])
    assert report["individuals"]["imported"] == 43
    assert graph_counts(graph)["node:Person"] == 43
    key = report["file_key"]
    out = tmp_path / "alex.ged"
    result = runner.invoke(cli, ["export-gedcom", f"ged-{key}-I00001", "-o", str(out),
                                 "--generations", "3"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\xef\xbb\xbf0 HEAD")
    result = runner.invoke(cli, ["kinship", f"ged-{key}-I00001", f"ged-{key}-I00012",
                                 "--lang", "nl"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "overgrootvader"
    bad = runner.invoke(cli, ["import-gedcom", str(DATA / "malformed" / "cont-line7.ged")])
    assert bad.exit_code == 1 and "line 7" in bad.output
