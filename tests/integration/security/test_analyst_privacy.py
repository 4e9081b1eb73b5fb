"""Analysts never receive a name, BSN, person id or full birth date from any catalogue query:
every query an analyst may run is run on generated data and every response is scanned."""

from __future__ import annotations

import datetime as dt
import json

from genogram_service.container import Services
from genogram_service.queries.catalogue import catalogue
from genogram_service.records import Bundle
from genogram_service.security.access import Role
from genogram_service.synthetic.seed import generate
from tests.support.fixtures import ClientFactory
from tests.support.samples import family


def test_every_analyst_query_response_is_pseudonymised(services: Services,
                                                       client_as: ClientFactory) -> None:
    bundle = generate(families=25, seed=4)
    services.records.import_bundle(bundle)
    services.records.import_bundle(Bundle.model_validate(family()))
    persons = [*bundle.persons, *Bundle.model_validate(family()).persons]


    names = set()
    for p in persons:
        if p.given_names and p.surname:
            names.add(f"{p.given_names} {p.surname}")
            if p.prefix:
                names.add(f"{p.given_names} {p.prefix} {p.surname}")
    bsns = {p.bsn for p in persons if p.bsn}
    ids = {p.id for p in persons if p.id}
    # birth dates that are not also some other date in the data (a contact on a birthday)
    sample = Bundle.model_validate(family())
    other_dates = {str(v) for b in (bundle, sample)
                   for kind in ("contacts", "measures", "assignments", "reports", "referrals",
                                "cases", "safety_assessments", "unions", "employments",
                                "households", "household_memberships", "handovers")
                   for rec in getattr(b, kind)
                   for v in rec.model_dump().values() if isinstance(v, dt.date)}
    births = {p.birth_date.isoformat() for p in persons if p.birth_date} - other_dates

    mother = next(c.person_ids for c in bundle.cases)[0]
    child = bundle.measures[0].child_id
    values = {"person_id": mother, "child_id": child, "case_id": bundle.cases[0].id,
              "professional_id": bundle.professionals[0].id}
    analyst = client_as(Role.analyst)
    ran = 0
    for query in catalogue():
        if Role.analyst not in query.audience:
            assert analyst.post(f"/queries/{query.name}",
                                json={p.name: values.get(p.name, "x") for p in query.params
                                      if p.required}).status_code == 403
            continue
        body = {p.name: values[p.name] for p in query.params if p.required}
        for p in query.params:
            if p.name in ("start", "opened_from") and not p.required:
                body[p.name] = "2000-01-01"
            if p.name == "threshold":
                body[p.name] = 0
        for accept in ("application/json", "text/csv"):
            r = analyst.post(f"/queries/{query.name}", json=body, headers={"Accept": accept})
            assert r.status_code == 200, (query.name, r.text)
            text = r.text if accept == "text/csv" else json.dumps(r.json(), ensure_ascii=False)
            leaked = ([n for n in names if n in text] + [b for b in bsns if b in text]
                      + [i for i in ids if i in text] + [d for d in births if d in text])
            assert not leaked, (query.name, accept, leaked[:5])
        ran += 1
    assert ran >= 10
