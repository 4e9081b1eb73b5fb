"""What a genogram shows: the one declaration of the genogram options.

The API reads them as a query model (``Annotated[GenogramOptions, Query()]``: each field is a
query parameter, its description is the parameter's in the OpenAPI document), the command line
builds ``genogram render``'s options from the fields, and the web viewer reads its page query
into the same model. A new option is added here and appears in all three.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from dateutil.relativedelta import relativedelta
from pydantic import BaseModel, ConfigDict, Field, model_validator

from genogram_service.dates import SupportedDate

MAX_GENERATIONS = 6
PERIOD_YEARS = 4


class GenogramOptions(BaseModel):
    """What the genogram shows. Every field has a default: an empty options object gives the
    standard three-generation picture with all overlays, as of today, in Dutch."""

    # extra keys are ignored, not refused: as a query model (with "forbid") FastAPI would
    # answer 422 to any query parameter it does not know, which no other endpoint does
    model_config = ConfigDict(extra="ignore", frozen=True)

    up: int = Field(2, ge=0, le=MAX_GENERATIONS, description="generations up")
    down: int = Field(2, ge=0, le=MAX_GENERATIONS, description="generations down")
    siblings: bool = Field(True, description="siblings, half-siblings, aunts and uncles")
    partners: bool = Field(True, description="partners of everyone shown and their other "
                                             "children")
    connected: bool = Field(False, description="everyone connected through partners and "
                                               "children (ignores up and down)")
    at: SupportedDate | None = Field(None, description="the family as it was on this date "
                                                   "(default today; years 1000 to 2200)")
    professionals: bool = Field(True, description="ecomap overlay: professionals in contact "
                                                  "in the period")
    emotional: bool = Field(True, description="emotional relations overlay")
    households: bool = Field(True, description="households on the date overlay")
    since: SupportedDate | None = Field(None, description="start of the professionals period "
                                                       "(default four years before until; "
                                                       "years 1000 to 2200)")
    until: SupportedDate | None = Field(None, description="end of the professionals period "
                                                       "(default the 'at' date; years 1000 "
                                                       "to 2200)")
    lang: Literal["nl", "en"] = Field("nl", description="language of the labels")
    legend: bool = Field(True, description="title and legend")

    @model_validator(mode="after")
    def _period(self) -> GenogramOptions:
        if self.since is not None and self.until is not None and self.since > self.until:
            raise ValueError("since: must not be after until")
        return self

    def period(self, at: dt.date) -> tuple[dt.date, dt.date]:
        """The professionals period: ``since`` to ``until``, by default the
        :data:`PERIOD_YEARS` years up to the date shown."""
        end = self.until or at
        # calendar years: from 29 February back to 28 February of a year without one
        start = self.since or end - relativedelta(years=PERIOD_YEARS)
        return start, end
