"""GEDCOM without the database: bytes to records (:func:`read_gedcom`), dates with a precision
(:func:`parse_date`, :func:`gedcom7_date`) and GEDCOM 7 out (:func:`write_gedcom7`).

Layers: :mod:`.encoding` (bytes to text), :mod:`.lines` (text to a tree of structures, with line
numbers), :mod:`.reader` (the tree to a :mod:`.document` of individuals and families, with
notices; its parts :mod:`.individuals`, :mod:`.families`, :mod:`.links`, :mod:`.events`,
:mod:`.leftovers` share the state in :mod:`.reading`), :mod:`.dates`, :mod:`.names`,
:mod:`.writer`; :mod:`.tags` names the tags. The use cases (import into and export from the
database) are in :mod:`.service`, the HTTP routes in :mod:`.routes`.
"""

from genogram_service.gedcom.dates import GedDate, gedcom7_date, parse_date
from genogram_service.gedcom.lines import GedcomSyntaxError
from genogram_service.gedcom.reader import GedDocument, read_gedcom
from genogram_service.gedcom.writer import write_gedcom7

__all__ = ["GedDate", "GedDocument", "GedcomSyntaxError", "gedcom7_date", "parse_date",
           "read_gedcom", "write_gedcom7"]
