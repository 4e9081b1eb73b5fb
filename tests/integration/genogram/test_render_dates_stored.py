"""Proposed with the genogram plumbing: stored dates with a precision reach the picture."""

from __future__ import annotations

from fastapi.testclient import TestClient

from genogram_service.db import Graph
from tests.support.paths import GEDCOM, PUBLIC_GEDCOM

DATA = GEDCOM
SHARED = PUBLIC_GEDCOM


def test_imported_precisions_reach_the_genogram(client: TestClient, graph: Graph) -> None:
    raw = (SHARED / "Harry_Potter.ged").read_bytes()
    r = client.post("/import/gedcom", content=raw)
    assert r.status_code == 200, r.text
    key = r.json()["file_key"]
    svg = client.get(f"/persons/ged-{key}-I4/genogram.svg",
                     params={"at": "2024-06-01", "professionals": "false"}).text
    assert ">ca. 2005<" in svg and ">~18<" in svg  # James: ABT 2005
    assert ">2005<" not in svg
    english = client.get(f"/persons/ged-{key}-I4/genogram.svg",
                         params={"at": "2024-06-01", "lang": "en"}).text
    assert ">c. 2005<" in english

    r = client.post("/import/gedcom", content=(DATA / "dates.ged").read_bytes())
    key = r.json()["file_key"]
    svg = client.get(f"/persons/ged-{key}-D22/genogram.svg").text  # DEAT Y
    assert "✕" in svg.split("person&#45;ged")[1][:600]
    svg = client.get(f"/persons/ged-{key}-D7/genogram.svg").text  # BEF 1900
    assert ">&lt; 1900<" in svg
