"""The bulk import format: one JSON object with a list per record kind (or NDJSON, one record
per line with a ``"record"`` field naming the kind; see ``genogram_service.records.bundles``)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from pydantic import Field

from genogram_service.records.common import Record
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
from genogram_service.records.spec import KINDS, Kind


class Bundle(Record):
    """A set of records written together: validated as a whole, then written idempotently."""

    persons: list[Person] = Field(default_factory=list)
    unions: list[Union] = Field(default_factory=list)
    organisations: list[Organisation] = Field(default_factory=list)
    professionals: list[Professional] = Field(default_factory=list)
    households: list[Household] = Field(default_factory=list)
    cases: list[Case] = Field(default_factory=list)
    assignments: list[Assignment] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    reports: list[Report] = Field(default_factory=list)
    referrals: list[Referral] = Field(default_factory=list)
    safety_assessments: list[SafetyAssessment] = Field(default_factory=list)
    child_links: list[ChildLink] = Field(default_factory=list)
    employments: list[Employment] = Field(default_factory=list)
    household_memberships: list[HouseholdMembership] = Field(default_factory=list)
    emotional_relations: list[EmotionalRelation] = Field(default_factory=list)
    handovers: list[Handover] = Field(default_factory=list)

    @classmethod
    def of(cls, groups: Mapping[str, Sequence[Entity]]) -> Bundle:
        """A bundle from already validated records, grouped by plural kind name."""
        bundle = cls()
        for plural, records in groups.items():
            setattr(bundle, plural, list(records))
        return bundle

    def records(self) -> Iterator[tuple[Kind, int, Entity]]:
        """Every record with its kind and index, in write order (nodes before relationships)."""
        for kind in KINDS:
            for i, rec in enumerate(getattr(self, kind.plural)):
                yield kind, i, rec

    def size(self) -> int:
        return sum(len(getattr(self, k.plural)) for k in KINDS)

    def counts(self) -> dict[str, int]:
        return {k.plural: len(getattr(self, k.plural)) for k in KINDS}


class ImportReport(Record):
    """What a bundle import did, or with ``dry_run`` what it would do: ``created`` and
    ``updated`` are known before the first write (from the check against the database)."""

    bundle_records: int
    dry_run: bool = Field(False, description="checked only, nothing written")
    created: dict[str, int] = Field(
        default_factory=dict,
        description="records per kind whose id is not in the database yet: written new "
                    "(with dry_run: would be)")
    updated: dict[str, int] = Field(
        default_factory=dict,
        description="records per kind whose id is in the database already: the stored "
                    "record is replaced by the bundle's (with dry_run: would be)")
    written: dict[str, int] = Field(description="records written per kind (empty for a dry "
                                                "run)")
    created_nodes: int = 0
    created_relationships: int = 0
    deleted_relationships: int = 0
    properties_set: int = 0
    batches: int = Field(0, description="write batches the bundle takes")
    committed_batches: int = 0
    transactions: int = 0
    check_seconds: float = Field(0.0, description="validation, including the checks against "
                                                  "the database, before the first write")
    seconds: float = Field(0.0, description="writing")
