"""Domain models (pydantic v2): the single source of truth for API, import format and schemas."""

from .bundle import Bundle, ImportReport
from .common import Sex, elfproef
from .entities import (
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
from .spec import KIND_BY_NAME, KIND_BY_PLURAL, KINDS, NODE_KINDS, REL_KINDS, Kind, Ref

__all__ = [
    "KINDS", "KIND_BY_NAME", "KIND_BY_PLURAL", "NODE_KINDS", "REL_KINDS", "Assignment", "Bundle",
    "Case", "ChildLink", "Contact", "EmotionalRelation", "Employment", "Entity", "Handover",
    "Household", "HouseholdMembership", "ImportReport", "Kind", "Measure", "Organisation",
    "Person", "PersonPublic", "Professional", "Ref", "Referral", "Report", "SafetyAssessment",
    "Sex", "Union", "elfproef",
]
