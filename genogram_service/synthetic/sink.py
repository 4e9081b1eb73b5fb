"""Where the generators put their records until a bundle is cut."""

from __future__ import annotations

from dataclasses import dataclass, field

from genogram_service.records.bundle import Bundle
from genogram_service.records.entities import (
    Assignment,
    Case,
    ChildLink,
    Contact,
    EmotionalRelation,
    Employment,
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


@dataclass(slots=True)
class Sink:
    persons: list[Person] = field(default_factory=list)
    unions: list[Union] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    professionals: list[Professional] = field(default_factory=list)
    households: list[Household] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    safety_assessments: list[SafetyAssessment] = field(default_factory=list)
    child_links: list[ChildLink] = field(default_factory=list)
    employments: list[Employment] = field(default_factory=list)
    household_memberships: list[HouseholdMembership] = field(default_factory=list)
    emotional_relations: list[EmotionalRelation] = field(default_factory=list)
    handovers: list[Handover] = field(default_factory=list)

    def bundle(self) -> Bundle:
        return Bundle.model_construct(
            persons=self.persons, unions=self.unions, organisations=self.organisations,
            professionals=self.professionals, households=self.households, cases=self.cases,
            assignments=self.assignments, contacts=self.contacts, measures=self.measures,
            reports=self.reports, referrals=self.referrals,
            safety_assessments=self.safety_assessments, child_links=self.child_links,
            employments=self.employments, household_memberships=self.household_memberships,
            emotional_relations=self.emotional_relations, handovers=self.handovers,
        )

