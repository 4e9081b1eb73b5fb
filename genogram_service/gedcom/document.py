"""What :func:`~genogram_service.gedcom.reader.read_gedcom` hands on: the individuals, families
and emotional relations of a GEDCOM file as plain records, and the notices for the import
report. The import (``service.py``) and the writer use these; nothing here reads a file.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from genogram_service.gedcom.dates import GedDate
from genogram_service.records.common import ChildKind, EmotionalKind, UnionEndReason, UnionKind

#: a death without a date (``1 DEAT Y``): stored as a phrase with this text
DECEASED = "deceased, date unknown"


@dataclass
class Notice:
    """Something the report should say: a code, a message, where (line) and which tag."""

    code: str
    message: str
    line: int | None = None


@dataclass
class GedChild:
    xref: str
    kind: ChildKind
    line: int
    period: GedDate | None = None


@dataclass
class GedIndividual:
    xref: str
    line: int
    given: str | None = None
    prefix: str | None = None
    surname: str | None = None
    name_prefix: str | None = None  # NPFX, a title: 'Dr.'
    name_suffix: str | None = None  # NSFX: 'Jr.'
    #: every other NAME, as ``"type: Given /prefix Surname/"`` (see :mod:`.names`)
    other_names: list[str] = field(default_factory=list)
    sex: str = "unknown"
    birth: GedDate | None = None
    death: GedDate | None = None


@dataclass
class GedFamily:
    xref: str
    line: int
    partners: list[str] = field(default_factory=list)
    children: list[GedChild] = field(default_factory=list)
    kind: UnionKind = UnionKind.other
    start: GedDate | None = None
    end: GedDate | None = None
    end_reason: UnionEndReason | None = None
    ended: bool = False


@dataclass
class GedEmotional:
    from_xref: str
    to_xref: str
    kind: EmotionalKind
    line: int
    directed: bool | None = None
    period: GedDate | None = None
    note: str | None = None


@dataclass
class GedDocument:
    """What a GEDCOM file holds for the genogram, and what the reader noticed."""

    version: str
    encoding: str
    source: str | None
    head_file: str | None
    lines: int
    individuals: dict[str, GedIndividual] = field(default_factory=dict)
    families: dict[str, GedFamily] = field(default_factory=dict)
    emotional: list[GedEmotional] = field(default_factory=list)
    #: counts of what was read (before anything was skipped)
    read: Counter[str] = field(default_factory=Counter)
    skipped: list[Notice] = field(default_factory=list)
    merged: list[Notice] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    not_imported: Counter[str] = field(default_factory=Counter)
