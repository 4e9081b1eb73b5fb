"""GEDCOM lines to a tree of :class:`Node` (one per structure), with line numbers.

GEDCOM 7 files go through ``gedcom7.loads`` (the grammar of the standard, strictly: a
non-conforming line is an error naming its number; extension tags declared in
``HEAD.SCHMA`` come back as URIs and are mapped back to their tags here). GEDCOM 5.5.x files
go through :func:`parse_lines`, a tolerant reader written for what real files contain: LF,
CRLF or CR-only line ends, leading white space, blank lines, lines of any length, lower-case
tags, cross-reference ids with any characters but ``@``, ``CONT``/``CONC`` continuation
(also directly under a record), and ``@@`` for a literal ``@``. What it cannot read (a line
without a level and tag, a level that skips one, a continuation in the wrong place, a file
that does not begin with ``0 HEAD``) raises :class:`GedcomSyntaxError` with the line number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import gedcom7
from gedcom7.types import GedcomStructure

_LINE = re.compile(
    r"^[ \t]*(?P<level>\d{1,3})[ \t]+(?:(?P<xref>@[^@\s][^@]*@)[ \t]+)?"
    r"(?P<tag>[A-Za-z0-9_]+)(?:[ \t](?P<value>.*))?$"
)
_POINTER = re.compile(r"^@[^@#\s][^@]*@$")
_EOL = re.compile(r"\r\n|\r|\n")
_QUOTED = re.compile(r"(?:,?\s*found)?\s*(['\"]).*\1")


class GedcomSyntaxError(ValueError):
    """A file we cannot read: ``line`` (1-based) and ``reason`` say where and why."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


@dataclass(slots=True, eq=False)
class Node:
    """One GEDCOM structure: tag, optional record id, payload (text or pointer), children."""

    tag: str
    line: int
    xref: str | None = None
    value: str = ""
    pointer: str | None = None
    children: list[Node] = field(default_factory=list)

    def all(self, *tags: str) -> Iterator[Node]:
        return (c for c in self.children if c.tag in tags)

    def first(self, *tags: str) -> Node | None:
        return next(self.all(*tags), None)

    def text(self, *tags: str) -> str | None:
        node = self.first(*tags)
        return (node.value.strip() or None) if node is not None else None


def lines_of(text: str) -> list[str]:
    """The lines of a text with any line ends (a final line end opens no empty line)."""
    parts = _EOL.split(text)
    if parts and parts[-1] == "":
        parts.pop()
    return parts


def parse_lines(text: str) -> tuple[list[Node], list[tuple[int, str]]]:
    """The records of a GEDCOM 5.5.x text, and notes about what was tolerated."""
    records: list[Node] = []
    stack: list[Node] = []
    notes: list[tuple[int, str]] = []
    last: Node | None = None  # the structure a CONC/CONT continues
    for number, raw in enumerate(lines_of(text), start=1):
        if not raw.strip():
            notes.append((number, "blank line skipped"))
            continue
        match = _LINE.match(raw)
        if match is None:
            raise GedcomSyntaxError(number, "not a GEDCOM line (expected a level number, an "
                                    "optional @id@ and a tag)")
        level = int(match.group("level"))
        tag = match.group("tag").upper()
        value = match.group("value") or ""
        if tag in ("CONT", "CONC"):
            if last is None or level != len(stack) or stack[-1] is not last:
                raise GedcomSyntaxError(number, f"{tag} must follow the line it continues, "
                                        "one level deeper")
            last.value += ("\n" if tag == "CONT" else "") + _unescape(value)
            continue
        if not records and (level != 0 or tag != "HEAD"):
            raise GedcomSyntaxError(number, "a GEDCOM file begins with '0 HEAD'")
        if level > len(stack):
            raise GedcomSyntaxError(number, f"level {level} follows level {len(stack) - 1}; "
                                    "a line is at most one level deeper than the one before")
        del stack[level:]
        node = Node(tag=tag, line=number, xref=match.group("xref"))
        stripped = value.strip()
        if _POINTER.match(stripped):
            node.pointer = stripped
        else:
            node.value = _unescape(value)
        if node.xref is not None and level != 0:
            notes.append((number, "a cross-reference id below level 0 was ignored"))
            node.xref = None
        if level == 0:
            records.append(node)
        else:
            stack[-1].children.append(node)
        stack.append(node)
        last = node
    if not records:
        raise GedcomSyntaxError(1, "the file is empty")
    return records, notes


def _unescape(value: str) -> str:
    return value.replace("@@", "@")


def parse_gedcom7(text: str, uri_tags: dict[str, str]) -> list[Node]:
    """The records of a GEDCOM 7 text (strict grammar, via ``gedcom7``); extension tags that
    the header maps to a URI in ``uri_tags`` get that tag back, other URIs keep the tag the
    file used."""
    try:
        structures = gedcom7.loads(text)
    except gedcom7.GedcomParseError as exc:
        # the library quotes the offending text; errors never echo input (it may be a name)
        reason = _QUOTED.sub("", exc.message).rstrip(" :,") or "malformed line"
        raise GedcomSyntaxError(exc.line_number or 1, reason + " (GEDCOM 7 grammar)") from None
    declared: dict[str, str] = {}
    for record in structures:
        if record.tag == "HEAD":
            for schema in (c for c in record.children if c.tag == "SCHMA"):
                for tagdef in (c for c in schema.children if c.tag == "TAG"):
                    tag, _, uri = tagdef.text.partition(" ")
                    declared[uri.strip()] = tag
    counter = [1]  # the line number of the next structure
    return [_node(s, counter, uri_tags, declared) for s in structures]


def _node(s: GedcomStructure, counter: list[int], uri_tags: dict[str, str],
          declared: dict[str, str]) -> Node:
    line = counter[0]
    counter[0] += 1 + s.text.count("\n")  # each CONT line was folded into the text
    tag = s.tag
    if "://" in tag:
        tag = uri_tags.get(tag) or declared.get(tag, tag)
    node = Node(tag=tag, line=line, xref=s.xref, value=s.text,
                pointer=s.pointer if s.pointer and s.pointer != "@VOID@" else None)
    node.children = [_node(c, counter, uri_tags, declared) for c in s.children]
    return node
