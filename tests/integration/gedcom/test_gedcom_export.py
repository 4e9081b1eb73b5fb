"""GEDCOM 7 export: valid GEDCOM 7, importing our own export gives back the same family
(round trip), need-to-know applies, and every person of the samples gets a genogram."""

from __future__ import annotations

from collections import Counter
from typing import Any

import gedcom7
import pytest
from fastapi.testclient import TestClient

from genogram_service.db import Graph
from genogram_service.records import Bundle
from genogram_service.security.access import Role
from tests.support.fixtures import ClientFactory
from tests.support.helpers import graph_counts, import_ok, problem
from tests.support.paths import GEDCOM, PUBLIC_GEDCOM
from tests.support.samples import family

DATA = GEDCOM
SHARED = PUBLIC_GEDCOM
EXID = "https://genogram.example/gedcom7/id"


def post_gedcom(client: TestClient, raw: bytes, **params: Any) -> dict[str, Any]:
    r = client.post("/import/gedcom", content=raw, params=params)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def exported_ids(raw: bytes) -> set[str]:
    """Our ids of the persons in an export (INDI.EXID), read with the gedcom7 library."""
    records = gedcom7.loads(raw.decode("utf-8"))
    return {c.text for r in records if r.tag == "INDI" for c in r.children
            if c.tag == "EXID" and any(t.text == EXID for t in c.children)}


def family_signature(graph: Graph, ids: set[str]) -> dict[str, Counter[Any]]:
    """The family of the given persons without ids: what a round trip must keep."""
    start = sorted(ids)[0]
    row = graph.read("read/family_export", person_id=start)[0]
    persons = {p["id"]: p for p in row["persons"] if p["id"] in ids}
    dates = ("birth_date", "birth_date_to", "birth_date_precision", "birth_date_text",
             "death_date", "death_date_to", "death_date_precision", "death_date_text")

    def who(pid: str) -> tuple[Any, ...]:
        p = persons[pid]
        return (*(p.get(k) for k in ("given_names", "prefix", "surname", "name_prefix",
                                     "name_suffix", "sex", *dates)),
                tuple(p.get("other_names") or ()))

    unions = {u["id"]: u for u in row["unions"] if set(u["partner_ids"]) & ids}
    union_dates = ("start_date", "start_date_to", "start_date_precision", "start_date_text",
                   "end_date", "end_date_to", "end_date_precision", "end_date_text",
                   "end_reason")

    def couple(uid: str) -> tuple[Any, ...]:
        u = unions[uid]
        return (u["kind"], frozenset(who(p) for p in u["partner_ids"] if p in ids),
                *(u.get(k) for k in union_dates))

    return {
        "persons": Counter(who(p) for p in persons),
        "unions": Counter(couple(u) for u in unions),
        "links": Counter((who(x["child_id"]), couple(x["union_id"]), x["kind"],
                          x.get("start_date"), x.get("end_date")) for x in row["links"]
                         if x["child_id"] in ids and x["union_id"] in unions),
        "emotional": Counter((who(e["from_id"]), who(e["to_id"]), e["kind"],
                              e.get("directed"), e.get("note"), e.get("start_date"),
                              e.get("end_date")) for e in row["emotional"]
                             if e["from_id"] in ids and e["to_id"] in ids),
    }


ROUND_TRIPS = [  # file, the person whose family is exported
    (SHARED / "Harry_Potter.ged", "I2"),
    (SHARED / "RelationshipTest.ged", "I00003"),
    (DATA / "dates.ged", "D23"),
    (DATA / "pedigree.ged", "P1"),
    (DATA / "gedcom7.ged", "A"),
    (DATA / "names.ged", "N2"),
]


