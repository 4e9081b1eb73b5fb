"""Whole-bundle validation: everything that needs more than one record (or the database).

Field-level rules (types, formats, enums, the elfproef, end before start, death before birth,
self-unions) live in the pydantic models. Here: ids present and unique, references that
resolve (in the bundle or in the database), contacts within the lives of the persons in them,
measures within the child's life, one safety-assessment version per case, one BSN per person
(in the bundle and against the stored persons) and nobody their own ancestor (through the
stored parent links too: :mod:`genogram_service.records.ancestry`). Everything is read-only and
happens before the first write, also for imports that commit batch by batch. All errors are
collected, so one response lists every problem.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from genogram_service.db import Graph
from genogram_service.errors import FieldError, ValidationProblem, field_error
from genogram_service.records import KINDS, Bundle, Contact, Measure, SafetyAssessment
from genogram_service.records.ancestry import check_ancestry
from genogram_service.records.bsn import BsnVault

MAX_ERRORS = 200


def _ref_values(value: Any) -> Iterable[str]:
    if value is None:
        return ()
    if isinstance(value, list):
        return value
    return (value,)


def validate_bundle(graph: Graph, bundle: Bundle, vault: BsnVault,
                    removing: Iterable[str] = ()) -> None:
    """Raise :class:`ValidationProblem` listing every rule the bundle breaks. ``removing``:
    ids of stored child links the caller removes before writing (the ancestry check ignores
    them)."""
    errors: list[FieldError] = []
    ids: dict[str, set[str]] = defaultdict(set)

    for kind, i, rec in bundle.records():
        if rec.id is None:
            errors.append(
                field_error(
                    [kind.plural, i, "id"], "required in a bundle (ids make imports idempotent)",
                    "missing",
                )
            )
        elif rec.id in ids[kind.name]:
            errors.append(
                field_error([kind.plural, i, "id"], f"duplicate {kind.name} id in the bundle",
                            "duplicate")
            )
        else:
            ids[kind.name].add(rec.id)

    # -- references: in the bundle, or else in the database
    wanted: dict[str, dict[str, list[list[str | int]]]] = defaultdict(lambda: defaultdict(list))
    for kind, i, rec in bundle.records():
        for ref in kind.refs:
            for n, value in enumerate(_ref_values(getattr(rec, ref.field))):
                if value not in ids[ref.target]:
                    loc: list[str | int] = [kind.plural, i, ref.field]
                    if ref.many:
                        loc.append(n)
                    wanted[ref.target][value].append(loc)
    for target, locs in wanted.items():
        found = set(graph.read(f"read/existing_{target}_ids", ids=list(locs))[0]["ids"])
        for value, places in locs.items():
            if value not in found:
                for place in places:
                    errors.append(
                        field_error(place, f"refers to {target} '{value}', which does not exist",
                                    "reference")
                    )

    if len(errors) < MAX_ERRORS:
        errors += _check_lives(graph, bundle)
        errors += _check_versions(bundle)
        errors += _check_bsns(graph, bundle, vault)
        errors += check_ancestry(graph, bundle, MAX_ERRORS - len(errors), removing)

    if errors:
        raise ValidationProblem(errors[:MAX_ERRORS])


def _lives(graph: Graph, bundle: Bundle, needed: set[str]) -> dict[str, tuple[Any, Any]]:
    lives = {p.id: (p.birth_date, p.death_date) for p in bundle.persons if p.id in needed}
    missing = [pid for pid in needed if pid not in lives]
    if missing:
        for r in graph.read("read/person_lives", ids=missing):
            lives[r["id"]] = (r["birth_date"], r["death_date"])
    return lives


def _outside_life(day: dt.date, life: tuple[Any, Any]) -> str | None:
    # The dates are not in the message: errors never echo a submitted or stored value.
    birth, death = life
    if birth is not None and day < birth:
        return "is before the person's birth"
    if death is not None and day > death:
        return "is after the person's death"
    return None


def _check_lives(graph: Graph, bundle: Bundle) -> list[FieldError]:
    needed = {pid for c in bundle.contacts for pid in c.person_ids}
    needed |= {m.child_id for m in bundle.measures}
    if not needed:
        return []
    lives = _lives(graph, bundle, needed)
    errors = []
    for i, c in enumerate(bundle.contacts):
        assert isinstance(c, Contact)
        for n, pid in enumerate(c.person_ids):
            why = _outside_life(c.date, lives.get(pid, (None, None)))
            if why:
                errors.append(field_error(["contacts", i, "date"],
                                          f"{why}: person_ids[{n}] '{pid}'", "outside_life"))
    for i, m in enumerate(bundle.measures):
        assert isinstance(m, Measure)
        birth, _ = lives.get(m.child_id, (None, None))
        if birth is not None and m.start_date < birth:
            errors.append(field_error(["measures", i, "start_date"],
                                      "is before the child's birth",
                                      "outside_life"))
    return errors


def _check_bsns(graph: Graph, bundle: Bundle, vault: BsnVault) -> list[FieldError]:
    """One BSN, one person: within the bundle and against the stored persons."""
    owner: dict[str, tuple[str | None, int]] = {}
    errors = []
    for i, p in enumerate(bundle.persons):
        bsn = getattr(p, "bsn", None)
        if bsn is None:
            continue
        digest = vault.digest(bsn)
        if digest in owner:
            errors.append(field_error(["persons", i, "bsn"], "the same BSN is given to "
                                      f"persons[{owner[digest][1]}]", "duplicate"))
        owner[digest] = (p.id, i)
    if owner:
        for r in graph.read("read/persons_by_bsn_hash", hashes=list(owner)):
            pid, i = owner[r["hash"]]
            if r["id"] != pid:
                errors.append(field_error(["persons", i, "bsn"],
                                          f"this BSN belongs to another person ('{r['id']}')",
                                          "duplicate"))
    return errors


def _check_versions(bundle: Bundle) -> list[FieldError]:
    seen: dict[tuple[str, int], int] = {}
    errors = []
    for i, sa in enumerate(bundle.safety_assessments):
        assert isinstance(sa, SafetyAssessment)
        key = (sa.case_id, sa.version)
        if key in seen:
            errors.append(field_error(["safety_assessments", i, "version"],
                                      f"version {sa.version} of this case's veiligheidskaart "
                                      f"is also safety_assessments[{seen[key]}]", "duplicate"))
        seen[key] = i
    return errors


def stored_ids(graph: Graph, bundle: Bundle, chunk: int = 20_000) -> dict[str, set[str]]:
    """The bundle's ids that are in the database already, by plural kind name: the records an
    import replaces rather than creates."""
    found: dict[str, set[str]] = {}
    for kind in KINDS:
        ids = [rec.id for rec in getattr(bundle, kind.plural) if rec.id is not None]
        for i in range(0, len(ids), chunk):
            rows = graph.read(f"read/existing_{kind.name}_ids", ids=ids[i:i + chunk])
            found.setdefault(kind.plural, set()).update(rows[0]["ids"])
    return found
