"""A GEDCOM file (5.5, 5.5.1 or 7) to plain records: individuals, families, their links.

:func:`read_gedcom` decodes the bytes (:mod:`.encoding`), builds the line tree
(:mod:`.lines`), and reads what the genogram model holds:

* individuals: names (:mod:`.names`: the birth name, else the first ``NAME``, in pieces with
  title and suffix, a Dutch tussenvoegsel such as ``van der`` split off the surname; the other
  names kept as text), sex (``M``, ``F``, ``X``, ``U``), birth and death (:mod:`.dates`; of
  several, the first with a date unless a later one narrows it; ``DEAT Y`` without a date
  marks a death without a date);
* families: any one or two partners (``HUSB``/``WIFE``, also ``INDI.FAMS``), children
  (``CHIL``, also ``INDI.FAMC``) with their pedigree (``PEDI``, ``ADOP``, the ``_FREL``/``_MREL``
  extensions), marriage (``MARR``, with ``TYPE`` for a registered partnership; of several the
  preferred as for births), divorce
  (``DIV``, ``ANUL``), separation (``_SEPR``, ``_SEP``, ``EVEN TYPE Separation``), and our own
  extension tags (see :mod:`.tags`);
* associations (``ASSO`` with ``RELA``/``ROLE``) that name an emotional relation, and our
  ``_GENO_EMOT``.

Everything else is counted, never fatal: unknown and custom tags become warnings with their
line numbers; standard tags the model does not hold are counted in ``not_imported``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from genogram_service.gedcom import tags
from genogram_service.gedcom.dates import GedDate, parse_date
from genogram_service.gedcom.encoding import decode
from genogram_service.gedcom.lines import GedcomSyntaxError, Node, parse_gedcom7, parse_lines
from genogram_service.gedcom.names import BIRTH_NAME_TYPES, GedName, clean, name_type, split_name
from genogram_service.records.common import (
    APPROXIMATE_PRECISIONS,
    ChildKind,
    DatePrecision,
    EmotionalKind,
    UnionEndReason,
    UnionKind,
)

#: a death without a date (``1 DEAT Y``): stored as a phrase with this text
DECEASED = "deceased, date unknown"

#: at most this many alternative names are kept per person (``Person.other_names``)
MAX_OTHER_NAMES = 20

_PEDIGREE = {
    "BIRTH": ChildKind.birth, "NATURAL": ChildKind.birth, "BIOLOGICAL": ChildKind.birth,
    "ADOPTED": ChildKind.adopted, "ADOPTION": ChildKind.adopted,
    "FOSTER": ChildKind.foster, "GUARDIAN": ChildKind.foster,
    "STEP": ChildKind.step, "STEPCHILD": ChildKind.step,
}
#: pedigree words we read as birth (GEDCOM's default) with a notice
_PEDIGREE_AS_BIRTH = {"SEALING", "SEALED", "RELATED", "UNKNOWN", "PRIVATE", "OTHER", "CHALLENGED",
                      "DISPROVEN", "PROVEN"}
_NON_BIRTH_ORDER = (ChildKind.adopted, ChildKind.foster, ChildKind.step)

#: association roles (RELA, ROLE, PHRASE) that name one of our emotional relations
_EMOTIONAL_WORDS = {
    "close": EmotionalKind.close, "friend": EmotionalKind.close, "friendship": EmotionalKind.close,
    "fused": EmotionalKind.fused, "distant": EmotionalKind.distant,
    "conflict": EmotionalKind.conflict, "hostile": EmotionalKind.hostile,
    "enemy": EmotionalKind.hostile, "cut_off": EmotionalKind.cut_off,
    "cut off": EmotionalKind.cut_off, "cutoff": EmotionalKind.cut_off,
    "estranged": EmotionalKind.cut_off, "abuse": EmotionalKind.abuse,
    "abuser": EmotionalKind.abuse, "neglect": EmotionalKind.neglect,
}
_SEPARATION = re.compile(r"separat|scheiding van tafel|uit elkaar", re.I)
_REGISTERED = re.compile(r"registered|partnership|civil union|partnerschap", re.I)
_COHABITING = re.compile(r"cohabit|common.law|samenwon", re.I)


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


def version_of(records: list[Node]) -> str:
    head = records[0] if records and records[0].tag == "HEAD" else None
    gedc = head.first("GEDC") if head else None
    vers = gedc.text("VERS") if gedc else None
    return vers or "5.5.1"


def read_gedcom(data: bytes) -> GedDocument:
    """Read a whole file. Raises :class:`GedcomSyntaxError` (with the line number) for a file
    that is not GEDCOM or breaks the line grammar; everything else is a notice."""
    decoded = decode(data)
    records, notes = parse_lines(decoded.text)
    version = version_of(records)
    if version.startswith("7"):
        if decoded.encoding not in ("utf-8", "ascii"):
            raise GedcomSyntaxError(1, f"a GEDCOM 7 file is UTF-8, this one is "
                                    f"{decoded.encoding.upper()}")
        records = parse_gedcom7(decoded.text, tags.URI_TAGS)
        notes = []
    head = records[0]
    source = head.text("SOUR")
    doc = GedDocument(
        version=version, encoding=decoded.encoding, source=clean(source),
        head_file=clean(head.text("FILE")),
        lines=decoded.text.count("\n") + 1,
    )
    for warning in decoded.warnings:
        doc.warnings.append(Notice("encoding", warning))
    blank = [n for n, why in notes if why.startswith("blank")]
    if blank:
        doc.warnings.append(Notice("blank_lines", f"{len(blank)} blank line(s) skipped",
                                   blank[0]))
    for n, why in notes:
        if not why.startswith("blank"):
            doc.warnings.append(Notice("syntax", why, n))
    if records[-1].tag != "TRLR":
        doc.warnings.append(Notice("no_trailer", "the file does not end with '0 TRLR' "
                                   "(cut off?); everything before the end was read"))
    _Reader(doc).read(records)
    return doc


class _Reader:
    def __init__(self, doc: GedDocument) -> None:
        self.doc = doc
        self.used: set[int] = set()  # ids of the nodes whose content was read
        self.famc: list[tuple[str, str, Node]] = []  # (child xref, family xref, FAMC node)
        self.fams: list[tuple[str, str, Node]] = []
        self.asso: list[tuple[str, Node]] = []

    def use(self, *nodes: Node | None) -> None:
        for node in nodes:
            if node is not None:
                self.used.add(id(node))

    # ----------------------------------------------------------------- records

    def read(self, records: list[Node]) -> None:
        for record in records:
            if record.tag == "INDI":
                self.individual(record)
            elif record.tag == "FAM":
                self.family(record)
        for record in records:
            if record.tag == "INDI" and record.xref in self.doc.individuals:
                self.links(record)
        self.reconcile()
        for record in records:
            self.leftovers(record, "")

    def _xref(self, record: Node, what: str) -> str | None:
        if record.xref is None:
            self.doc.skipped.append(Notice(f"{what}_without_id", f"a {record.tag} record "
                                           "without a cross-reference id cannot be linked",
                                           record.line))
            return None
        known = self.doc.individuals if what == "individual" else self.doc.families
        if record.xref in known:
            self.doc.skipped.append(Notice(f"duplicate_{what}", f"{record.xref} appears twice; "
                                           "the second record is skipped", record.line))
            return None
        return record.xref

    def individual(self, record: Node) -> None:
        self.doc.read["individuals"] += 1
        xref = self._xref(record, "individual")
        self.use(record)
        if xref is None:
            return
        person = GedIndividual(xref=xref, line=record.line)
        self.names(person, list(record.all("NAME")), list(record.all("_AKA")))
        sex = record.first("SEX")
        if sex is not None:
            self.use(sex)
            person.sex = {"M": "male", "F": "female", "X": "other"}.get(
                sex.value.strip().upper()[:1], "unknown")
        births = list(record.all("BIRT"))
        if births:
            person.birth = self.preferred(births, xref, "birth")
        deaths = list(record.all("DEAT"))
        if deaths:
            # a DEAT without a date still says the person died ('Y', or a description)
            death = self.preferred(deaths, xref, "death")
            if death is None:
                death = GedDate(DatePrecision.phrase, text=DECEASED)
            person.death = death
        self.doc.individuals[xref] = person

    # ----------------------------------------------------------------- names

    def name(self, node: Node) -> GedName:
        """The pieces of one NAME structure (with its TYPE)."""
        self.use(node)
        pieces = {tag: node.first(tag) for tag in ("GIVN", "SURN", "SPFX", "NPFX", "NSFX")}
        kind = node.first("TYPE")
        phrase = kind.first("PHRASE") if kind is not None else None
        self.use(*pieces.values(), kind, phrase)

        def value(tag: str) -> str | None:
            piece = pieces[tag]
            return piece.value if piece is not None else None

        name = split_name(node.value, given_piece=value("GIVN"), surname_piece=value("SURN"),
                          prefix_piece=value("SPFX"), npfx=value("NPFX"),
                          nsfx=value("NSFX"), line=node.line)
        if kind is not None:
            name.type = name_type(kind.value, phrase.value if phrase is not None else None)
        return name

    def names(self, person: GedIndividual, nodes: list[Node],
              akas: Sequence[Node] = ()) -> None:
        """The person's fields hold the birth name (a NAME with TYPE birth or maiden) when the
        file marks one, else the first NAME (GEDCOM's preferred one); every other NAME is
        kept in ``other_names`` with its type, and the report says so. So are the vendor
        forms of other names: a married surname (``2 _MARNM Jansen`` under a NAME, written
        by several genealogy programs) and an also-known-as name (``_AKA``, under the
        individual or a NAME)."""
        names: list[GedName] = []
        vendor: list[GedName] = []
        for node in nodes:
            name = self.name(node)
            if name.empty():
                self.doc.skipped.append(Notice("empty_name", "a NAME without given names or "
                                               "surname is skipped", node.line))
            else:
                names.append(name)
            for extra in node.all("_MARNM", "_AKA"):
                vendor.extend(self.vendor_name(extra, name))
        for extra in akas:
            vendor.extend(self.vendor_name(extra, None))
        if not names:
            names, vendor = vendor[:1], vendor[1:]
        names.extend(vendor)
        if not names:
            return
        main = next((n for n in names if n.type in BIRTH_NAME_TYPES), names[0])
        if main is not names[0]:
            self.doc.warnings.append(Notice(
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
                self.doc.merged.append(Notice("duplicate_name", "a NAME repeating a name of "
                                              "the same person is merged", name.line))
                continue
            if len(person.other_names) >= MAX_OTHER_NAMES:
                self.doc.skipped.append(Notice("other_names", f"more than {MAX_OTHER_NAMES} "
                                               "names: the rest is skipped", name.line))
                continue
            seen.add(name.written())
            person.other_names.append(name.as_other_name())
            what = f"a NAME with TYPE {name.type}" if name.type else "a further NAME"
            self.doc.merged.append(Notice("other_name", f"{what} is kept as an alternative "
                                          "name (other_names)", name.line))

    def vendor_name(self, node: Node, base: GedName | None) -> list[GedName]:
        """``_MARNM Jansen`` (the married surname, with the given names of ``base``) or
        ``_AKA Molly /Smith/`` as another name of the person."""
        self.use(node)
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

    # ----------------------------------------------------------------- events

    def preferred(self, events: list[Node], xref: str, what: str) -> GedDate | None:
        """The date of the event to use when a record has several (two births from two
        sources): the first with a date that has days (GEDCOM lists repeated structures most
        preferred first; an event without a date or with a phrase only never hides a dated
        one), replaced by a later one only when that is more precise and lies within it
        (``1900`` then ``12 MAY 1900``; not by an approximation). The others are reported:
        the same date or no date as merged, a different date as skipped with the reason."""
        dated = [(node, self.event_date(node, f"{xref} {what}")) for node in events]
        with_days: list[tuple[Node, GedDate | None]] = [
            (n, d) for n, d in dated if d is not None and _span(d) is not None]
        chosen = (with_days or [(n, d) for n, d in dated if d is not None] or dated)[0]
        for node, value in with_days:
            if node is not chosen[0] and _refines(value, chosen[1]):
                chosen = (node, value)
        use, date = chosen
        for node, value in dated:
            if node is use:
                continue
            if value is None or _same(value, date):
                why = "without a date" if value is None else "with the same date"
                self.doc.merged.append(Notice(
                    "repeated_event", f"a repeated {what} {why} is merged", node.line))
                continue
            used = _shown(date)
            if date is not None and value is not None and _refines(date, value):
                reason = f"the more precise '{used}' within it is used"
            else:
                reason = f"the first {what} with a date ('{used}') is used"
            self.doc.skipped.append(Notice(
                f"other_{what}", f"{xref}: {what} '{_shown(value)}' not used: {reason}",
                node.line))
        return date

    def event_date(self, event: Node, what: str) -> GedDate | None:
        self.use(event)
        node = event.first("DATE", tags.DATE)
        if node is None:
            return None
        return self.date(node, what)

    def date(self, node: Node, what: str) -> GedDate | None:
        self.use(node)
        phrase = node.first("PHRASE")
        self.use(phrase)
        value = parse_date(node.value, phrase.value if phrase is not None else None)
        if value is None:
            return None
        if value.normalised_from is not None:
            read_as = value.text or (value.start.isoformat() if value.start else "")
            self.doc.warnings.append(Notice("date_form", f"non-standard date "
                                            f"'{value.normalised_from}' read as '{read_as}'",
                                            node.line))
        if value.note is not None:
            self.doc.warnings.append(Notice("date_text", f"{what}: '{value.text}': {value.note}",
                                            node.line))
        elif value.precision == DatePrecision.phrase:
            self.doc.warnings.append(Notice("date_phrase", f"{what}: '{value.text}' is no date "
                                            "GEDCOM defines: kept as text", node.line))
        return value

    def family(self, record: Node) -> None:
        self.doc.read["families"] += 1
        xref = self._xref(record, "family")
        self.use(record)
        if xref is None:
            return
        fam = GedFamily(xref=xref, line=record.line)
        for partner in record.all("HUSB", "WIFE"):
            self.use(partner)
            if partner.pointer:
                self.doc.read["partner_links"] += 1
                fam.partners.append(partner.pointer)
                self.use(partner.first("PHRASE"))
        for child in record.all("CHIL"):
            self.use(child)
            if not child.pointer:
                continue
            self.doc.read["child_links"] += 1
            frel, mrel = child.first("_FREL"), child.first("_MREL")
            self.use(frel, mrel, child.first("PHRASE"))
            kinds = [self.pedigree(n.value, n.line) for n in (frel, mrel) if n is not None]
            kind = self.combine(kinds, child.line, f"{child.pointer} in {xref}")
            if any(c.xref == child.pointer for c in fam.children):
                self.doc.merged.append(Notice("duplicate_child", f"{child.pointer} is listed "
                                              f"twice as a child of {xref}", child.line))
                continue
            fam.children.append(GedChild(child.pointer, kind, child.line))
        marriages = list(record.all("MARR"))
        kind_node = record.first(tags.UNION_KIND)
        if kind_node is not None:
            self.use(kind_node)
            try:
                fam.kind = UnionKind(kind_node.value.strip())
            except ValueError:
                self.doc.warnings.append(Notice("union_kind", f"unknown union kind "
                                                f"'{kind_node.value.strip()}' read as other",
                                                kind_node.line))
            fam.start = self.event_date(kind_node, f"{xref} union")
        if marriages:
            marr = marriages[0]
            mtype = marr.text("TYPE") or ""
            for node in marriages:
                self.use(node, node.first("TYPE"))
            if kind_node is None:
                fam.kind = (UnionKind.registered_partnership if _REGISTERED.search(mtype)
                            else UnionKind.cohabiting if _COHABITING.search(mtype)
                            else UnionKind.married)
            fam.start = self.preferred(marriages, xref, "marriage") or fam.start
        self.family_end(record, fam)
        self.doc.families[xref] = fam

    def family_end(self, record: Node, fam: GedFamily) -> None:
        ends: list[tuple[UnionEndReason | None, Node]] = []
        for node in record.all("DIV", "ANUL"):
            ends.append((UnionEndReason.divorced, node))
        for node in record.all("_SEPR", "_SEP", "_SEPARATED"):
            ends.append((UnionEndReason.separated, node))
        for node in record.all("EVEN"):
            etype = node.text("TYPE") or node.value
            if _SEPARATION.search(etype or ""):
                self.use(node.first("TYPE"))
                ends.append((UnionEndReason.separated, node))
        for node in record.all(tags.UNION_END):
            try:
                reason: UnionEndReason | None = UnionEndReason(node.value.strip())
            except ValueError:
                reason = None
            ends.append((reason, node))
        if not ends:
            return
        order = [UnionEndReason.divorced, UnionEndReason.separated, UnionEndReason.widowed, None]
        ends.sort(key=lambda e: order.index(e[0]))
        reason = ends[0][0]
        for _, other in ends:
            self.use(other)
        fam.ended = True
        fam.end_reason = reason
        what = reason.value if reason is not None else "end of union"
        fam.end = self.preferred([n for r, n in ends if r == reason], fam.xref,
                                 {"divorced": "divorce", "separated": "separation"}.get(what,
                                                                                      what))

    def pedigree(self, value: str, line: int) -> ChildKind:
        word = value.strip().upper()
        if word in _PEDIGREE:
            return _PEDIGREE[word]
        if word and word not in _PEDIGREE_AS_BIRTH:
            self.doc.warnings.append(Notice("pedigree", f"unknown pedigree '{value.strip()}' "
                                            "read as birth", line))
        elif word in _PEDIGREE_AS_BIRTH and word != "OTHER":
            self.doc.warnings.append(Notice("pedigree", f"pedigree '{value.strip()}' read as "
                                            "birth", line))
        return ChildKind.birth

    def combine(self, kinds: list[ChildKind], line: int, what: str) -> ChildKind:
        """One kind for a child in a family from the father's and mother's pedigree."""
        other = [k for k in _NON_BIRTH_ORDER if k in kinds]
        if not other:
            return ChildKind.birth
        if len(set(kinds)) > 1:
            self.doc.warnings.append(Notice(
                "mixed_pedigree", f"{what}: the parents' pedigrees differ "
                f"({', '.join(k.value for k in kinds)}); the couple's link is stored as "
                f"{other[0].value}", line))
        return other[0]

    def links(self, record: Node) -> None:
        """An individual's FAMC (with pedigree), FAMS, ADOP, ASSO and _GENO_EMOT."""
        xref = record.xref
        assert xref is not None
        for famc in record.all("FAMC"):
            self.use(famc)
            if famc.pointer:
                self.famc.append((xref, famc.pointer, famc))
        for fams in record.all("FAMS"):
            self.use(fams)
            if fams.pointer:
                self.fams.append((xref, fams.pointer, fams))
        for adop in record.all("ADOP"):
            self.use(adop)
            adopted = adop.first("FAMC")
            if adopted is not None and adopted.pointer:
                self.use(adopted, adopted.first("ADOP"))
                facts = [Node("PEDI", adopted.line, value="adopted")]
                when = adop.first("DATE")
                if when is not None:  # the adoption date starts the link
                    self.use(when)
                    facts.append(Node(tags.LINK_PERIOD, when.line, value=f"FROM {when.value}",
                                      children=when.children))
                self.famc.append((xref, adopted.pointer, Node("FAMC", adopted.line,
                                                              pointer=adopted.pointer,
                                                              children=facts)))
        for asso in record.all("ASSO"):
            self.use(asso)
            if asso.pointer:
                self.asso.append((xref, asso))
        for emot in record.all(tags.EMOTIONAL):
            self.use(emot)
            self.emotional(xref, emot)

    def emotional(self, xref: str, node: Node) -> None:
        self.doc.read["emotional_relations"] += 1
        kind_node = node.first(tags.KIND, "TYPE")
        note = node.first(tags.NOTE, "NOTE")
        self.use(kind_node, note, node.first(tags.DIRECTED))
        try:
            kind = EmotionalKind((kind_node.value if kind_node else "").strip())
        except ValueError:
            self.doc.skipped.append(Notice("emotional_kind", f"{xref}: unknown emotional "
                                           "relation kind", node.line))
            return
        if not node.pointer:
            return
        directed_node = node.first(tags.DIRECTED)
        directed = None
        if directed_node is not None:
            directed = directed_node.value.strip().upper() == "Y"
        period_node = node.first(tags.DATE, "DATE")
        period = self.date(period_node, f"{xref} emotional relation") if period_node else None
        self.doc.emotional.append(GedEmotional(
            xref, node.pointer, kind, node.line, directed, period,
            note.value.strip() or None if note is not None else None))

    def association(self, xref: str, node: Node) -> None:
        self.doc.read["associations"] += 1
        role = node.first("ROLE")
        phrase = role.first("PHRASE") if role is not None else None
        words = [n.value.strip() for n in (node.first("RELA"), role, phrase) if n is not None]
        self.use(node.first("RELA"), role, phrase, node.first("PHRASE"))
        kind = next((_EMOTIONAL_WORDS[w.lower()] for w in words if w.lower() in _EMOTIONAL_WORDS),
                    None)
        if kind is None:
            label = ", ".join(w for w in words if w) or "no role"
            self.doc.skipped.append(Notice("association", f"association {xref} → "
                                           f"{node.pointer} ({label}) names no emotional "
                                           "relation of the genogram", node.line))
            return
        self.doc.emotional.append(GedEmotional(xref, node.pointer or "", kind, node.line,
                                               note=", ".join(words) or None))

    def reconcile(self) -> None:
        """Links written on one side only (INDI.FAMC without FAM.CHIL and so on) count too;
        the pedigree of INDI.FAMC wins over the family's _FREL/_MREL."""
        doc = self.doc
        for child, fam_xref, famc in self.famc:
            fam = doc.families.get(fam_xref)
            if fam is None:
                doc.skipped.append(Notice("dangling", f"{child} refers to family {fam_xref}, "
                                          "which is not in the file", famc.line))
                continue
            pedi = famc.first("PEDI")
            self.use(pedi, pedi.first("PHRASE") if pedi else None)
            period_node = famc.first(tags.LINK_PERIOD)
            self.use(period_node)
            entry = next((c for c in fam.children if c.xref == child), None)
            if entry is None:
                doc.read["child_links"] += 1
                entry = GedChild(child, ChildKind.birth, famc.line)
                fam.children.append(entry)
            if pedi is not None:
                word = pedi.value.strip()
                phrase = pedi.first("PHRASE")
                if word.upper() == "OTHER" and phrase is not None \
                        and "step" in phrase.value.lower():
                    word = "step"
                kind = self.pedigree(word, pedi.line)
                if kind != ChildKind.birth or entry.kind == ChildKind.birth:
                    entry.kind = kind
            if period_node is not None:
                entry.period = self.date(period_node, f"{child} in {fam_xref}")
        for partner, fam_xref, fams in self.fams:
            fam = doc.families.get(fam_xref)
            if fam is None:
                doc.skipped.append(Notice("dangling", f"{partner} refers to family {fam_xref}, "
                                          "which is not in the file", fams.line))
            elif partner not in fam.partners:
                doc.read["partner_links"] += 1
                fam.partners.append(partner)
        for xref, node in self.asso:
            self.association(xref, node)
        for fam in doc.families.values():
            seen: list[str] = []
            for p in fam.partners:
                if p not in doc.individuals:
                    doc.skipped.append(Notice("dangling", f"family {fam.xref} refers to "
                                              f"partner {p}, which is not in the file",
                                              fam.line))
                elif p in seen:
                    doc.merged.append(Notice("duplicate_partner", f"{p} is a partner in "
                                             f"{fam.xref} twice", fam.line))
                else:
                    seen.append(p)
            if len(seen) > 2:
                doc.skipped.append(Notice("partners", f"family {fam.xref} has {len(seen)} "
                                          "partners; a union has one or two, the first two "
                                          "are kept", fam.line))
                seen = seen[:2]
            fam.partners = seen
            kept = []
            for c in fam.children:
                if c.xref not in doc.individuals:
                    doc.skipped.append(Notice("dangling", f"family {fam.xref} refers to child "
                                              f"{c.xref}, which is not in the file", c.line))
                elif c.xref in fam.partners:
                    doc.skipped.append(Notice("ancestry", f"{c.xref} is both partner and child "
                                              f"in {fam.xref}", c.line))
                else:
                    kept.append(c)
            fam.children = kept
        kept_emotional = []
        for e in doc.emotional:
            if e.to_xref not in doc.individuals:
                doc.skipped.append(Notice("dangling", f"{e.from_xref} refers to {e.to_xref}, "
                                          "which is not in the file", e.line))
            elif e.to_xref == e.from_xref:
                doc.skipped.append(Notice("self_relation", f"{e.from_xref} is associated with "
                                          "themselves", e.line))
            else:
                kept_emotional.append(e)
        doc.emotional = kept_emotional

    # ----------------------------------------------------------------- the rest

    def leftovers(self, node: Node, parent: str) -> None:
        """Warnings for unknown and custom tags; counts for standard tags not imported."""
        path = f"{parent}.{node.tag}" if parent else node.tag
        if id(node) not in self.used and node.tag not in ("HEAD", "TRLR", "CONT", "CONC"):
            if node.tag.startswith("_") and node.tag not in tags.READ_EXTENSIONS:
                self.doc.warnings.append(Notice("custom_tag", f"custom tag {node.tag} (under "
                                                f"{parent or 'the root'}) not imported",
                                                node.line))
                return
            if "://" in node.tag or node.tag not in tags.STANDARD_TAGS:
                self.doc.warnings.append(Notice("unknown_tag", f"unknown tag {node.tag} (under "
                                                f"{parent or 'the root'}) not imported",
                                                node.line))
                return
            self.doc.not_imported[path] += 1
            return
        if node.tag == "HEAD":
            return
        for child in node.children:
            self.leftovers(child, path)


def _span(value: GedDate) -> tuple[dt.date, dt.date] | None:
    """The days a date with days covers (open ends as the first or last day Python has);
    None for a date without days (a phrase, B.C.)."""
    if value.start is None and value.end is None:
        return None
    low = value.start or dt.date.min
    if value.end is not None:
        return low, value.end
    closed = value.precision in (None, DatePrecision.exact) \
        or value.precision in APPROXIMATE_PRECISIONS
    return low, (value.start or dt.date.max) if closed else dt.date.max


def _refines(later: GedDate | None, first: GedDate | None) -> bool:
    """``later`` is more precise than ``first`` and within it, and no approximation."""
    if later is None or first is None or later.precision in APPROXIMATE_PRECISIONS \
            or later.precision == DatePrecision.phrase:
        return False
    a, b = _span(later), _span(first)
    if a is None or b is None or a == b:
        return False
    return b[0] <= a[0] and a[1] <= b[1]


def _same(a: GedDate, b: GedDate | None) -> bool:
    return b is not None and (a.precision, a.start, a.end, a.text) == \
        (b.precision, b.start, b.end, b.text)


def _shown(value: GedDate | None) -> str:
    if value is None:
        return "no date"
    if value.text:
        return value.text
    return value.start.isoformat() if value.start else "no date"
