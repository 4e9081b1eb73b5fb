"""A GEDCOM file (5.5, 5.5.1 or 7) to plain records: individuals, families, their links.

:func:`read_gedcom` decodes the bytes (:mod:`.encoding`), builds the line tree
(:mod:`.lines`), says what it noticed about the file as a whole, and then reads the records
into a :class:`~.document.GedDocument`, each part in its own module:

* individuals (:mod:`.individuals`): names (:mod:`.names`: the birth name, else the first
  ``NAME``, in pieces with title and suffix, a Dutch tussenvoegsel such as ``van der`` split
  off the surname; the other names kept as text), sex (``M``, ``F``, ``X``, ``U``), birth and
  death (:mod:`.events`, :mod:`.dates`; of several, the first with a date unless a later one
  narrows it; ``DEAT Y`` without a date marks a death without a date);
* families (:mod:`.families`): any one or two partners (``HUSB``/``WIFE``, also ``INDI.FAMS``),
  children (``CHIL``, also ``INDI.FAMC``) with their pedigree (``PEDI``, ``ADOP``, the
  ``_FREL``/``_MREL`` extensions), marriage (``MARR``, with ``TYPE`` for a registered
  partnership; of several the preferred as for births), divorce (``DIV``, ``ANUL``),
  separation (``_SEPR``, ``_SEP``, ``EVEN TYPE Separation``), and our own extension tags
  (see :mod:`.tags`);
* the links written under individuals (:mod:`.links`), joined to the families once all are
  read; associations (``ASSO`` with ``RELA``/``ROLE``) that name an emotional relation, and
  our ``_GENO_EMOT``.

Everything else is counted, never fatal (:mod:`.leftovers`): unknown and custom tags become
warnings with their line numbers; standard tags the model does not hold are counted in
``not_imported``. :mod:`.reading` holds what the parts share while one file is read.
"""

from __future__ import annotations

from genogram_service.gedcom import tags
from genogram_service.gedcom.document import (
    DECEASED,
    GedChild,
    GedDocument,
    GedEmotional,
    GedFamily,
    GedIndividual,
    Notice,
)
from genogram_service.gedcom.encoding import decode
from genogram_service.gedcom.families import read_family
from genogram_service.gedcom.individuals import read_individual
from genogram_service.gedcom.leftovers import leftovers
from genogram_service.gedcom.lines import GedcomSyntaxError, Node, parse_gedcom7, parse_lines
from genogram_service.gedcom.links import read_links, reconcile
from genogram_service.gedcom.names import clean
from genogram_service.gedcom.reading import Reading

# the records the reader fills are offered here too, where the import and the tests take them
__all__ = ["DECEASED", "GedChild", "GedDocument", "GedEmotional", "GedFamily",
           "GedIndividual", "Notice", "read_gedcom", "version_of"]


def version_of(records: list[Node]) -> str:
    """The GEDCOM version the header declares; 5.5.1 when it declares none."""
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
    _read(Reading(doc), records)
    return doc


def _read(reading: Reading, records: list[Node]) -> None:
    """Individuals and families first, then the links under individuals (which need every
    family), then the report of what was left unread."""
    for record in records:
        if record.tag == "INDI":
            read_individual(reading, record)
        elif record.tag == "FAM":
            read_family(reading, record)
    for record in records:
        if record.tag == "INDI" and record.xref in reading.doc.individuals:
            read_links(reading, record)
    reconcile(reading)
    for record in records:
        leftovers(reading, record, "")
