"""Personal names: a ``NAME`` structure to its pieces, and alternative names as text.

A ``NAME`` payload is written as spoken, the surname between slashes:
``Dr. Jan /van der Berg/ Jr.``; the pieces may be repeated as substructures (``NPFX`` title,
``GIVN`` given names, ``SPFX`` surname prefix, ``SURN`` surname, ``NSFX`` suffix), which win
over the payload. Without ``SPFX``, leading lower-case particles (the Dutch tussenvoegsel
``van der``, ``de``, ``'t``; ``von``, ``du``) are split off the surname. Text after the
surname is the suffix (``NSFX`` wins); when nothing stands before the slashes it is the given
names instead (surname-first order, ``/Kovács/ János``).

Alternative names (every ``NAME`` but the one the person's fields hold) are kept as text in
``Person.other_names``: the name as GEDCOM writes it, after its type and a colon when the file
gave one: ``"married: Maria /Jansen/"``, ``"aka: Mia /de Vries/"``, ``"Jan /Smit/"``. Types are
lower-case (GEDCOM's ``aka``, ``birth``, ``immigrant``, ``maiden``, ``married``,
``professional``, or the file's own word), names are not, so the two never mix up.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: tussenvoegsels (and their foreign cousins) split off a surname when written in it
PARTICLES = frozenset("""van de der den het 't ten ter te in op aan bij uit onder over voor
la le du des di da del della von zu vom zum d' l'""".split())

#: GEDCOM 7 NAME.TYPE enumeration values (GEDCOM 5.5.1 has the same words in any case)
NAME_TYPES = ("aka", "birth", "immigrant", "maiden", "married", "professional", "other")
#: the types that mark a birth name: the person's fields hold it (see ``docs/gedcom.md``)
BIRTH_NAME_TYPES = frozenset({"birth", "maiden"})

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_TYPED = re.compile(r"^([a-z][a-z0-9 _'-]{0,39}): (.+)$")


def clean(value: str | None, limit: int = 200) -> str | None:
    """Text fit for a name field: no control or invisible characters, single spaces, NFC."""
    if value is None:
        return None
    value = "".join(ch for ch in _CONTROL.sub(" ", value)
                    if unicodedata.category(ch) not in ("Cf", "Co", "Cs", "Cn"))
    value = " ".join(value.split())
    return unicodedata.normalize("NFC", value)[:limit].strip() or None


def name_type(value: str | None, phrase: str | None = None) -> str | None:
    """A NAME.TYPE as we keep it: GEDCOM's words lower-case; ``OTHER`` with a ``PHRASE``
    (GEDCOM 7) or a word of the file's own (GEDCOM 5.5.1 allows any) as that word."""
    word = clean(value) or ""
    if word.upper() == "OTHER" and clean(phrase):
        word = clean(phrase) or ""
    word = re.sub(r"[^a-z0-9 _'-]", "", word.lower()).strip()[:40]
    return word or None


@dataclass
class GedName:
    """The pieces of one NAME structure."""

    line: int
    given: str | None = None
    prefix: str | None = None  # surname prefix, the tussenvoegsel
    surname: str | None = None
    name_prefix: str | None = None  # NPFX: a title before the name, 'Dr.'
    name_suffix: str | None = None  # NSFX: 'Jr.', 'III'
    type: str | None = None

    def empty(self) -> bool:
        return not (self.given or self.surname or self.prefix)

    def written(self) -> str:
        """The name as a GEDCOM payload: ``Dr. Jan /van der Berg/ Jr.``."""
        family = " ".join(x for x in (self.prefix, self.surname) if x)
        front = " ".join(x for x in (self.name_prefix, self.given) if x)
        parts = [front, f"/{family}/" if family else "", self.name_suffix or ""]
        return " ".join(x for x in parts if x)

    def as_other_name(self) -> str:
        """The text kept in ``other_names`` (at most 200 characters)."""
        text = f"{self.type}: {self.written()}" if self.type else self.written()
        return text[:200].strip()


def split_name(payload: str, *, given_piece: str | None = None,
               surname_piece: str | None = None, prefix_piece: str | None = None,
               npfx: str | None = None, nsfx: str | None = None, line: int = 0) -> GedName:
    """A NAME payload and its substructures (``GIVN``, ``SURN``, ``SPFX``, ``NPFX``,
    ``NSFX``, each None when absent) to the pieces."""
    given_part, slash, rest = payload.partition("/")
    surname_part, _, after = rest.partition("/")
    name_prefix, name_suffix = clean(npfx), clean(nsfx)
    given_text = clean(given_part)
    trailing = clean(after) if slash else None
    if given_piece is None and name_prefix and given_text \
            and (given_text == name_prefix or given_text.startswith(name_prefix + " ")):
        given_text = clean(given_text[len(name_prefix):])
    if given_piece is None and not given_text and trailing:
        given_text, trailing = trailing, None  # surname first: /Kovács/ János
    if nsfx is None and trailing:
        name_suffix = trailing
    given = clean(given_piece) if given_piece is not None else given_text
    full = clean(surname_part)
    surname = clean(surname_piece) if surname_piece is not None else full
    prefix = clean(prefix_piece) if prefix_piece is not None else None
    if prefix is None and full and surname and full != surname and full.endswith(surname):
        prefix = clean(full[: -len(surname)])
    if prefix is None and surname:
        words = surname.split(" ")
        lead = 0
        while lead < len(words) - 1 and words[lead] in PARTICLES:
            lead += 1
        if lead:
            prefix, surname = " ".join(words[:lead]), " ".join(words[lead:])
    elif prefix and surname and surname.startswith(prefix + " ") and prefix_piece is not None:
        surname = surname[len(prefix) + 1:]
    return GedName(line=line, given=given, prefix=prefix, surname=surname,
                   name_prefix=name_prefix, name_suffix=name_suffix)


def parse_other_name(value: str) -> tuple[str | None, str]:
    """An ``other_names`` entry to (type, the name as GEDCOM writes it)."""
    match = _TYPED.match(value)
    if match:
        return match.group(1), match.group(2)
    return None, value
