"""An ``INDI`` record to a :class:`~.document.GedIndividual`: sex, birth and death
(:mod:`.events`), and the names (:mod:`.names` splits one name into its pieces; here the
person's name is chosen among several, and the others are kept as alternative names).
Links to families and other individuals are read in :mod:`.links`.
"""

from __future__ import annotations

from collections.abc import Sequence

from genogram_service.gedcom.dates import GedDate
from genogram_service.gedcom.document import DECEASED, GedIndividual, Notice
from genogram_service.gedcom.events import preferred
from genogram_service.gedcom.lines import Node
from genogram_service.gedcom.names import BIRTH_NAME_TYPES, GedName, name_type, split_name
from genogram_service.gedcom.reading import Reading
from genogram_service.records.common import DatePrecision

#: at most this many alternative names are kept per person (``Person.other_names``)
MAX_OTHER_NAMES = 20


def read_individual(reading: Reading, record: Node) -> None:
    reading.doc.read["individuals"] += 1
    xref = reading.new_xref(record, "individual")
    reading.use(record)
    if xref is None:
        return
    person = GedIndividual(xref=xref, line=record.line)
    _names(reading, person, list(record.all("NAME")), list(record.all("_AKA")))
    sex = record.first("SEX")
    if sex is not None:
        reading.use(sex)
        person.sex = {"M": "male", "F": "female", "X": "other"}.get(
            sex.value.strip().upper()[:1], "unknown")
    births = list(record.all("BIRT"))
    if births:
        person.birth = preferred(reading, births, xref, "birth")
    deaths = list(record.all("DEAT"))
    if deaths:
        # a DEAT without a date still says the person died ('Y', or a description)
        death = preferred(reading, deaths, xref, "death")
        if death is None:
            death = GedDate(DatePrecision.phrase, text=DECEASED)
        person.death = death
    reading.doc.individuals[xref] = person


def _name(reading: Reading, node: Node) -> GedName:
    """The pieces of one NAME structure (with its TYPE)."""
    reading.use(node)
    pieces = {tag: node.first(tag) for tag in ("GIVN", "SURN", "SPFX", "NPFX", "NSFX")}
    kind = node.first("TYPE")
    phrase = kind.first("PHRASE") if kind is not None else None
    reading.use(*pieces.values(), kind, phrase)

    def value(tag: str) -> str | None:
        piece = pieces[tag]
        return piece.value if piece is not None else None

    name = split_name(node.value, given_piece=value("GIVN"), surname_piece=value("SURN"),
                      prefix_piece=value("SPFX"), npfx=value("NPFX"),
                      nsfx=value("NSFX"), line=node.line)
    if kind is not None:
        name.type = name_type(kind.value, phrase.value if phrase is not None else None)
    return name


def _names(reading: Reading, person: GedIndividual, nodes: list[Node],
           akas: Sequence[Node] = ()) -> None:
    """The person's fields hold the birth name (a NAME with TYPE birth or maiden) when the
    file marks one, else the first NAME (GEDCOM's preferred one); every other NAME is
    kept in ``other_names`` with its type, and the report says so. So are the vendor
    forms of other names: a married surname (``2 _MARNM Jansen`` under a NAME, written
    by several genealogy programs) and an also-known-as name (``_AKA``, under the
    individual or a NAME)."""
    doc = reading.doc
    names: list[GedName] = []
    vendor: list[GedName] = []
    for node in nodes:
        name = _name(reading, node)
        if name.empty():
            doc.skipped.append(Notice("empty_name", "a NAME without given names or "
                                      "surname is skipped", node.line))
        else:
            names.append(name)
        for extra in node.all("_MARNM", "_AKA"):
            vendor.extend(_vendor_name(reading, extra, name))
    for extra in akas:
        vendor.extend(_vendor_name(reading, extra, None))
    if not names:
        names, vendor = vendor[:1], vendor[1:]
    names.extend(vendor)
    if not names:
        return
    main = next((n for n in names if n.type in BIRTH_NAME_TYPES), names[0])
    if main is not names[0]:
        doc.warnings.append(Notice(
            "birth_name", f"the birth name (NAME with TYPE {main.type}) is used for the "
            "person's name, not the first NAME: the first one is kept in other_names",
            main.line))
    person.given, person.prefix, person.surname = main.given, main.prefix, main.surname
    person.name_prefix, person.name_suffix = main.name_prefix, main.name_suffix
    seen = {main.written()}
    for name in names:
        if name is main:
            continue
        if name.written() in seen:
            doc.merged.append(Notice("duplicate_name", "a NAME repeating a name of "
                                     "the same person is merged", name.line))
            continue
        if len(person.other_names) >= MAX_OTHER_NAMES:
            doc.skipped.append(Notice("other_names", f"more than {MAX_OTHER_NAMES} "
                                      "names: the rest is skipped", name.line))
            continue
        seen.add(name.written())
        person.other_names.append(name.as_other_name())
        what = f"a NAME with TYPE {name.type}" if name.type else "a further NAME"
        doc.merged.append(Notice("other_name", f"{what} is kept as an alternative "
                                 "name (other_names)", name.line))


def _vendor_name(reading: Reading, node: Node, base: GedName | None) -> list[GedName]:
    """``_MARNM Jansen`` (the married surname, with the given names of ``base``) or
    ``_AKA Molly /Smith/`` as another name of the person."""
    reading.use(node)
    value = (node.value or "").strip()
    if not value:
        return []
    if node.tag == "_MARNM":
        given = base.given if base is not None else None
        payload = f"{given or ''} /{value.strip('/')}/".strip()
        kind = "married"
    else:
        payload, kind = value, "aka"
    name = split_name(payload, line=node.line)
    name.type = kind
    return [] if name.empty() else [name]
