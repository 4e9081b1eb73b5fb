"""What the reader did not read, reported rather than dropped in silence: a custom tag
(``_``-prefixed) or a tag GEDCOM does not define becomes a warning with its line number; a
standard tag the genogram model does not hold is counted by its path (``INDI.NOTE``) in
``not_imported``. Only the structures that were read are looked into: whatever lies below an
unread structure goes with it.
"""

from __future__ import annotations

from genogram_service.gedcom import tags
from genogram_service.gedcom.document import Notice
from genogram_service.gedcom.lines import Node
from genogram_service.gedcom.reading import Reading


def leftovers(reading: Reading, node: Node, parent: str) -> None:
    """Warnings for unknown and custom tags; counts for standard tags not imported."""
    path = f"{parent}.{node.tag}" if parent else node.tag
    if id(node) not in reading.used and node.tag not in ("HEAD", "TRLR", "CONT", "CONC"):
        if node.tag.startswith("_") and node.tag not in tags.READ_EXTENSIONS:
            reading.doc.warnings.append(Notice("custom_tag", f"custom tag {node.tag} (under "
                                               f"{parent or 'the root'}) not imported",
                                               node.line))
            return
        if "://" in node.tag or node.tag not in tags.STANDARD_TAGS:
            reading.doc.warnings.append(Notice("unknown_tag", f"unknown tag {node.tag} (under "
                                               f"{parent or 'the root'}) not imported",
                                               node.line))
            return
        reading.doc.not_imported[path] += 1
        return
    if node.tag == "HEAD":
        return
    for child in node.children:
        leftovers(reading, child, path)
