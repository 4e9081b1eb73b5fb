"""A ``FAM`` record to a :class:`~.document.GedFamily`: partners, children with their
pedigree, the kind of union and its start (``MARR``, our ``_GENO_UNION``), and its end
(divorce, separation in its several vendor forms, our ``_GENO_END``). The links written under
the individuals (``INDI.FAMC``, ``INDI.FAMS``) are joined in later by :mod:`.links`.
"""

from __future__ import annotations

import re

from genogram_service.gedcom import tags
from genogram_service.gedcom.document import GedChild, GedFamily, Notice
from genogram_service.gedcom.events import event_date, preferred
from genogram_service.gedcom.lines import Node
from genogram_service.gedcom.reading import Reading
from genogram_service.records.common import ChildKind, UnionEndReason, UnionKind

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

_SEPARATION = re.compile(r"separat|scheiding van tafel|uit elkaar", re.I)
_REGISTERED = re.compile(r"registered|partnership|civil union|partnerschap", re.I)
_COHABITING = re.compile(r"cohabit|common.law|samenwon", re.I)


def read_family(reading: Reading, record: Node) -> None:
    doc = reading.doc
    doc.read["families"] += 1
    xref = reading.new_xref(record, "family")
    reading.use(record)
    if xref is None:
        return
    fam = GedFamily(xref=xref, line=record.line)
    for partner in record.all("HUSB", "WIFE"):
        reading.use(partner)
        if partner.pointer:
            doc.read["partner_links"] += 1
            fam.partners.append(partner.pointer)
            reading.use(partner.first("PHRASE"))
    for child in record.all("CHIL"):
        reading.use(child)
        if not child.pointer:
            continue
        doc.read["child_links"] += 1
        frel, mrel = child.first("_FREL"), child.first("_MREL")
        reading.use(frel, mrel, child.first("PHRASE"))
        kinds = [pedigree(reading, n.value, n.line) for n in (frel, mrel) if n is not None]
        kind = _combine(reading, kinds, child.line, f"{child.pointer} in {xref}")
        if any(c.xref == child.pointer for c in fam.children):
            doc.merged.append(Notice("duplicate_child", f"{child.pointer} is listed "
                                     f"twice as a child of {xref}", child.line))
            continue
        fam.children.append(GedChild(child.pointer, kind, child.line))
    marriages = list(record.all("MARR"))
    kind_node = record.first(tags.UNION_KIND)
    if kind_node is not None:
        reading.use(kind_node)
        try:
            fam.kind = UnionKind(kind_node.value.strip())
        except ValueError:
            doc.warnings.append(Notice("union_kind", f"unknown union kind "
                                       f"'{kind_node.value.strip()}' read as other",
                                       kind_node.line))
        fam.start = event_date(reading, kind_node, f"{xref} union")
    if marriages:
        marr = marriages[0]
        mtype = marr.text("TYPE") or ""
        for node in marriages:
            reading.use(node, node.first("TYPE"))
        if kind_node is None:
            fam.kind = (UnionKind.registered_partnership if _REGISTERED.search(mtype)
                        else UnionKind.cohabiting if _COHABITING.search(mtype)
                        else UnionKind.married)
        fam.start = preferred(reading, marriages, xref, "marriage") or fam.start
    _family_end(reading, record, fam)
    doc.families[xref] = fam


def _family_end(reading: Reading, record: Node, fam: GedFamily) -> None:
    ends: list[tuple[UnionEndReason | None, Node]] = []
    for node in record.all("DIV", "ANUL"):
        ends.append((UnionEndReason.divorced, node))
    for node in record.all("_SEPR", "_SEP", "_SEPARATED"):
        ends.append((UnionEndReason.separated, node))
    for node in record.all("EVEN"):
        etype = node.text("TYPE") or node.value
        if _SEPARATION.search(etype or ""):
            reading.use(node.first("TYPE"))
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
        reading.use(other)
    fam.ended = True
    fam.end_reason = reason
    what = reason.value if reason is not None else "end of union"
    fam.end = preferred(reading, [n for r, n in ends if r == reason], fam.xref,
                        {"divorced": "divorce", "separated": "separation"}.get(what, what))


def pedigree(reading: Reading, value: str, line: int) -> ChildKind:
    """The kind of a child link from a pedigree word (``PEDI``, ``_FREL``, ``_MREL``)."""
    word = value.strip().upper()
    if word in _PEDIGREE:
        return _PEDIGREE[word]
    if word and word not in _PEDIGREE_AS_BIRTH:
        reading.doc.warnings.append(Notice("pedigree", f"unknown pedigree '{value.strip()}' "
                                           "read as birth", line))
    elif word in _PEDIGREE_AS_BIRTH and word != "OTHER":
        reading.doc.warnings.append(Notice("pedigree", f"pedigree '{value.strip()}' read as "
                                           "birth", line))
    return ChildKind.birth


def _combine(reading: Reading, kinds: list[ChildKind], line: int, what: str) -> ChildKind:
    """One kind for a child in a family from the father's and mother's pedigree."""
    other = [k for k in _NON_BIRTH_ORDER if k in kinds]
    if not other:
        return ChildKind.birth
    if len(set(kinds)) > 1:
        reading.doc.warnings.append(Notice(
            "mixed_pedigree", f"{what}: the parents' pedigrees differ "
            f"({', '.join(k.value for k in kinds)}); the couple's link is stored as "
            f"{other[0].value}", line))
    return other[0]
