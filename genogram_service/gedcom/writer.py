"""GEDCOM 7 of a family: persons, unions, child links and emotional relations, written with
``gedcom7``'s serializer; our extension tags are declared in ``HEAD.SCHMA``.

What goes where (see ``docs/gedcom.md``):

* person: ``NAME Title Given /prefix Surname/ Suffix`` with ``NPFX``, ``GIVN``, ``SPFX``,
  ``SURN``, ``NSFX``; every other name as a further ``NAME`` with its ``TYPE`` (GEDCOM 7's
  words, else ``OTHER`` with a ``PHRASE``); ``SEX`` (``X``
  for other); ``BIRT``/``DEAT`` with ``DATE`` (and ``PHRASE``) rebuilt from the date and its
  precision; ``DEAT Y`` for a death without a date; ``EXID`` with our id;
* union: ``FAM`` with ``HUSB``/``WIFE`` (the man first when there is one; GEDCOM 7 allows any
  sexes), ``CHIL``; married: ``MARR`` with the start date, a registered partnership also
  ``TYPE Registered partnership``; cohabiting and other: ``_GENO_UNION <kind>`` with the start
  date; divorced: ``DIV``; separated: ``EVEN`` with ``TYPE Separation``; widowed or an end
  without a reason: ``_GENO_END [widowed]``; each with the end date;
* child link: ``INDI.FAMC`` with ``PEDI BIRTH|ADOPTED|FOSTER``, a step-child ``PEDI OTHER``
  with ``PHRASE step``; a period (foster placement) as ``_GENO_PERIOD FROM .. TO ..``;
* emotional relation: ``_GENO_EMOT @other@`` under the person it starts from, with
  ``_GENO_KIND`` (close, fused, distant, conflict, hostile, cut_off, abuse, neglect),
  ``_GENO_DATE`` (the period), ``_GENO_NOTE`` and ``_GENO_DIRECTED Y`` when a relation other
  than abuse or neglect is directed.

Substructures of our extension structures are extension tags too: ``gedcom7.validate`` (the
reference validator) accepts no standard tag below an extension.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import gedcom7
from gedcom7.types import GedcomStructure

from genogram_service.gedcom import tags
from genogram_service.gedcom.dates import MONTHS, gedcom7_date
from genogram_service.gedcom.document import DECEASED
from genogram_service.gedcom.names import BIRTH_NAME_TYPES, NAME_TYPES, GedName, parse_other_name
from genogram_service.records import ChildLink, EmotionalRelation, Person, Union
from genogram_service.records.common import DIRECTED_EMOTIONAL_KINDS, DatePrecision

S = GedcomStructure
EXID_TYPE = tags.BASE_URI + "id"
_PEDI = {"birth": "BIRTH", "adopted": "ADOPTED", "foster": "FOSTER"}
_SEX = {"male": "M", "female": "F", "other": "X", "unknown": "U"}


def _day(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _date(precision: str | None, start: dt.date | None, end: dt.date | None,
          text: str | None, *, tag: str = "DATE") -> S | None:
    value = gedcom7_date(precision, start, end, text)
    if value is None:
        return None
    payload, phrase = value
    node = S(tag=tag, text=payload)
    if phrase:
        node.append_child(S(tag="PHRASE", text=phrase))
    return node


def _period(start: dt.date | None, end: dt.date | None) -> str | None:
    parts = ([f"FROM {_day(start)}"] if start else []) + ([f"TO {_day(end)}"] if end else [])
    return " ".join(parts) or None


def _event(tag: str, date: S | None, *, payload_if_empty: str = "Y") -> S:
    event = S(tag=tag, text="" if date is not None else payload_if_empty)
    if date is not None:
        event.append_child(date)
    return event


def _name_type(kind: str) -> S:
    """NAME.TYPE: GEDCOM 7's enumeration, any other word as OTHER with a PHRASE."""
    if kind in NAME_TYPES and kind != "other":
        return S(tag="TYPE", text=kind.upper())
    node = S(tag="TYPE", text="OTHER")
    if kind != "other":
        node.append_child(S(tag="PHRASE", text=kind))
    return node


