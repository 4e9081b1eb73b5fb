"""The allow-list of record kinds: how each model maps onto the graph.

This table is the only place where labels, relationship types and the direction of each
reference are named; the CRUD Cypher (``cypher/write/upsert_<kind>``, ``delete_<kind>``,
``cypher/read/get_<kind>``, ``existing_<kind>_ids``) is generated from it by
:mod:`genogram_service.records.statements`, and docs/graph_model.py draws the graph model from
it. Cypher text never contains anything from user input. Each kind is either a node (``label``)
or a relationship (``label`` is its type, between the targets of its two endpoint references).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from genogram_service.records.entities import (
    Assignment,
    Case,
    ChildLink,
    Contact,
    EmotionalRelation,
    Employment,
    Entity,
    Handover,
    Household,
    HouseholdMembership,
    Measure,
    Organisation,
    Person,
    Professional,
    Referral,
    Report,
    SafetyAssessment,
    Union,
)


@dataclass(frozen=True)
class Ref:
    """A reference field: which kind it points to and whether it holds one id or a list.

    On a node kind, ``rel`` is the relationship type that stores the reference and
    ``direction`` its direction seen from the record's node: ``"out"`` is
    ``(record)-[:rel]->(target)``, ``"in"`` is ``(target)-[:rel]->(record)``. A relationship
    kind's two references are its endpoints instead (no ``rel``): it runs from the first one's
    target to the second one's.
    """

    field: str
    target: str
    many: bool = False
    rel: str | None = None
    direction: Literal["out", "in"] = "out"


@dataclass(frozen=True)
class Kept:
    """Stored properties that a write keeps when the record did not mention ``field``.

    The write's row carries ``flag``, true when the record left ``field`` out; otherwise the
    properties are replaced like all the others. ``why`` goes into the statement's header.
    """

    field: str
    flag: str
    properties: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class Kind:
    name: str  # singular, snake_case: 'person', 'child_link'
    plural: str  # bundle key and URL segment base: 'persons', 'child_links'
    model: type[Entity]
    label: str  # Neo4j label (nodes) or relationship type (relationships)
    is_relationship: bool = False
    refs: tuple[Ref, ...] = field(default_factory=tuple)
    kept: Kept | None = None

    @property
    def path(self) -> str:
        return "/" + self.plural.replace("_", "-")

    @property
    def ref_fields(self) -> frozenset[str]:
        return frozenset(r.field for r in self.refs)


KINDS: tuple[Kind, ...] = (
    Kind(
        "person", "persons", Person, "Person",
        kept=Kept(
            "bsn", "keep_bsn", ("bsn_enc", "bsn_hash"),
            why="a read-modify-write of a person, whose BSN is never returned by default, does "
                "not erase it",
        ),
    ),
    Kind(
        "union", "unions", Union, "Union",
        refs=(Ref("partner_ids", "person", many=True, rel="PARTNER_IN", direction="in"),),
    ),
    Kind("organisation", "organisations", Organisation, "Organisation"),
    Kind("professional", "professionals", Professional, "Professional"),
    Kind("household", "households", Household, "Household"),
    Kind(
        "case", "cases", Case, "Case",
        refs=(Ref("person_ids", "person", many=True, rel="CONCERNS"),),
    ),
    Kind(
        "assignment", "assignments", Assignment, "Assignment",
        refs=(
            Ref("professional_id", "professional", rel="HAS_ASSIGNMENT", direction="in"),
            Ref("case_id", "case", rel="ON_CASE"),
            Ref("organisation_id", "organisation", rel="ON_BEHALF_OF"),
        ),
    ),
    Kind(
        "contact", "contacts", Contact, "Contact",
        refs=(
            Ref("professional_ids", "professional", many=True, rel="ATTENDED", direction="in"),
            Ref("person_ids", "person", many=True, rel="WITH"),
            Ref("case_id", "case", rel="IN_CASE"),
        ),
    ),
    Kind(
        "measure", "measures", Measure, "Measure",
        refs=(
            Ref("child_id", "person", rel="CONCERNS"),
            Ref("court_id", "organisation", rel="DECIDED_BY"),
            Ref("gi_id", "organisation", rel="EXECUTED_BY"),
            Ref("case_id", "case", rel="IN_CASE"),
            Ref("extends_id", "measure", rel="EXTENDS"),
        ),
    ),
    Kind(
        "report", "reports", Report, "Report",
        refs=(
            Ref("person_ids", "person", many=True, rel="CONCERNS"),
            Ref("organisation_id", "organisation", rel="RECEIVED_BY"),
            Ref("case_id", "case", rel="IN_CASE"),
        ),
    ),
    Kind(
        "referral", "referrals", Referral, "Referral",
        refs=(
            Ref("person_id", "person", rel="CONCERNS"),
            Ref("provider_id", "organisation", rel="PROVIDED_BY"),
            Ref("case_id", "case", rel="IN_CASE"),
        ),
    ),
    Kind(
        "safety_assessment", "safety_assessments", SafetyAssessment, "SafetyAssessment",
        refs=(
            Ref("case_id", "case", rel="FOR_CASE"),
            Ref("author_id", "professional", rel="AUTHORED_BY"),
        ),
    ),
    Kind(
        "child_link", "child_links", ChildLink, "CHILD_OF", is_relationship=True,
        refs=(Ref("child_id", "person"), Ref("union_id", "union")),
    ),
    Kind(
        "employment", "employments", Employment, "EMPLOYED_BY", is_relationship=True,
        refs=(Ref("professional_id", "professional"), Ref("organisation_id", "organisation")),
    ),
    Kind(
        "household_membership", "household_memberships", HouseholdMembership, "MEMBER_OF",
        is_relationship=True,
        refs=(Ref("person_id", "person"), Ref("household_id", "household")),
    ),
    Kind(
        "emotional_relation", "emotional_relations", EmotionalRelation, "EMOTIONAL",
        is_relationship=True,
        refs=(Ref("from_id", "person"), Ref("to_id", "person")),
    ),
    Kind(
        "handover", "handovers", Handover, "HANDED_OVER_TO", is_relationship=True,
        refs=(Ref("from_assignment_id", "assignment"), Ref("to_assignment_id", "assignment")),
    ),
)

KIND_BY_NAME: dict[str, Kind] = {k.name: k for k in KINDS}
KIND_BY_PLURAL: dict[str, Kind] = {k.plural: k for k in KINDS}
NODE_KINDS = tuple(k for k in KINDS if not k.is_relationship)
REL_KINDS = tuple(k for k in KINDS if k.is_relationship)

#: what a label, relationship type, field or property name may look like: these names are
#: written into Cypher text, so nothing else may get there
NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def problems(kinds: Iterable[Kind]) -> list[str]:
    """What is wrong with a table of kinds (empty when nothing): checked on import, so a spec
    that the generated Cypher could not express never loads."""
    kinds = tuple(kinds)
    by_name = {k.name: k for k in kinds}
    found = []
    for attr in ("name", "plural", "label"):
        values = [getattr(k, attr) for k in kinds]
        found += [f"{attr} {v!r} used twice" for v in sorted({v for v in values
                                                              if values.count(v) > 1})]
    for kind in kinds:
        names = [kind.name, kind.label, *(r.field for r in kind.refs)]
        names += [r.rel for r in kind.refs if r.rel is not None]
        if kind.kept is not None:
            names += [kind.kept.field, kind.kept.flag, *kind.kept.properties]
        found += [f"{kind.name}: {n!r} is not a plain name" for n in names
                  if not NAME.fullmatch(n)]
        for ref in kind.refs:
            target = by_name.get(ref.target)
            if target is None or target.is_relationship:
                found.append(f"{kind.name}.{ref.field}: {ref.target!r} is not a node kind")
            if ref.field not in kind.model.model_fields:
                found.append(f"{kind.name}.{ref.field}: no such field on {kind.model.__name__}")
            if kind.is_relationship and (ref.rel is not None or ref.many):
                found.append(f"{kind.name}.{ref.field}: an endpoint is one id, with no rel")
            if not kind.is_relationship and ref.rel is None:
                found.append(f"{kind.name}.{ref.field}: no relationship type (rel)")
        if kind.is_relationship and len(kind.refs) != 2:
            found.append(f"{kind.name}: a relationship kind has exactly two endpoint refs")
        if kind.kept is not None and kind.kept.field not in kind.model.model_fields:
            found.append(f"{kind.name}: kept field {kind.kept.field!r} is not a model field")
    return found


if _problems := problems(KINDS):
    raise ValueError("records/spec.py: " + "; ".join(_problems))
