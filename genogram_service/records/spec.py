"""The allow-list of record kinds: how each model maps onto the graph.

This table is the only place where labels and relationship types are named in Python; Cypher
text never contains anything from user input. Each kind is either a node (``label``) or a
relationship (``rel_type`` between the targets of its two endpoint references).
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
    """A reference field: which kind it points to and whether it holds one id or a list."""

    field: str
    target: str
    many: bool = False


@dataclass(frozen=True)
class Kind:
    name: str  # singular, snake_case: 'person', 'child_link'
    plural: str  # bundle key and URL segment base: 'persons', 'child_links'
    model: type[Entity]
    label: str  # Neo4j label (nodes) or relationship type (relationships)
    is_relationship: bool = False
    refs: tuple[Ref, ...] = field(default_factory=tuple)

    @property
    def path(self) -> str:
        return "/" + self.plural.replace("_", "-")

    @property
    def ref_fields(self) -> frozenset[str]:
        return frozenset(r.field for r in self.refs)


KINDS: tuple[Kind, ...] = (
    Kind("person", "persons", Person, "Person"),
    Kind(
        "union", "unions", Union, "Union",
        refs=(Ref("partner_ids", "person", many=True),),
    ),
    Kind("organisation", "organisations", Organisation, "Organisation"),
    Kind("professional", "professionals", Professional, "Professional"),
    Kind(
        "household", "households", Household, "Household",
    ),
    Kind(
        "case", "cases", Case, "Case",
        refs=(Ref("person_ids", "person", many=True),),
    ),
    Kind(
        "assignment", "assignments", Assignment, "Assignment",
        refs=(
            Ref("professional_id", "professional"),
            Ref("case_id", "case"),
            Ref("organisation_id", "organisation"),
        ),
    ),
    Kind(
        "contact", "contacts", Contact, "Contact",
        refs=(
            Ref("professional_ids", "professional", many=True),
            Ref("person_ids", "person", many=True),
            Ref("case_id", "case"),
        ),
    ),
    Kind(
        "measure", "measures", Measure, "Measure",
        refs=(
            Ref("child_id", "person"),
            Ref("court_id", "organisation"),
            Ref("gi_id", "organisation"),
            Ref("case_id", "case"),
            Ref("extends_id", "measure"),
        ),
    ),
    Kind(
        "report", "reports", Report, "Report",
        refs=(
            Ref("person_ids", "person", many=True),
            Ref("organisation_id", "organisation"),
            Ref("case_id", "case"),
        ),
    ),
    Kind(
        "referral", "referrals", Referral, "Referral",
        refs=(
            Ref("person_id", "person"),
            Ref("provider_id", "organisation"),
            Ref("case_id", "case"),
        ),
    ),
    Kind(
        "safety_assessment", "safety_assessments", SafetyAssessment, "SafetyAssessment",
        refs=(Ref("case_id", "case"), Ref("author_id", "professional")),
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


#: For each reference field of a node kind: the relationship type and its direction seen from
#: the record's node ("out": (record)-[:TYPE]->(target), "in": (target)-[:TYPE]->(record)).
#: Mirrors cypher/write/upsert_*.cypher; docs/graph_model.py checks the two agree.
NODE_REF_EDGES: dict[tuple[str, str], tuple[str, str]] = {
    ("union", "partner_ids"): ("PARTNER_IN", "in"),
    ("case", "person_ids"): ("CONCERNS", "out"),
    ("assignment", "professional_id"): ("HAS_ASSIGNMENT", "in"),
    ("assignment", "case_id"): ("ON_CASE", "out"),
    ("assignment", "organisation_id"): ("ON_BEHALF_OF", "out"),
    ("contact", "professional_ids"): ("ATTENDED", "in"),
    ("contact", "person_ids"): ("WITH", "out"),
    ("contact", "case_id"): ("IN_CASE", "out"),
    ("measure", "child_id"): ("CONCERNS", "out"),
    ("measure", "court_id"): ("DECIDED_BY", "out"),
    ("measure", "gi_id"): ("EXECUTED_BY", "out"),
    ("measure", "case_id"): ("IN_CASE", "out"),
    ("measure", "extends_id"): ("EXTENDS", "out"),
    ("report", "person_ids"): ("CONCERNS", "out"),
    ("report", "organisation_id"): ("RECEIVED_BY", "out"),
    ("report", "case_id"): ("IN_CASE", "out"),
    ("referral", "person_id"): ("CONCERNS", "out"),
    ("referral", "provider_id"): ("PROVIDED_BY", "out"),
    ("referral", "case_id"): ("IN_CASE", "out"),
    ("safety_assessment", "case_id"): ("FOR_CASE", "out"),
    ("safety_assessment", "author_id"): ("AUTHORED_BY", "out"),
}
