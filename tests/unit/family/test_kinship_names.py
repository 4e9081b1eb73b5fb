"""Kinship names by the shape of a relation (no database): any depth, both languages."""

from __future__ import annotations

import pytest

from genogram_service.family.kinship_names import blood, chain, ordinal, partner

M, F, U = "male", "female", None


@pytest.mark.parametrize("up,down,sex,en,nl", [
    (0, 1, F, "Daughter", "dochter"),
    (0, 2, M, "Grandson", "kleinzoon"),
    (0, 4, U, "Great-Great-Grandchild", "achterachterkleinkind"),
    (0, 7, M, "5th Great-Grandson", "nakomeling in de 7e generatie"),
    (1, 0, U, "Parent", "ouder"),
    (3, 0, M, "Great-Grandfather", "overgrootvader"),
    (4, 0, F, "Great-Great-Grandmother", "betovergrootmoeder"),
    (6, 0, U, "4th Great-Grandparent", "oudgrootouder"),
    (9, 0, M, "7th Great-Grandfather", "stamvader"),
    (13, 0, F, "11th Great-Grandmother", "stamoudmoeder"),
    (17, 0, M, "15th Great-Grandfather", "edelvader"),
    (33, 0, M, "31st Great-Grandfather", "voorvader"),
    (70, 0, M, "68th Great-Grandfather", "voorouder in de 70e generatie"),
    (1, 1, U, "Sibling", "broer of zus"),
    (2, 1, F, "Aunt", "tante"),
    (3, 1, M, "Great-Uncle", "oudoom"),
    (4, 1, U, "Great-Great-Aunt/Uncle", "overoudoom of -tante"),
    (1, 2, M, "Nephew", "neef"),
    (1, 3, F, "Great-Niece", "achternicht"),
    (2, 2, F, "1st Cousin", "volle nicht"),
    (2, 4, M, "1st Cousin 2 times removed", "volle neef (2 generaties lager)"),
    (4, 3, M, "2nd Cousin once removed", "achterneef (1 generatie hoger)"),
    (4, 4, F, "3rd Cousin", "achter-achternicht"),
    (12, 12, M, "11th Cousin", "neef in de 11e graad"),
    (23, 22, U, "21st Cousin once removed", "neef of nicht in de 21e graad (1 generatie hoger)"),
])
def test_blood_names(up: int, down: int, sex: str | None, en: str, nl: str) -> None:
    assert blood("en", up, down, sex) == en
    assert blood("nl", up, down, sex) == nl


def test_markers_half_and_partners() -> None:
    assert blood("en", 1, 1, M, half=True) == "Half-Brother"
    assert blood("nl", 1, 1, F, half=True) == "halfzus"
    assert blood("en", 1, 0, F, marker="step") == "Stepmother"
    assert blood("en", 2, 0, M, marker="step") == "Step-Grandfather"
    assert blood("nl", 2, 0, M, marker="step") == "stiefgrootvader"
    assert blood("en", 0, 1, M, marker="adoptive") == "Adopted Son"
    assert blood("en", 1, 0, M, marker="adoptive") == "Adoptive Father"
    assert blood("nl", 0, 1, F, marker="foster") == "pleegdochter"
    assert blood("en", 2, 2, M, marker="foster") == "1st Cousin (foster)"
    assert blood("nl", 2, 2, M, marker="adoptive") == "volle neef (adoptief)"
    assert partner("en", F, kind="married", ended=False) == "Wife"
    assert partner("en", M, kind="registered_partnership", ended=True) == \
        "Ex-Registered Partner"
    assert partner("nl", F, kind="cohabiting", ended=True) == "ex-partner"
    assert chain("en", [("partner", F), ("sibling", M)]) == "Wife's Brother"
    assert chain("nl", [("partner", F), ("sibling", M)]) == "broer van partner"
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == \
        ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"]