def test_round_trip(client: TestClient, graph: Graph) -> None:
    for path, who in ROUND_TRIPS:
        report = post_gedcom(client, path.read_bytes())
        person = f"ged-{report['file_key']}-{who}"
        r = client.get(f"/persons/{person}/family.ged", params={"generations": 6})
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith("text/vnd.familysearch.gedcom")
        raw = r.content
        assert raw.startswith(b"\xef\xbb\xbf0 HEAD\n1 GEDC\n2 VERS 7.0\n")
        assert gedcom7.validate(gedcom7.loads(raw.decode("utf-8"))) == [], path.name
        ids = exported_ids(raw)
        persons = {i for i in ids if i.startswith(f"ged-{report['file_key']}-")}
        assert person in persons and int(r.headers["X-Gedcom-Persons"]) == len(persons)
        back = post_gedcom(client, raw, key=f"rt-{path.stem}")
        assert back["version"] == "7.0"
        assert back["individuals"]["imported"] == len(persons)
        assert back["skipped"] == [], path.name
        assert [w for w in back["warnings"] if w["code"].endswith("_tag")] == [], path.name
        copies = {i["id"] for i in graph.read("read/gedcom_tree", prefix=f"ged-rt-{path.stem}-")
                  if i["kind"] == "person"}
        assert family_signature(graph, copies) == family_signature(graph, persons), path.name
        counts = graph_counts(graph)
        again = post_gedcom(client, raw, key=f"rt-{path.stem}")  # and it stays the same
        assert graph_counts(graph) == counts and again["written"]["created_nodes"] == 0


def test_our_extra_facts_survive(client: TestClient, graph: Graph) -> None:
    data = family()
    data["unions"].append({"id": "u-nieuw", "kind": "cohabiting",
                           "partner_ids": ["p-moeder"], "start_date": "2019-03-01"})
    data["child_links"].append({"id": "cl-pleeg", "child_id": "p-kind2", "union_id": "u-nieuw",
                                "kind": "foster", "start_date": "2020-01-01",
                                "end_date": "2021-06-30"})
    data["emotional_relations"].append({"id": "er-2", "from_id": "p-moeder", "to_id": "p-kind",
                                        "kind": "close", "directed": True,
                                        "note": "Hecht\nook na de scheiding"})
    import_ok(client, data)
    r = client.get("/persons/p-kind/family.ged", params={"generations": 2})
    assert r.status_code == 200, r.text
    text = r.content.decode("utf-8")
    assert gedcom7.validate(gedcom7.loads(text)) == []
    for line in ("1 _GENO_EMOT @", "2 _GENO_KIND conflict", "1 _GENO_UNION cohabiting",
                 "2 _GENO_DATE 1 MAR 2019", "2 _GENO_PERIOD FROM 1 JAN 2020 TO 30 JUN 2021",
                 "2 PEDI ADOPTED", "1 DIV", "2 _GENO_DIRECTED Y", "3 CONT ook na de scheiding",
                 "2 SPFX van der", "1 SEX X"):
        assert line in text, line
    assert "bsn" not in text.lower() and "123456782" not in text
    ids = exported_ids(r.content)
    back = post_gedcom(client, r.content, key="rt-sample")
    assert back["relationships"]["skipped"] == 0
    copies = {i["id"] for i in graph.read("read/gedcom_tree", prefix="ged-rt-sample-")
              if i["kind"] == "person"}
    assert family_signature(graph, copies) == family_signature(graph, ids & {
        p["id"] for p in data["persons"]})


def test_names_are_written_back(client: TestClient, graph: Graph) -> None:
    report = post_gedcom(client, (DATA / "names.ged").read_bytes())
    r = client.get(f"/persons/ged-{report['file_key']}-N2/family.ged",
                   params={"generations": 2})
    text = r.content.decode("utf-8")
    assert gedcom7.validate(gedcom7.loads(text)) == []
    for block in ("1 NAME Dr. Jan /van der Berg/ Jr.\n2 NPFX Dr.\n2 GIVN Jan\n"
                  "2 SPFX van der\n2 SURN Berg\n2 NSFX Jr.\n",
                  "1 NAME Maria Johanna /de Vries/\n", "1 NAME Maria /Jansen/\n2 TYPE MARRIED\n",
                  "1 NAME Hans /Smit/\n2 TYPE AKA\n",
                  "1 NAME Jo /Smit/\n2 TYPE OTHER\n3 PHRASE roepnaam\n",
                  "1 NAME Prof. dr. Pieter /de Groot/ III\n2 NPFX Prof. dr.\n"):
        assert block in text, block


