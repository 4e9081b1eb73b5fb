"""What the renderer draws: a family as it was on one date, already selected and filtered.

The use case (``services/genogram.py``) decides who is shown (generations, siblings, partners,
access control) and what the date means; the renderer only draws a :class:`FamilyView`. These
models are plain pydantic: no database, no request.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Sex = Literal["male", "female", "other", "unknown"]
UnionKind = Literal["married", "registered_partnership", "cohabiting", "other"]
UnionEnd = Literal["separated", "divorced", "widowed"]
ChildKind = Literal["birth", "adopted", "foster"]
EmotionalKind = Literal[
    "close", "fused", "distant", "conflict", "hostile", "cut_off", "abuse", "neglect"
]
Language = Literal["nl", "en"]
#: how exact a date is (``models.common.DatePrecision``); None: an exact day
Precision = Literal["exact", "month", "year", "about", "estimated", "calculated", "before",
                    "after", "between", "from_to", "phrase"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PersonItem(_Model):
    id: str
    given_names: str | None = None
    prefix: str | None = None
    surname: str | None = None
    sex: Sex = "unknown"
    birth_date: dt.date | None = Field(default=None, description="the earliest day the birth "
                                       "date allows (an exact day when no precision is given)")
    death_date: dt.date | None = Field(
        default=None, description="only when the person had died on the view date"
    )
    # dates with a precision (genealogy data): drawn as 'ca. 1950', '< 1950', '1950–1955'
    birth_date_to: dt.date | None = Field(default=None, description="the latest day")
    birth_date_precision: Precision | None = None
    birth_date_text: str | None = Field(default=None, description="as written ('ABT 1950')")
    death_date_to: dt.date | None = None
    death_date_precision: Precision | None = Field(
        default=None, description="also without death_date for a death without an earliest "
        "day ('BEF 1990', a phrase, 'deceased, date unknown'): the person is drawn as deceased"
    )
    death_date_text: str | None = None


class UnionItem(_Model):
    """A partnership as it was on the view date: an end after that date is not given."""

    id: str
    kind: UnionKind
    partner_ids: list[str] = Field(description="the partners shown (0, 1 or 2)")
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    end_reason: UnionEnd | None = None
    start_date_to: dt.date | None = None
    start_date_precision: Precision | None = None
    start_date_text: str | None = None
    end_date_to: dt.date | None = None
    end_date_precision: Precision | None = None
    end_date_text: str | None = None


class ChildItem(_Model):
    child_id: str
    union_id: str
    kind: ChildKind = "birth"


class HouseholdItem(_Model):
    id: str
    name: str | None = None
    member_ids: list[str]


class EmotionalItem(_Model):
    id: str
    from_id: str
    to_id: str
    kind: EmotionalKind
    directed: bool = False


class OrganisationItem(_Model):
    id: str
    name: str
    type: str


class ContactLink(_Model):
    """The contacts one professional had with one person in the period."""

    person_id: str
    contacts: int = Field(ge=0)
    first: dt.date | None = None
    last: dt.date | None = None


class ProfessionalItem(_Model):
    id: str
    name: str
    role: str = Field(description="assignment role in the period, else the professional's role")
    organisation: OrganisationItem | None = None
    regisseur: bool = Field(default=False, description="the current regisseur")
    contacts: int | None = Field(default=None, ge=0, description="distinct contacts in the "
                                 "period (a contact with two people counts once)")
    links: list[ContactLink]


class FamilyView(_Model):
    """Everything one genogram shows. Ids in unions, links and overlays refer to ``persons``."""

    index_id: str
    at: dt.date = Field(description="the date the family is drawn as of (ages, households)")
    persons: list[PersonItem]
    unions: list[UnionItem] = Field(default_factory=list)
    children: list[ChildItem] = Field(default_factory=list)
    households: list[HouseholdItem] | None = Field(
        default=None, description="None: overlay off; [] : on, nobody in a household"
    )
    emotional: list[EmotionalItem] | None = None
    professionals: list[ProfessionalItem] | None = None
    period: tuple[dt.date, dt.date] | None = Field(
        default=None, description="the professionals overlay period"
    )


class RenderOptions(_Model):
    lang: Language = "nl"
    legend: bool = True
    title: bool = True
