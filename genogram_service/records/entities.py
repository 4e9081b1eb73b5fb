"""The domain records: nodes and relationships of the family graph.

These pydantic models are the single source of truth for the API, the bulk import format and
the JSON Schemas in ``schemas/``. Every record has a stable ``id``; references to other records
are ``*_id`` / ``*_ids`` fields whose target kind is declared in ``genogram_service.records.spec``.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, model_validator

from genogram_service.dates import SupportedDate
from genogram_service.records.common import (
    DIRECTED_EMOTIONAL_KINDS,
    JSON_INT,
    AssignmentRole,
    Bsn,
    ChildKind,
    ContactKind,
    DatePrecision,
    EmotionalKind,
    Framework,
    Id,
    IdSet,
    JsonBool,
    LongText,
    MeasureKind,
    OrganisationType,
    Period,
    ProfessionalRole,
    Record,
    Register,
    ReporterType,
    ReportOutcome,
    Sex,
    ShortText,
    UnionEndReason,
    UnionKind,
    check_date_ranges,
    not_before,
)

OptDate = SupportedDate | None
# Dates are SupportedDate (years 1000-2200, written YYYY-MM-DD) and numbers and booleans
# JSON_INT/JsonBool: bodies are validated in pydantic's lax mode, which took `false` for
# a judgement of 0, `0` for false and `0` for 1970-01-01.


# The three sibling fields of a date with a precision (see ``models.common.DatePrecision``).
def _precision(name: str) -> Any:
    return Field(default=None, description=f"how exact {name} is; absent: an exact day")


def _latest(name: str) -> Any:
    return Field(default=None, description=f"the latest day {name} allows (ranges, partial "
                                           f"dates); {name} itself is the earliest")


def _as_written(name: str) -> Any:
    return Field(default=None, description=f"{name} as written in the source, e.g. "
                                           "'ABT 1900', 'BET 1900 AND 1905', 'Easter 1900'")


__all__ = [
    "Entity",
    "Person",
    "PersonPublic",
    "Union",
    "Organisation",
    "Professional",
    "Case",
    "Assignment",
    "Contact",
    "Measure",
    "Report",
    "Referral",
    "SafetyAssessment",
    "Household",
    "ChildLink",
    "Employment",
    "HouseholdMembership",
    "EmotionalRelation",
    "Handover",
]


class Entity(Record):
    id: Id | None = Field(
        default=None,
        description="Stable id. Optional on POST (the service generates one); required in bundles.",
    )


# --------------------------------------------------------------------------- nodes


class Person(Entity):
    """A family member of any age."""

    given_names: ShortText | None = None
    prefix: ShortText | None = Field(default=None, description="tussenvoegsel, e.g. 'van der'")
    surname: ShortText | None = None
    name_prefix: ShortText | None = Field(
        default=None, description="a title before the name, e.g. 'Dr.', 'mr.', 'jhr.' (GEDCOM "
        "NPFX); not the tussenvoegsel, which is `prefix`")
    name_suffix: ShortText | None = Field(
        default=None, description="what follows the name, e.g. 'Jr.', 'III' (GEDCOM NSFX)")
    other_names: Annotated[list[ShortText], Field(max_length=20)] | None = Field(
        default=None, description="other names the person is or was known by (a married name, "
        "an alias), each as GEDCOM writes a name, after its type and a colon when known: "
        "'married: Maria /Jansen/', 'aka: Mia /de Vries/', 'Jan /Smit/'")
    sex: Sex = Sex.unknown
    birth_date: OptDate = None
    death_date: Annotated[OptDate, not_before("birth_date")] = None
    bsn: Bsn | None = Field(
        default=None,
        repr=False,
        description="Burgerservicenummer: 9 digits passing the elfproef. Stored encrypted; "
        "never returned unless explicitly requested by a role allowed to see it.",
    )
    # dates with a precision (genealogy data, GEDCOM import): see models.common.DatePrecision
    birth_date_precision: DatePrecision | None = _precision("birth_date")
    birth_date_to: OptDate = _latest("birth_date")
    birth_date_text: ShortText | None = _as_written("birth_date")
    death_date_precision: DatePrecision | None = _precision("death_date")
    death_date_to: OptDate = _latest("death_date")
    death_date_text: ShortText | None = _as_written("death_date")

    @model_validator(mode="after")
    def _date_ranges(self) -> Person:
        check_date_ranges(self, (("birth_date", "death_date"),))
        return self


class PersonPublic(Person):
    """A person as the API returns it: the BSN only when asked for, otherwise `has_bsn`."""

    # not the write-only Bsn of the input: `GET /persons/{id}?include_bsn=true` returns it
    bsn: Annotated[str, Field(pattern=r"^[0-9]{9}$")] | None = Field(
        default=None, repr=False,
        description="Burgerservicenummer, decrypted: only with `include_bsn=true`, for a role "
        "allowed to see it")
    has_bsn: bool = False


class Union(Entity):
    """A partnership between one or two persons (one when the other parent is unknown)."""

    kind: UnionKind
    partner_ids: Annotated[IdSet, Field(min_length=1, max_length=2)]
    start_date: OptDate = None
    end_date: Annotated[OptDate, not_before("start_date")] = None
    end_reason: UnionEndReason | None = None
    # dates with a precision (genealogy data, GEDCOM import): see models.common.DatePrecision
    start_date_precision: DatePrecision | None = _precision("start_date")
    start_date_to: OptDate = _latest("start_date")
    start_date_text: ShortText | None = _as_written("start_date")
    end_date_precision: DatePrecision | None = _precision("end_date")
    end_date_to: OptDate = _latest("end_date")
    end_date_text: ShortText | None = _as_written("end_date")

    @model_validator(mode="after")
    def _date_ranges(self) -> Union:
        check_date_ranges(self, (("start_date", "end_date"),))
        return self

    @model_validator(mode="before")
    @classmethod
    def _no_self_union(cls, data: object) -> object:
        if isinstance(data, dict):
            ids = data.get("partner_ids")
            if isinstance(ids, list) and len(ids) == 2 and ids[0] == ids[1]:
                raise ValueError("partner_ids: a person cannot form a union with themselves")
        return data


class Organisation(Entity):
    type: OrganisationType
    name: ShortText
    region: ShortText | None = None
    municipality: ShortText | None = None


class Professional(Entity):
    name: ShortText
    role: ProfessionalRole
    registry: Register | None = Field(default=None, description="SKJ or BIG register")
    registration_number: Annotated[str, Field(pattern=r"^[0-9]{4,12}$")] | None = None


class Case(Entity):
    """A help trajectory about a family."""

    opened: SupportedDate
    closed: Annotated[OptDate, not_before("opened")] = None
    framework: Framework
    municipality: ShortText
    person_ids: Annotated[IdSet, Field(min_length=1, description="the family members concerned")]


class Assignment(Entity):
    """A professional assigned to a case in a role, for a period, on behalf of an organisation."""

    professional_id: Id
    case_id: Id
    organisation_id: Id | None = None
    role: AssignmentRole
    start_date: SupportedDate
    end_date: Annotated[OptDate, not_before("start_date")] = None


class Contact(Entity):
    """A contact (visit, meeting, call) between professionals and family members."""

    date: SupportedDate
    kind: ContactKind
    professional_ids: Annotated[IdSet, Field(min_length=1)]
    person_ids: Annotated[IdSet, Field(min_length=1)]
    case_id: Id | None = None


class Measure(Entity):
    """A child-protection measure (OTS, voogdij, ...) about one child."""

    kind: MeasureKind
    child_id: Id
    requested_date: OptDate = Field(default=None, description="verzoek van de RvdK")
    decision_date: Annotated[OptDate, not_before("requested_date")] = None
    start_date: SupportedDate
    end_date: Annotated[OptDate, not_before("start_date")] = None
    court_id: Id | None = None
    gi_id: Id | None = Field(default=None, description="the certified institution executing it")
    case_id: Id | None = None
    extends_id: Id | None = Field(default=None, description="the measure this one extends")


class Report(Entity):
    """A melding at Veilig Thuis."""

    date: SupportedDate
    reporter_type: ReporterType
    outcome: ReportOutcome
    person_ids: Annotated[IdSet, Field(min_length=1)]
    organisation_id: Id | None = Field(default=None, description="the Veilig Thuis receiving it")
    case_id: Id | None = None


class Referral(Entity):
    """A referral to youth care (iJw JW315 request, JW305 start, JW307 stop)."""

    person_id: Id
    provider_id: Id
    case_id: Id | None = None
    requested_date: SupportedDate
    started_date: Annotated[OptDate, not_before("requested_date")] = None
    stopped_date: Annotated[OptDate, not_before("requested_date")] = None

    @model_validator(mode="after")
    def _stop_after_start(self) -> Referral:
        if self.started_date and self.stopped_date and self.stopped_date < self.started_date:
            raise ValueError("stopped_date: must not be before started_date")
        return self


class SafetyAssessment(Entity):
    """A version of the veiligheidskaart of a case."""

    case_id: Id
    version: Annotated[int, Field(ge=1), JSON_INT]
    date: SupportedDate
    author_id: Id
    concerns: list[LongText] = Field(default_factory=list, description="zorgsignalen")
    strengths: list[LongText] = Field(default_factory=list, description="positieve signalen")
    steps: list[LongText] = Field(default_factory=list, description="stappen genomen")
    conditions: list[LongText] = Field(default_factory=list, description="veiligheidsvoorwaarden")
    monitoring: list[LongText] = Field(default_factory=list, description="monitoringsafspraken")
    judgement: Annotated[int, Field(ge=0, le=10, description="safety now, 0-10"), JSON_INT]
    future_judgement: Annotated[int, Field(ge=0, le=10), JSON_INT] | None = None


class Household(Entity):
    """People living together over a period (members via household memberships)."""

    name: ShortText | None = None
    municipality: ShortText | None = None
    start_date: OptDate = None
    end_date: Annotated[OptDate, not_before("start_date")] = None


# ------------------------------------------------------------------- relationships


class ChildLink(Entity, Period):
    """A child of a union: birth, adopted, foster or step, with dates (e.g. of placement)."""

    child_id: Id
    union_id: Id
    kind: ChildKind = ChildKind.birth


class Employment(Entity, Period):
    professional_id: Id
    organisation_id: Id


class HouseholdMembership(Entity, Period):
    person_id: Id
    household_id: Id


class EmotionalRelation(Entity, Period):
    """An emotional relation between two persons; abuse and neglect point to the victim."""

    from_id: Id
    to_id: Id
    kind: EmotionalKind
    directed: JsonBool | None = Field(
        default=None, description="defaults to true for abuse and neglect, false otherwise"
    )
    note: LongText | None = None

    @model_validator(mode="after")
    def _check(self) -> EmotionalRelation:
        if self.from_id == self.to_id:
            raise ValueError("to_id: an emotional relation needs two different persons")
        if self.directed is None:
            self.directed = self.kind in DIRECTED_EMOTIONAL_KINDS
        elif not self.directed and self.kind in DIRECTED_EMOTIONAL_KINDS:
            raise ValueError("directed: abuse and neglect are always directed (towards the victim)")
        return self


class Handover(Entity):
    """An overdracht: one assignment handed over to the next."""

    from_assignment_id: Id
    to_assignment_id: Id
    date: SupportedDate
    reason: LongText | None = None

    @model_validator(mode="after")
    def _check(self) -> Handover:
        if self.from_assignment_id == self.to_assignment_id:
            raise ValueError("to_assignment_id: a handover needs two different assignments")
        return self
