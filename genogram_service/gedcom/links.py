"""The links between records: a child's ``INDI.FAMC`` (with pedigree; ``ADOP`` with its
family as an adopted link), a partner's ``INDI.FAMS``, associations (``ASSO`` with
``RELA``/``ROLE``) that name an emotional relation, and our ``_GENO_EMOT``.

Links under individuals are collected (:func:`read_links`) while the records are read and
joined to the families once every family is known (:func:`reconcile`), which also drops
links to records the file lacks, with a notice.
"""

from __future__ import annotations

from genogram_service.gedcom import tags
from genogram_service.gedcom.document import GedChild, GedEmotional, Notice
from genogram_service.gedcom.events import read_date
from genogram_service.gedcom.families import pedigree
from genogram_service.gedcom.lines import Node
from genogram_service.gedcom.reading import Reading
from genogram_service.records.common import ChildKind, EmotionalKind

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


def read_links(reading: Reading, record: Node) -> None:
    """An individual's FAMC (with pedigree), FAMS, ADOP, ASSO and _GENO_EMOT."""
    xref = record.xref
    assert xref is not None
    for famc in record.all("FAMC"):
        reading.use(famc)
        if famc.pointer:
            reading.famc.append((xref, famc.pointer, famc))
    for fams in record.all("FAMS"):
        reading.use(fams)
        if fams.pointer:
            reading.fams.append((xref, fams.pointer, fams))
    for adop in record.all("ADOP"):
        reading.use(adop)
        adopted = adop.first("FAMC")
        if adopted is not None and adopted.pointer:
            reading.use(adopted, adopted.first("ADOP"))
            facts = [Node("PEDI", adopted.line, value="adopted")]
            when = adop.first("DATE")
            if when is not None:  # the adoption date starts the link
                reading.use(when)
                facts.append(Node(tags.LINK_PERIOD, when.line, value=f"FROM {when.value}",
                                  children=when.children))
            reading.famc.append((xref, adopted.pointer, Node("FAMC", adopted.line,
                                                             pointer=adopted.pointer,
                                                             children=facts)))
    for asso in record.all("ASSO"):
        reading.use(asso)
        if asso.pointer:
            reading.asso.append((xref, asso))
    for emot in record.all(tags.EMOTIONAL):
        reading.use(emot)
        _emotional(reading, xref, emot)


def _emotional(reading: Reading, xref: str, node: Node) -> None:
    reading.doc.read["emotional_relations"] += 1
    kind_node = node.first(tags.KIND, "TYPE")
    note = node.first(tags.NOTE, "NOTE")
    reading.use(kind_node, note, node.first(tags.DIRECTED))
    try:
        kind = EmotionalKind((kind_node.value if kind_node else "").strip())
    except ValueError:
        reading.doc.skipped.append(Notice("emotional_kind", f"{xref}: unknown emotional "
                                          "relation kind", node.line))
        return
    if not node.pointer:
        return
    directed_node = node.first(tags.DIRECTED)
    directed = None
    if directed_node is not None:
        directed = directed_node.value.strip().upper() == "Y"
    period_node = node.first(tags.DATE, "DATE")
    period = (read_date(reading, period_node, f"{xref} emotional relation") if period_node
              else None)
    reading.doc.emotional.append(GedEmotional(
        xref, node.pointer, kind, node.line, directed, period,
        note.value.strip() or None if note is not None else None))


def _association(reading: Reading, xref: str, node: Node) -> None:
    reading.doc.read["associations"] += 1
    role = node.first("ROLE")
    phrase = role.first("PHRASE") if role is not None else None
    words = [n.value.strip() for n in (node.first("RELA"), role, phrase) if n is not None]
    reading.use(node.first("RELA"), role, phrase, node.first("PHRASE"))
    kind = next((_EMOTIONAL_WORDS[w.lower()] for w in words if w.lower() in _EMOTIONAL_WORDS),
                None)
    if kind is None:
        label = ", ".join(w for w in words if w) or "no role"
        reading.doc.skipped.append(Notice("association", f"association {xref} → "
                                          f"{node.pointer} ({label}) names no emotional "
                                          "relation of the genogram", node.line))
        return
    reading.doc.emotional.append(GedEmotional(xref, node.pointer or "", kind, node.line,
                                              note=", ".join(words) or None))


def reconcile(reading: Reading) -> None:
    """Links written on one side only (INDI.FAMC without FAM.CHIL and so on) count too;
    the pedigree of INDI.FAMC wins over the family's _FREL/_MREL."""
    doc = reading.doc
    for child, fam_xref, famc in reading.famc:
        fam = doc.families.get(fam_xref)
        if fam is None:
            doc.skipped.append(Notice("dangling", f"{child} refers to family {fam_xref}, "
                                      "which is not in the file", famc.line))
            continue
        pedi = famc.first("PEDI")
        reading.use(pedi, pedi.first("PHRASE") if pedi else None)
        period_node = famc.first(tags.LINK_PERIOD)
        reading.use(period_node)
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
            kind = pedigree(reading, word, pedi.line)
            if kind != ChildKind.birth or entry.kind == ChildKind.birth:
                entry.kind = kind
        if period_node is not None:
            entry.period = read_date(reading, period_node, f"{child} in {fam_xref}")
    for partner, fam_xref, fams in reading.fams:
        fam = doc.families.get(fam_xref)
        if fam is None:
            doc.skipped.append(Notice("dangling", f"{partner} refers to family {fam_xref}, "
                                      "which is not in the file", fams.line))
        elif partner not in fam.partners:
            doc.read["partner_links"] += 1
            fam.partners.append(partner)
    for xref, node in reading.asso:
        _association(reading, xref, node)
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
