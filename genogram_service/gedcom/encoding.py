"""Bytes to text: the encodings GEDCOM files come in.

GEDCOM 7 is always UTF-8 (a byte-order mark is allowed). GEDCOM 5.5.x names its character set
in ``HEAD.CHAR`` (``ANSEL``, ``UTF-8``, ``UNICODE``, ``ASCII``), and files in the wild add
``ANSI``/``WINDOWS`` (cp1252), ``IBMPC`` (cp437), ``MACINTOSH`` and ``ISO-8859-1``. The order of
evidence: a byte-order mark (UTF-8, UTF-16 LE/BE), then the zero-byte pattern of UTF-16 without
one, then ``HEAD.CHAR``. When the declared character set does not decode the bytes (a file
saying ANSEL or ASCII that holds UTF-8, say) the text is decoded as UTF-8 and else as cp1252,
with a warning: a file is never refused for its encoding alone.

ANSEL (ANSI Z39.47, with its combining marks written BEFORE the letter) is decoded by the
``ansel`` package's ``gedcom`` codec; the text is NFC-normalised afterwards.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

import ansel  # type: ignore[import-untyped]

ansel.register()

#: HEAD.CHAR values (upper case) to Python codecs
CHARSETS: dict[str, str] = {
    "ANSEL": "gedcom",
    "UTF-8": "utf-8",
    "UTF8": "utf-8",
    "UNICODE": "utf-8",  # means UTF-16 in 5.5; when the bytes are ASCII-compatible, UTF-8
    "UTF-16": "utf-8",
    "ASCII": "ascii",
    "ANSI": "cp1252",
    "WINDOWS": "cp1252",
    "IBM WINDOWS": "cp1252",
    "IBM_WINDOWS": "cp1252",
    "CP1252": "cp1252",
    "WINDOWS-1252": "cp1252",
    "WINDOWS-1250": "cp1250",
    "WINDOWS-1251": "cp1251",
    "ISO-8859-1": "latin-1",
    "ISO8859-1": "latin-1",
    "LATIN1": "latin-1",
    "IBMPC": "cp437",
    "IBM-PC": "cp437",
    "IBM DOS": "cp850",
    "MS-DOS": "cp850",
    "MACINTOSH": "mac-roman",
}

# at the start of a line (after LF, CR or CRLF), up to the end of that line
_CHAR = re.compile(rb"(?:^|(?<=[\r\n]))[ \t]*1[ \t]+CHAR[ \t]+([^\r\n]*?)[ \t]*(?=[\r\n]|\Z)")
_RECORD = re.compile(rb"(?:^|(?<=[\r\n]))[ \t]*0[ \t]+(?!HEAD)")


@dataclass
class Decoded:
    text: str
    encoding: str  # what the bytes were read as: 'utf-8', 'utf-16-le', 'ansel', 'cp1252', ...
    declared: str | None  # HEAD.CHAR as written
    bom: bool
    warnings: list[str] = field(default_factory=list)


def _utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: every other byte of the ASCII header is zero."""
    head = data[:64]
    if len(head) < 4:
        return None
    odd_zero = head[1::2].count(0) > len(head) // 4 and head[0::2].count(0) == 0
    even_zero = head[0::2].count(0) > len(head) // 4 and head[1::2].count(0) == 0
    return "utf-16-le" if odd_zero else "utf-16-be" if even_zero else None


def _declared(data: bytes) -> str | None:
    """HEAD.CHAR, looked for in the header only (before the first record after HEAD)."""
    end = _RECORD.search(data)
    header = data[: end.start()] if end else data[:4096]
    match = _CHAR.search(header)
    return match.group(1).decode("ascii", "replace").strip() if match else None


def _first_bad_line(data: bytes, position: int) -> int:
    before = data[:position]
    return before.count(b"\n") + (before.count(b"\r") if b"\n" not in before else 0) + 1


def decode(data: bytes) -> Decoded:
    """The text of a GEDCOM file (line ends untouched) and how it was read."""
    bom = ""
    if data.startswith(codecs.BOM_UTF8):
        bom = "utf-8"
    elif data.startswith(codecs.BOM_UTF16_LE):
        bom = "utf-16-le"
    elif data.startswith(codecs.BOM_UTF16_BE):
        bom = "utf-16-be"
    if bom.startswith("utf-16") or (not bom and _utf16(data)):
        encoding = bom or _utf16(data) or "utf-16-le"
        body = data[2:] if bom else data
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as exc:
            text = body.decode(encoding, "replace")
            warning = (f"the file is {encoding.upper()} but has invalid byte(s) near byte "
                       f"{exc.start}; they were replaced by U+FFFD")
            return _done(text, encoding, _declared_text(text), bool(bom), [warning])
        return _done(text, encoding, _declared_text(text), bool(bom), [])
    body = data[3:] if bom else data
    declared = _declared(body)
    warnings: list[str] = []
    if bom:
        codec = "utf-8"
        if declared and CHARSETS.get(declared.upper(), "utf-8") not in ("utf-8", "ascii"):
            warnings.append(f"HEAD.CHAR says {declared} but the file starts with a UTF-8 "
                            "byte-order mark; read as UTF-8")
    elif declared is None:
        codec = "utf-8"
    else:
        codec = CHARSETS.get(declared.upper(), "")
        if not codec:
            warnings.append(f"unknown character set {declared!r} in HEAD.CHAR; read as UTF-8 "
                            "(or cp1252 where that fails)")
            codec = "utf-8"
    try:
        return _done(body.decode(codec), codec, declared, bool(bom), warnings)
    except UnicodeDecodeError as exc:
        line = _first_bad_line(body, exc.start)
        for fallback in ("utf-8", "cp1252", "latin-1"):
            if fallback == codec:
                continue
            try:
                text = body.decode(fallback)
            except UnicodeDecodeError:
                continue
            warnings.append(f"the bytes do not match HEAD.CHAR {declared or codec} (first at "
                            f"line {line}); read as {fallback.upper()}")
            return _done(text, fallback, declared, bool(bom), warnings)
        raise AssertionError("latin-1 decodes every byte") from exc  # pragma: no cover


def _declared_text(text: str) -> str | None:
    match = _CHAR.search(text[:8192].encode("utf-8", "replace"))
    return match.group(1).decode("utf-8", "replace") if match else None


def _done(text: str, encoding: str, declared: str | None, bom: bool, warnings: list[str]
          ) -> Decoded:
    text = text.removeprefix("\ufeff")
    name = "ansel" if encoding == "gedcom" else encoding
    return Decoded(unicodedata.normalize("NFC", text), name, declared, bom, warnings)
