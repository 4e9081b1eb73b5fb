"""Kinship names on real families: RelationshipTest.ged (the public sample, pairs worked out by
hand from its FAM records) and our kinship.ged (adoption, foster care, step families,
in-laws, deep generations), both directions, in English and Dutch."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from genogram_service.container import Services
from genogram_service.db import Graph
from genogram_service.family.kinship import kinship
from genogram_service.gedcom.service import import_gedcom
from genogram_service.records import Bundle
from genogram_service.security.access import SYSTEM, Role
from tests.support.fixtures import ClientFactory
from tests.support.helpers import problem
from tests.support.paths import GEDCOM, PUBLIC_GEDCOM
from tests.support.samples import family

DATA = GEDCOM
SHARED = PUBLIC_GEDCOM

# (a, b, how b is related to a in English, in Dutch); I-numbers of RelationshipTest.ged.
# F2 George+Hannah: Michael, Julie, Henry; F1 Michael+Nancy: Charlie, Betsy, Alex;
# F3 Robert Andrews+Sylvia: Nancy, Theresa (father natural, mother step); F6 Robert+Sonia:
# Theresa; F7 James+Sally: Robert; F8 Steven+Gladys: Sally, Sammy; F14 Lawrence+Yvonne:
# Gladys, Robert Knight, Ulysses (sex U); F15 .. F17: Robert Knight > Edward > Jerome > Kelly.
RELATIONSHIP_TEST = [
    (1, 2, "Father", "vader"), (2, 1, "Son", "zoon"),
    (1, 8, "Grandfather", "grootvader"), (8, 1, "Grandson", "kleinzoon"),
    (1, 12, "Great-Grandfather", "overgrootvader"),
    (12, 1, "Great-Grandson", "achterkleinzoon"),
    (1, 13, "Great-Grandmother", "overgrootmoeder"),
    (1, 4, "Sister", "zus"), (4, 1, "Brother", "broer"),
    (1, 20, "Uncle", "oom"), (20, 1, "Nephew", "neef"),
    (1, 21, "Aunt", "tante"), (21, 4, "Niece", "nicht"),
    (1, 23, "1st Cousin", "volle neef"), (23, 1, "1st Cousin", "volle neef"),
    (1, 25, "1st Cousin once removed", "volle neef (1 generatie lager)"),
    (25, 1, "1st Cousin once removed", "volle neef (1 generatie hoger)"),
    (1, 11, "Grandmother", "grootmoeder"), (11, 1, "Grandson", "kleinzoon"),
    (3, 15, "Half-Sister", "halfzus"), (15, 3, "Half-Sister", "halfzus"),
    (15, 10, "Father", "vader"), (15, 14, "Mother", "moeder"),
    (15, 11, "Stepmother", "stiefmoeder"), (11, 15, "Stepdaughter", "stiefdochter"),
    (3, 14, "Stepmother", "stiefmoeder"), (14, 3, "Stepdaughter", "stiefdochter"),
    (1, 15, "Half-Aunt", "halftante"), (15, 1, "Half-Nephew", "halfneef"),
    (1, 27, "Great-Great-Grandfather", "betovergrootvader"),
    (27, 1, "Great-Great-Grandson", "achterachterkleinzoon"),
    (1, 32, "3rd Great-Grandfather", "oudvader"),
    (32, 1, "3rd Great-Grandson", "nakomeling in de 5e generatie"),
    (1, 29, "Great-Great-Uncle", "overoudoom"),
    (29, 1, "Great-Great-Nephew", "achter-achterneef"),
    (42, 1, "3rd Cousin once removed", "achter-achterneef (1 generatie lager)"),
    (1, 42, "3rd Cousin once removed", "achter-achternicht (1 generatie hoger)"),
    (39, 41, "Son", "zoon"), (42, 39, "Grandfather", "grootvader"),
    (42, 43, "Brother", "broer"), (44, 42, "Sister", "zus"),
    (42, 44, "Sibling", "broer of zus"), (19, 35, "Sibling", "broer of zus"),
    (42, 45, "Partner", "partner"), (45, 42, "Partner", "partner"),
    (2, 3, "Partner", "partner"),
    (2, 10, "Father-in-Law", "schoonvader"), (10, 2, "Son-in-Law", "schoonzoon"),
    (20, 3, "Sister-in-Law", "schoonzus"), (3, 20, "Brother-in-Law", "zwager"),
    (21, 22, "Sister-in-Law", "schoonzus"), (22, 21, "Sister-in-Law", "schoonzus"),
]

# K-numbers of kinship.ged: Adam+Eva > Bram (+Dina), Cato (+Eric); Bram+Dina > Floor (+Ivo),
# Gijs (+Wendy > Xander); Floor+Ivo (son of Kees+Joke) > Lars (birth), Mila (adopted), Noor
# (foster); Lars+Quinn > Roos (+Vince) > Uma; Cato+Eric > Hanna (+Otto) > Pim (+Tess) > Sem;
# Dina's first marriage to Yuri (divorced) > Zara; Eric+Anouk > Bas; Anouk+Cor > Daan; Lone
# belongs to no family.
KINSHIP = [
    (22, 1, "3rd Great-Grandfather", "oudvader"),
    (1, 22, "3rd Great-Granddaughter", "nakomeling in de 5e generatie"),
    (13, 17, "2nd Cousin", "achterneef"), (17, 13, "2nd Cousin", "achterneef"),
    (19, 17, "2nd Cousin once removed", "achterneef (1 generatie hoger)"),
    (17, 19, "2nd Cousin once removed", "achternicht (1 generatie lager)"),
    (22, 17, "2nd Cousin 2 times removed", "achterneef (2 generaties hoger)"),
    (13, 14, "Adoptive Sister", "adoptiezus"), (14, 13, "Adoptive Brother", "adoptiebroer"),
    (7, 14, "Adopted Daughter", "adoptiedochter"), (14, 7, "Adoptive Mother", "adoptiemoeder"),
    (7, 15, "Foster Daughter", "pleegdochter"), (15, 10, "Foster Father", "pleegvader"),
    (15, 14, "Foster Sister", "pleegzus"),
    (7, 11, "Mother-in-Law", "schoonmoeder"), (11, 7, "Daughter-in-Law", "schoondochter"),
    (8, 10, "Brother-in-Law", "zwager"), (10, 8, "Brother-in-Law", "zwager"),
    (4, 10, "Nephew-in-Law", "aangetrouwde neef"),
    (7, 27, "Half-Sister", "halfzus"), (27, 8, "Half-Brother", "halfbroer"),
    (9, 29, "Half-Brother", "halfbroer"), (29, 9, "Half-Sister", "halfzus"),
    (4, 29, "Stepson", "stiefzoon"), (29, 4, "Stepmother", "stiefmoeder"),
    (9, 31, "Stepbrother", "stiefbroer"), (31, 9, "Stepsister", "stiefzus"),
    (13, 9, "1st Cousin once removed", "volle nicht (1 generatie hoger)"),
    (13, 4, "Great-Aunt", "oudtante"), (4, 13, "Great-Nephew", "achterneef"),
    (1, 2, "Wife", "echtgenote"), (2, 1, "Husband", "echtgenoot"),
    (5, 26, "Ex-Husband", "ex-echtgenoot"), (26, 5, "Ex-Wife", "ex-echtgenote"),
    (13, 18, "Partner", "partner"),
    (13, 32, "not related", "geen familie"), (32, 13, "not related", "geen familie"),
    (11, 8, "Son's Wife's Brother", "broer van partner van zoon"),
]


def _check(services: Services, key: str, fmt: str, pairs: list[tuple[int, int, str, str]]
           ) -> list[str]:
    wrong = []
    for a, b, en, nl in pairs:
        found = kinship(services.graph, services.guard, SYSTEM,
                        person_id=f"ged-{key}-{fmt % a}", relative_id=f"ged-{key}-{fmt % b}",
                        lang="nl")
        if (found.names["en"], found.name) != (en, nl):
            wrong.append(f"{a} -> {b}: {found.names} (want {en!r}, {nl!r})")
    return wrong


def test_relationship_test_sample(services: Services, graph: Graph) -> None:
    report = import_gedcom(services.records, (SHARED / "RelationshipTest.ged").read_bytes())
    assert _check(services, report.file_key, "I%05d", RELATIONSHIP_TEST) == []


def test_kinship_file(services: Services, graph: Graph) -> None:
    report = import_gedcom(services.records, (DATA / "kinship.ged").read_bytes())
    assert _check(services, report.file_key, "K%d", KINSHIP) == []
    key = report.file_key
    found = kinship(services.graph, services.guard, SYSTEM, person_id=f"ged-{key}-K22",
                    relative_id=f"ged-{key}-K17")
    assert (found.kind, found.generations_up, found.generations_down, found.half) == \
        ("blood", 5, 3, False)
    assert found.path[0] == f"ged-{key}-K22" and found.path[-1] == f"ged-{key}-K17"
    assert f"ged-{key}-K3" in found.path or f"ged-{key}-K4" in found.path  # via the apex
    adopted = kinship(services.graph, services.guard, SYSTEM, person_id=f"ged-{key}-K13",
                      relative_id=f"ged-{key}-K14")
    assert adopted.kind == "adoptive"
    nobody = kinship(services.graph, services.guard, SYSTEM, person_id=f"ged-{key}-K13",
                     relative_id=f"ged-{key}-K32")
    assert (nobody.related, nobody.kind, nobody.path) == (False, "none", [])


def test_kinship_api(client_as: ClientFactory, services: Services, graph: Graph) -> None:
    data = family()
    data["professionals"].append({"id": "pro-3", "name": "Els Bos", "role": "jeugdbeschermer"})
    services.records.import_bundle(Bundle.model_validate(data))
    admin = client_as(Role.admin)
    r = admin.get("/persons/p-kind/kinship/p-oma", params={"lang": "nl"})
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    assert (body["name"], body["names"]["en"], body["kind"]) == ("grootmoeder", "Grandmother",
                                                                 "blood")
    assert body["path"] == ["p-kind", "p-moeder", "p-oma"]
    assert admin.get("/persons/p-kind/kinship/p-kind2").json()["names"]["en"] == \
        "Adoptive Sibling"  # sex other: a neutral word
    assert admin.get("/persons/p-moeder/kinship/p-vader").json()["name"] == "Ex-Husband"
    worker = client_as(Role.case_worker, "pro-1")
    assert worker.get("/persons/p-kind/kinship/p-vader").json()["name"] == "Father"
    outside = client_as(Role.case_worker, "pro-3")
    problem(outside.get("/persons/p-kind/kinship/p-vader"), 404)
    problem(client_as(Role.auditor).get("/persons/p-kind/kinship/p-vader"), 403)
    missing = problem(admin.get("/persons/p-kind/kinship/nobody"), 404)
    assert missing["detail"] == "no person with id 'nobody'"
    problem(admin.get("/persons/p-kind/kinship/p-oma", params={"lang": "de"}), 422)


@pytest.mark.parametrize("lang,name", [("en", "Self"), ("nl", "zelf")])
def test_a_person_is_themselves(client: TestClient, services: Services, graph: Graph,
                                lang: str, name: str) -> None:
    services.records.import_bundle(Bundle.model_validate({"persons": [{"id": "p-1"}]}))
    r = client.get("/persons/p-1/kinship/p-1", params={"lang": lang})
    assert r.json()["name"] == name
