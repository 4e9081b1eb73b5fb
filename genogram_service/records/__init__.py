"""Domain models (pydantic v2): the single source of truth for API, import format and schemas."""

from genogram_service.records.bundle import Bundle, ImportReport
from genogram_service.records.common import Sex, elfproef
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
    PersonPublic,
    Professional,
    Referral,
    Report,
    SafetyAssessment,
    Union,
)
from genogram_service.records.spec import (
    KIND_BY_NAME,
    KIND_BY_PLURAL,
    KINDS,
    NODE_KINDS,
    REL_KINDS,
    Kind,
    Ref,
)

__all__ = [
    "KINDS", "KIND_BY_NAME", "KIND_BY_PLURAL", "NODE_KINDS", "REL_KINDS", "Assignment", "Bundle",
    "Case", "ChildLink", "Contact", "EmotionalRelation", "Employment", "Entity", "Handover",
    "Household", "HouseholdMembership", "ImportReport", "Kind", "Measure", "Organisation",
    "Person", "PersonPublic", "Professional", "Ref", "Referral", "Report", "SafetyAssessment",
    "Sex", "Union", "elfproef",
]