def _names(p: Person) -> list[S]:
    """The person's name (with its pieces), then every other name with its type."""
    out = []
    if p.given_names or p.surname or p.prefix or p.name_prefix or p.name_suffix:
        main = GedName(0, p.given_names, p.prefix, p.surname, p.name_prefix, p.name_suffix)
        name = S(tag="NAME", text=main.written())
        for tag, value in (("NPFX", p.name_prefix), ("GIVN", p.given_names),
                           ("SPFX", p.prefix), ("SURN", p.surname), ("NSFX", p.name_suffix)):
            if value:
                name.append_child(S(tag=tag, text=value))
        others = [parse_other_name(x)[0] for x in p.other_names or []]
        if any(kind in BIRTH_NAME_TYPES for kind in others):
            # another birth name would be read as the person's name: mark this one first
            name.append_child(_name_type("birth"))
        out.append(name)
    for other in p.other_names or []:
        kind, written = parse_other_name(other)
        name = S(tag="NAME", text=written)
        if kind:
            name.append_child(_name_type(kind))
        out.append(name)
    return out


def _person(p: Person, xref: str) -> S:
    indi = S(tag="INDI", xref=xref)
    for name in _names(p):
        indi.append_child(name)
    indi.append_child(S(tag="SEX", text=_SEX.get(str(p.sex), "U")))
    birth = _date(p.birth_date_precision, p.birth_date, p.birth_date_to, p.birth_date_text)
    if birth is not None:
        indi.append_child(_event("BIRT", birth))
    if p.death_date_precision == DatePrecision.phrase and p.death_date_text == DECEASED:
        indi.append_child(S(tag="DEAT", text="Y"))
    else:
        death = _date(p.death_date_precision, p.death_date, p.death_date_to, p.death_date_text)
        if death is not None:
            indi.append_child(_event("DEAT", death))
    return indi


def _union(u: Union, xref: str, partners: list[str], children: list[str]) -> S:
    fam = S(tag="FAM", xref=xref)
    for tag, pointer in zip(("HUSB", "WIFE"), partners, strict=False):
        fam.append_child(S(tag=tag, pointer=pointer))
    for child in children:
        fam.append_child(S(tag="CHIL", pointer=child))
    start = _date(u.start_date_precision, u.start_date, u.start_date_to, u.start_date_text)
    if u.kind in ("married", "registered_partnership"):
        marr = _event("MARR", start)
        if u.kind == "registered_partnership":
            marr.children.insert(0, S(tag="TYPE", text="Registered partnership"))
            marr.text = ""
        fam.append_child(marr)
    else:
        kind = S(tag=tags.UNION_KIND, text=str(u.kind))
        if start is not None:
            start.tag = tags.DATE
            kind.append_child(start)
        fam.append_child(kind)
    end = _date(u.end_date_precision, u.end_date, u.end_date_to, u.end_date_text)
    if u.end_reason == "divorced":
        fam.append_child(_event("DIV", end))
    elif u.end_reason == "separated":
        even = S(tag="EVEN")
        even.append_child(S(tag="TYPE", text="Separation"))
        if end is not None:
            even.append_child(end)
        fam.append_child(even)
    elif u.end_reason == "widowed" or end is not None:
        ended = S(tag=tags.UNION_END, text=str(u.end_reason or ""))
        if end is not None:
            end.tag = tags.DATE
            ended.append_child(end)
        fam.append_child(ended)
    return fam