def test_a_second_birth_name_keeps_the_person_s_name(client: TestClient, graph: Graph) -> None:
    """Of two birth names the first holds the fields; the export marks it so that importing
    the export does not swap them."""
    text = ("0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @I1@ INDI\n1 NAME Anna /Bakker/\n2 TYPE MARRIED\n"
            "1 NAME Anna /de Wit/\n2 TYPE BIRTH\n1 NAME Anna /Wit/\n2 TYPE MAIDEN\n0 TRLR\n")
    key = post_gedcom(client, text.encode(), key="two-births")["file_key"]
    first = client.get(f"/persons/ged-{key}-I1").json()
    assert (first["prefix"], first["surname"], first["other_names"]) == \
        ("de", "Wit", ["married: Anna /Bakker/", "maiden: Anna /Wit/"])
    raw = client.get(f"/persons/ged-{key}-I1/family.ged").content
    assert "1 NAME Anna /de Wit/\n2 GIVN Anna\n2 SPFX de\n2 SURN Wit\n2 TYPE BIRTH\n" in \
        raw.decode("utf-8")
    back = post_gedcom(client, raw, key="two-births-back")
    copy = client.get(f"/persons/ged-{back['file_key']}-I1").json()
    assert {k: copy.get(k) for k in ("given_names", "prefix", "surname", "other_names")} == \
        {k: first.get(k) for k in ("given_names", "prefix", "surname", "other_names")}


def test_export_follows_need_to_know(client_as: ClientFactory, graph: Graph,
                                     services: Any) -> None:
    data = family()
    # two generations above grandmother p-oma: more than four family steps from the case
    data["persons"] += [{"id": "p-ver", "given_names": "Verre", "sex": "female"},
                        {"id": "p-verder", "given_names": "Verder", "sex": "male"}]
    data["unions"] += [{"id": "u-ver", "kind": "other", "partner_ids": ["p-ver"]},
                       {"id": "u-verder", "kind": "other", "partner_ids": ["p-verder"]}]
    data["child_links"] += [{"id": "cl-ver", "child_id": "p-oma", "union_id": "u-ver"},
                            {"id": "cl-verder", "child_id": "p-ver", "union_id": "u-verder"}]
    data["professionals"].append({"id": "pro-3", "name": "Els Bos", "role": "jeugdbeschermer"})
    services.records.import_bundle(Bundle.model_validate(data))
    admin = client_as(Role.admin)
    everyone = exported_ids(admin.get("/persons/p-kind/family.ged",
                                      params={"generations": 4}).content)
    assert {"p-kind", "p-oma", "p-ver", "p-verder"} <= everyone
    worker = client_as(Role.case_worker, "pro-1")
    r = worker.get("/persons/p-kind/family.ged", params={"generations": 4})
    assert r.status_code == 200, r.text
    assert exported_ids(r.content) == everyone - {"p-verder"}  # only who the worker may see
    outside = client_as(Role.case_worker, "pro-3")
    missing = problem(outside.get("/persons/p-kind/family.ged"), 404)
    genuine = problem(outside.get("/persons/nobody/family.ged"), 404)
    assert missing["detail"] == genuine["detail"].replace("nobody", "p-kind")
    problem(client_as(Role.analyst).get("/persons/p-kind/family.ged"), 403)
    problem(admin.get("/persons/p-kind/family.ged", params={"generations": 7}), 422)


def test_every_person_of_the_samples_gets_a_genogram(client: TestClient, graph: Graph) -> None:
    persons = []
    for name in ("Harry_Potter.ged", "RelationshipTest.ged", "minimal55.ged"):
        report = post_gedcom(client, (SHARED / name).read_bytes())
        persons += [r["id"] for r in graph.read("read/gedcom_tree",
                                                prefix=f"ged-{report['file_key']}-")
                    if r["kind"] == "person"]
    assert len(persons) == 23 + 43
    for pid in persons:
        r = client.get(f"/persons/{pid}/genogram.svg", params={"lang": "en"})
        assert r.status_code == 200, (pid, r.text[:200])
        assert r.headers["content-type"].startswith("image/svg+xml")
        assert b"<svg" in r.content[:2000]


@pytest.mark.parametrize("generations", [0, 1])
def test_generations_limit_the_export(client: TestClient, graph: Graph,
                                      generations: int) -> None:
    report = post_gedcom(client, (SHARED / "RelationshipTest.ged").read_bytes())
    key = report["file_key"]
    r = client.get(f"/persons/ged-{key}-I00001/family.ged",
                   params={"generations": generations})
    ids = {i.removeprefix(f"ged-{key}-") for i in exported_ids(r.content)
           if i.startswith(f"ged-{key}-I")}
    if generations == 0:
        assert ids == {"I00001"}
    else:  # parents, siblings, the parents' other partners and their children
        assert {"I00001", "I00002", "I00003", "I00004", "I00005"} <= ids
        assert "I00008" not in ids  # a grandparent is two generations up
