"""GEDCOM without the database: bytes to records (:func:`read_gedcom`), dates with a precision
(:func:`parse_date`, :func:`gedcom7_date`) and GEDCOM 7 out (:func:`write_gedcom7`).

Layers: :mod:`.encoding` (bytes to text), :mod:`.lines` (text to a tree of structures, with line
numbers), :mod:`.dates`, :mod:`.reader` (the tree to individuals and families, with notices),
:mod:`.writer`; :mod:`.tags` names the tags. The use cases are in ``services/gedcom.py``.
"""

from genogram_service.gedcom.dates import GedDate, gedcom7_date, parse_date
from genogram_service.gedcom.lines import GedcomSyntaxError
from genogram_service.gedcom.reader import GedDocument, read_gedcom
from genogram_service.gedcom.writer import write_gedcom7

__all__ = ["GedDate", "GedDocument", "GedcomSyntaxError", "gedcom7_date", "parse_date",
           "read_gedcom", "write_gedcom7"]