def write_gedcom7(persons: Sequence[Person], unions: Sequence[Union],
                  links: Sequence[ChildLink], emotional: Sequence[EmotionalRelation], *,
                  title: str | None = None, today: dt.date | None = None,
                  version: str = "0") -> bytes:
    """A GEDCOM 7 data stream (UTF-8 with a byte-order mark, LF line ends)."""
    today = today or dt.date.today()
    people = sorted(persons, key=lambda p: str(p.id))
    xref = {str(p.id): f"@I{n}@" for n, p in enumerate(people, start=1)}
    families = sorted((u for u in unions if any(p in xref for p in u.partner_ids)
                       or any(x.union_id == u.id for x in links)), key=lambda u: str(u.id))
    fxref = {str(u.id): f"@F{n}@" for n, u in enumerate(families, start=1)}
    sex = {str(p.id): str(p.sex) for p in people}

    head = S(tag="HEAD")
    gedc = S(tag="GEDC")
    gedc.append_child(S(tag="VERS", text="7.0"))
    head.append_child(gedc)
    schema = S(tag="SCHMA")
    for tag, uri in tags.EXTENSIONS.items():
        schema.append_child(S(tag="TAG", text=f"{tag} {uri}"))
    head.append_child(schema)
    sour = S(tag="SOUR", text="GENOGRAM_SERVICE")
    sour.append_child(S(tag="VERS", text=version))
    sour.append_child(S(tag="NAME", text="Genogram Service"))
    head.append_child(sour)
    head.append_child(S(tag="DATE", text=_day(today)))
    if title:
        head.append_child(S(tag="NOTE", text=title))

    records: list[S] = [head]
    indis = {pid: _person(p, xref[str(p.id)]) for pid, p in ((str(p.id), p) for p in people)}
    links_by_child: dict[str, list[ChildLink]] = {}
    for link in sorted(links, key=lambda x: str(x.id)):
        if link.child_id in xref and link.union_id in fxref:
            links_by_child.setdefault(link.child_id, []).append(link)
    for pid, indi in indis.items():
        for link in links_by_child.get(pid, []):
            famc = S(tag="FAMC", pointer=fxref[link.union_id])
            if link.kind == "step":
                pedi = S(tag="PEDI", text="OTHER")
                pedi.append_child(S(tag="PHRASE", text="step"))
            else:
                pedi = S(tag="PEDI", text=_PEDI[str(link.kind)])
            famc.append_child(pedi)
            period = _period(link.start_date, link.end_date)
            if period:
                famc.append_child(S(tag=tags.LINK_PERIOD, text=period))
            indi.append_child(famc)
        for u in families:
            if pid in u.partner_ids:
                indi.append_child(S(tag="FAMS", pointer=fxref[str(u.id)]))
    for e in sorted(emotional, key=lambda x: str(x.id)):
        if e.from_id not in indis or e.to_id not in xref:
            continue
        emot = S(tag=tags.EMOTIONAL, pointer=xref[e.to_id])
        emot.append_child(S(tag=tags.KIND, text=str(e.kind)))
        period = _period(e.start_date, e.end_date)
        if period:
            emot.append_child(S(tag=tags.DATE, text=period))
        if e.note:
            emot.append_child(S(tag=tags.NOTE, text=e.note))
        if e.directed and e.kind not in DIRECTED_EMOTIONAL_KINDS:
            emot.append_child(S(tag=tags.DIRECTED, text="Y"))
        indis[e.from_id].append_child(emot)
    for pid, indi in indis.items():
        exid = S(tag="EXID", text=pid)
        exid.append_child(S(tag="TYPE", text=EXID_TYPE))
        indi.append_child(exid)
        records.append(indi)
    for u in families:
        partners = [p for p in u.partner_ids if p in xref]
        partners.sort(key=lambda p: (sex[p] != "male", sex[p] == "female"))
        children = [link.child_id for link in sorted(links, key=lambda x: str(x.id))
                    if link.union_id == u.id and link.child_id in xref]
        fam = _union(u, fxref[str(u.id)], [xref[p] for p in partners],
                     [xref[c] for c in dict.fromkeys(children)])
        exid = S(tag="EXID", text=str(u.id))
        exid.append_child(S(tag="TYPE", text=EXID_TYPE))
        fam.append_child(exid)
        records.append(fam)
    records.append(S(tag="TRLR"))
    return gedcom7.dumps(records).encode("utf-8")
