"""A small, hand-written family with one record of every kind (valid as a whole)."""

from __future__ import annotations

import copy
from typing import Any

_FAMILY: dict[str, list[dict[str, Any]]] = {
    "persons": [
        {"id": "p-oma", "given_names": "Geertruida", "surname": "Bakker", "sex": "female",
         "birth_date": "1950-04-01", "death_date": "2021-09-30"},
        {"id": "p-moeder", "given_names": "Sanne", "prefix": "van der", "surname": "Berg",
         "sex": "female", "birth_date": "1985-06-12", "bsn": "123456782"},
        {"id": "p-vader", "given_names": "Mohamed", "surname": "El Amrani", "sex": "male",
         "birth_date": "1983-01-20"},
        {"id": "p-kind", "given_names": "Noor", "surname": "El Amrani", "sex": "female",
         "birth_date": "2012-03-05"},
        {"id": "p-kind2", "given_names": "Alex", "surname": "El Amrani", "sex": "other",
         "birth_date": "2015-11-11"},
    ],
    "unions": [
        {"id": "u-ouders", "kind": "married", "partner_ids": ["p-vader", "p-moeder"],
         "start_date": "2010-05-01", "end_date": "2018-02-01", "end_reason": "divorced"},
        {"id": "u-oma", "kind": "other", "partner_ids": ["p-oma"]},
    ],
    "organisations": [
        {"id": "org-vt", "type": "veilig_thuis", "name": "Veilig Thuis Utrecht",
         "region": "Utrecht"},
        {"id": "org-gi", "type": "gi", "name": "Samen Veilig Midden-Nederland",
         "region": "Utrecht"},
        {"id": "org-rb", "type": "rechtbank", "name": "Rechtbank Midden-Nederland",
         "region": "Utrecht"},
        {"id": "org-jh", "type": "jeugdhulpaanbieder", "name": "Youké", "region": "Utrecht"},
    ],
    "professionals": [
        {"id": "pro-1", "name": "Fatima de Vries", "role": "jeugdbeschermer", "registry": "SKJ",
         "registration_number": "100012345"},
        {"id": "pro-2", "name": "Jan Smit", "role": "veilig_thuis_medewerker"},
    ],
    "households": [
        {"id": "h-1", "name": "Huishouden Berg", "municipality": "Utrecht",
         "start_date": "2018-02-01"},
    ],
    "cases": [
        {"id": "case-1", "opened": "2022-01-10", "framework": "court_ordered",
         "municipality": "Utrecht", "person_ids": ["p-moeder", "p-kind", "p-kind2"]},
    ],
    "assignments": [
        {"id": "as-1", "professional_id": "pro-2", "case_id": "case-1",
         "organisation_id": "org-vt", "role": "veilig_thuis_medewerker",
         "start_date": "2022-01-10", "end_date": "2022-06-30"},
        {"id": "as-2", "professional_id": "pro-1", "case_id": "case-1",
         "organisation_id": "org-gi", "role": "jeugdbeschermer", "start_date": "2022-07-01"},
    ],
    "contacts": [
        {"id": "ct-1", "date": "2022-02-01", "kind": "home_visit",
         "professional_ids": ["pro-2"], "person_ids": ["p-moeder", "p-kind"],
         "case_id": "case-1"},
    ],
    "measures": [
        {"id": "m-1", "kind": "ots", "child_id": "p-kind", "requested_date": "2022-05-01",
         "decision_date": "2022-06-20", "start_date": "2022-07-01", "end_date": "2023-06-30",
         "court_id": "org-rb", "gi_id": "org-gi", "case_id": "case-1"},
        {"id": "m-2", "kind": "ots", "child_id": "p-kind", "start_date": "2023-07-01",
         "end_date": "2024-06-30", "court_id": "org-rb", "gi_id": "org-gi", "case_id": "case-1",
         "extends_id": "m-1"},
    ],
    "reports": [
        {"id": "r-1", "date": "2022-01-05", "reporter_type": "school", "outcome": "investigation",
         "person_ids": ["p-kind"], "organisation_id": "org-vt", "case_id": "case-1"},
    ],
    "referrals": [
        {"id": "ref-1", "person_id": "p-kind", "provider_id": "org-jh", "case_id": "case-1",
         "requested_date": "2022-09-01", "started_date": "2022-10-01"},
    ],
    "safety_assessments": [
        {"id": "sa-1", "case_id": "case-1", "version": 1, "date": "2022-01-12",
         "author_id": "pro-2", "concerns": ["Ruzie tussen ouders"], "strengths": ["Oma helpt"],
         "steps": ["Gesprek"], "conditions": ["Geen geweld"], "judgement": 4,
         "future_judgement": 6},
    ],
    "child_links": [
        {"id": "cl-1", "child_id": "p-kind", "union_id": "u-ouders", "kind": "birth"},
        {"id": "cl-2", "child_id": "p-kind2", "union_id": "u-ouders", "kind": "adopted",
         "start_date": "2016-01-01"},
        {"id": "cl-3", "child_id": "p-moeder", "union_id": "u-oma", "kind": "birth"},
    ],
    "employments": [
        {"id": "e-1", "professional_id": "pro-1", "organisation_id": "org-gi",
         "start_date": "2019-01-01"},
    ],
    "household_memberships": [
        {"id": "hm-1", "person_id": "p-moeder", "household_id": "h-1", "start_date": "2018-02-01"},
    ],
    "emotional_relations": [
        {"id": "er-1", "from_id": "p-vader", "to_id": "p-moeder", "kind": "conflict",
         "start_date": "2017-01-01"},
    ],
    "handovers": [
        {"id": "ho-1", "from_assignment_id": "as-1", "to_assignment_id": "as-2",
         "date": "2022-07-01", "reason": "maatregel uitgesproken"},
    ],
}


def family() -> dict[str, list[dict[str, Any]]]:
    """A fresh deep copy: tests may change it."""
    return copy.deepcopy(_FAMILY)
