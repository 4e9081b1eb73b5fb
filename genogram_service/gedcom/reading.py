"""The state of one reading of a file, shared by the parts of the reader (:mod:`.individuals`,
:mod:`.families`, :mod:`.links`, :mod:`.events`, :mod:`.leftovers`): the document being
filled, which nodes were read (everything else ends up in :mod:`.leftovers`), and the links
written under individuals, which wait until every family is known (:mod:`.links`).
"""

from __future__ import annotations

from genogram_service.gedcom.document import GedDocument, Notice
from genogram_service.gedcom.lines import Node


class Reading:
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

    def new_xref(self, record: Node, what: str) -> str | None:
        """The record's cross-reference id; None (with a notice) when it has none or one seen
        before, so the record is skipped."""
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
