"""Use cases: import a GEDCOM file into the family graph, export a person's family as GEDCOM 7.

Import (administrators): the file is read by :mod:`genogram_service.gedcom` (nothing is
written when it cannot be read: the error names the line), turned into a :class:`Bundle` with
stable ids, made consistent (death not before birth, nobody their own ancestor), and written
by :meth:`RecordService.import_bundle` (validated as a whole, upserts by id, one transaction).

Ids: ``ged-<file-key>-<record id>`` (``ged-harry-potter-3f9a1c-I12``, unions
``ged-<key>-F3``, child links ``ged-<key>-F3-I12``). The file key is the file's name (from
``HEAD.FILE``, else the uploaded file name) as a slug, plus six hex digits of a hash of
``HEAD.SOUR`` and that name, so the same file exported again by the same program (after edits)
gets the same ids and updates what the first import wrote; ``key`` overrides it. A file with
no name anywhere gets a key from a hash of its content (a re-import after edits then makes
new persons; the report warns). When most persons that already carry the ids have other
names, the key is taken to belong to another tree and the import is refused (``force``).

Export (administrators, case workers within need-to-know): the family within ``generations``
(as the genogram selects it), restricted to the persons the caller may see, as GEDCOM 7.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

import networkx as nx
from pydantic import BaseModel, Field, ValidationError

from genogram_service import __version__
from genogram_service.db import Graph
from genogram_service.errors import Conflict, NotFound, ValidationProblem, field_error
from genogram_service.family.graph import FamilyGraph
from genogram_service.family.select import select
from genogram_service.gedcom.dates import GedDate, gedcom7_date
from genogram_service.gedcom.lines import GedcomSyntaxError
from genogram_service.gedcom.reader import (
    GedDocument,
    GedFamily,
    GedIndividual,
    Notice,
    read_gedcom,
)
from genogram_service.gedcom.writer import write_gedcom7
from genogram_service.records import (
    KINDS,
    Bundle,
    ChildLink,
    EmotionalRelation,
    ImportReport,
    Person,
    Union,
)
from genogram_service.records.common import (
    DIRECTED_EMOTIONAL_KINDS,
    DatePrecision,
    UnionEndReason,
    UnionKind,
)
from genogram_service.records.common import date_bounds as _bounds
from genogram_service.records.service import RecordService
from genogram_service.records.validation import validate_bundle
from genogram_service.records.writer import Progress
from genogram_service.security.access import SYSTEM, Action, Actor, Guard

MAX_GENERATIONS = 6
_ID_CHARS = re.compile(r"[^A-Za-z0-9_.:-]")
_NOTE_LINES = 10  # line numbers kept per notice in the report
_NOTE_MESSAGES = 50  # different messages kept per code in the report


# ------------------------------------------------------------------------- report


class GedcomCount(BaseModel):
    read: int = Field(0, description="in the file")
    imported: int = Field(0, description="written new")
    merged: int = Field(0, description="already there from an earlier import of this file "
                                       "(updated in place), or repeated in the file")
    skipped: int = Field(0, description="not written; see `skipped` for why")


class GedcomNote(BaseModel):
    code: str
    message: str
    count: int = 1
    lines: list[int] = Field(default_factory=list, description=f"the first {_NOTE_LINES} "
                                                               "line numbers")


class GedcomImportReport(BaseModel):
    """What a GEDCOM import read, wrote, merged and skipped, and why."""

    dry_run: bool = Field(False, description="checked only: nothing was written or removed "
                                             "(the counts say what the import would do)")
    file_key: str
    file_key_from: str = Field(description="head_file, file_name, given or content")
    version: str
    encoding: str
    source: str | None = None
    individuals: GedcomCount
    families: GedcomCount
    relationships: GedcomCount = Field(description="partner, child and emotional links")
    placeholders: int = Field(0, description="unknown parents added for families with "
                                             "children but no partner")
    no_longer_in_file: list[str] = Field(default_factory=list,
                                         description="persons and unions of earlier imports "
                                                     "of this file that it no longer has "
                                                     "(kept: they may have more records)")
    removed: list[str] = Field(default_factory=list,
                               description="child links and emotional relations of earlier "
                                           "imports of this file that it no longer has "
                                           "(removed)")
    skipped: list[GedcomNote] = Field(default_factory=list)
    merged: list[GedcomNote] = Field(default_factory=list)
    warnings: list[GedcomNote] = Field(default_factory=list)
    not_imported: dict[str, int] = Field(default_factory=dict,
                                         description="standard tags the genogram does not "
                                                     "hold (places, sources, ...), by path")
    written: ImportReport
    seconds: float = 0.0


def _notes(notices: Iterable[Notice]) -> list[GedcomNote]:
    """Notices with the same message counted together; past ``_NOTE_MESSAGES`` different
    messages of one code, the rest are counted in one "more like this" note."""
    out: dict[tuple[str, str], GedcomNote] = {}
    per_code: Counter[str] = Counter()
    for n in notices:
        key = (n.code, n.message)
        if key not in out and per_code[n.code] >= _NOTE_MESSAGES:
            key = (n.code, "")
            if key not in out:
                out[key] = GedcomNote(code=n.code, message="more like the above", count=0)
            out[key].count += 1
            if n.line is not None and len(out[key].lines) < _NOTE_LINES:
                out[key].lines.append(n.line)
            continue
        if key in out:
            out[key].count += 1
            if n.line is not None and len(out[key].lines) < _NOTE_LINES:
                out[key].lines.append(n.line)
        else:
            per_code[n.code] += 1
            out[key] = GedcomNote(code=n.code, message=n.message,
                                  lines=[n.line] if n.line is not None else [])
    return list(out.values())


# ------------------------------------------------------------------------- ids


def _slug(value: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", value.lower()))[:24].strip("-")


def file_key(doc: GedDocument, data: bytes, *, file_name: str | None = None,
             key: str | None = None) -> tuple[str, str]:
    """The file key for the ids, and where it came from."""
    if key:
        slug = _ID_CHARS.sub("-", key.strip())[:40].strip("-")
        if slug:
            return slug, "given"
    for name, origin in ((doc.head_file, "head_file"), (file_name, "file_name")):
        if name:
            base = PureWindowsPath(PurePosixPath(name).name).name
            stem = base.rsplit(".", 1)[0] if "." in base else base
            slug = _slug(stem)
            if slug:
                digest = hashlib.sha256(f"{doc.source or ''}\n{stem}".lower().encode())
                return f"{slug}-{digest.hexdigest()[:6]}", origin
    return f"file-{hashlib.sha256(data).hexdigest()[:12]}", "content"


def _fit(value: str) -> str:
    """An id of at most 100 characters (long ones end in a hash of the whole)."""
    if len(value) <= 100:
        return value
    return value[:87] + "-" + hashlib.sha256(value.encode()).hexdigest()[:12]


def _part(xref: str) -> str:
    bare = xref.strip("@")
    part = _ID_CHARS.sub("_", bare)
    if part != bare or not part:
        part += "-" + hashlib.sha256(xref.encode()).hexdigest()[:6]
    return part


class _Ids:
    def __init__(self, key: str) -> None:
        self.prefix = f"ged-{key}-"

    def record(self, xref: str) -> str:
        return _fit(self.prefix + _part(xref))

    def link(self, fam: str, child: str) -> str:
        return _fit(f"{self.prefix}{_part(fam)}-{_part(child)}")

    def emotional(self, a: str, kind: str, b: str) -> str:
        return _fit(f"{self.prefix}{_part(a)}-{kind}-{_part(b)}")

    def placeholder(self, fam: str) -> str:
        return _fit(f"{self.prefix}{_part(fam)}-unknown-parent")


# ------------------------------------------------------------------------- dates


def _date_fields(prefix: str, value: GedDate | None) -> dict[str, Any]:
    if value is None:
        return {}
    fields = {prefix: value.start, f"{prefix}_to": value.end,
              f"{prefix}_precision": value.precision, f"{prefix}_text": value.text}
    return {k: v for k, v in fields.items() if v is not None}


def _as_text(value: GedDate) -> GedDate:
    """The same value without its days (kept as written)."""
    written = value.text
    if written is None:
        payload = gedcom7_date(value.precision, value.start, value.end, None)
        written = payload[0] if payload else None
    return GedDate(value.precision or DatePrecision.exact, None, None, written)


def _after(earlier: GedDate | None, later: GedDate | None, what: str, line: int,
           notices: list[Notice]) -> GedDate | None:
    """``later`` made consistent with ``earlier`` (death with birth, end with start): where
    the two ranges overlap, the earliest day of ``later`` becomes at least the earliest of
    ``earlier`` (the intersection, so the stored earliest days never contradict); where they
    cannot overlap, ``later`` keeps its text only. Both are reported."""
    if earlier is None or later is None:
        return later
    first, _ = _bounds(earlier.start, earlier.precision, earlier.end)
    _, last = _bounds(later.start, later.precision, later.end)
    if first is not None and last is not None and last < first:
        notices.append(Notice("date_conflict", f"{what} ends before the earlier date begins; "
                              "kept as text only", line))
        return _as_text(later)
    if earlier.start is not None and later.start is not None and later.start < earlier.start:
        end = later.end if later.end is not None and later.end > earlier.start else None
        notices.append(Notice("date_adjusted", f"{what} could begin before the earlier date; "
                              "its earliest day was raised to match", line))
        return GedDate(later.precision or DatePrecision.exact, earlier.start, end,
                       later.text or _as_text(later).text)
    return later


# ------------------------------------------------------------------------- import


class _Builder:
    """A GEDCOM document to a bundle, with the notices of what it had to change."""

    def __init__(self, doc: GedDocument, ids: _Ids) -> None:
        self.doc = doc
        self.ids = ids
        self.notices: list[Notice] = []  # warnings
        self.skipped: list[Notice] = []
        self.placeholders = 0
        self.persons: dict[str, Person] = {}
        self.unions: dict[str, Union] = {}
        self.links: dict[str, ChildLink] = {}
        self.emotional: dict[str, EmotionalRelation] = {}
        self.merged: list[Notice] = []

    def build(self) -> Bundle:
        for ind in self.doc.individuals.values():
            self.person(ind)
        for fam in self.doc.families.values():
            self.union(fam)
        self.untangle()
        for e in self.doc.emotional:
            self.relation(e.from_xref, e.to_xref, e.kind.value, e.line, e.directed, e.period,
                          e.note)
        return Bundle(persons=list(self.persons.values()), unions=list(self.unions.values()),
                      child_links=list(self.links.values()),
                      emotional_relations=list(self.emotional.values()))

    def person(self, ind: GedIndividual) -> None:
        death = _after(ind.birth, ind.death, f"the death of {ind.xref}", ind.line,
                       self.notices)
        data: dict[str, Any] = {
            "id": self.ids.record(ind.xref), "given_names": ind.given, "prefix": ind.prefix,
            "surname": ind.surname, "name_prefix": ind.name_prefix,
            "name_suffix": ind.name_suffix, "other_names": ind.other_names or None,
            "sex": ind.sex,
            **_date_fields("birth_date", ind.birth), **_date_fields("death_date", death)}
        try:
            self.persons[ind.xref] = Person.model_validate(data)
        except ValidationError as exc:
            self.skipped.append(Notice("invalid_individual", f"{ind.xref}: "
                                       f"{_first_error(exc)}", ind.line))

    def union(self, fam: GedFamily) -> None:
        partners = [self.persons[p].id for p in fam.partners if p in self.persons]
        children = [c for c in fam.children if c.xref in self.persons]
        if not partners and not children:
            self.skipped.append(Notice("empty_family", f"family {fam.xref} has no partners "
                                       "and no children", fam.line))
            return
        if not partners:
            placeholder = self.ids.placeholder(fam.xref)
            self.persons[f"{fam.xref}#parent"] = Person(id=placeholder)
            self.placeholders += 1
            self.notices.append(Notice("placeholder", f"family {fam.xref} has children but no "
                                       "partner; an unknown parent was added", fam.line))
            partners = [placeholder]
        kind = fam.kind
        if kind == UnionKind.other and fam.end_reason == UnionEndReason.divorced:
            kind = UnionKind.married  # a divorce ends a marriage
        end = _after(fam.start, fam.end, f"the end of family {fam.xref}", fam.line,
                     self.notices)
        data: dict[str, Any] = {
            "id": self.ids.record(fam.xref), "kind": kind, "partner_ids": partners,
            "end_reason": fam.end_reason,
            **_date_fields("start_date", fam.start), **_date_fields("end_date", end)}
        try:
            self.unions[fam.xref] = union = Union.model_validate(data)
        except ValidationError as exc:
            self.skipped.append(Notice("invalid_family", f"{fam.xref}: {_first_error(exc)}",
                                       fam.line))
            return
        assert union.id is not None
        for child in children:
            period = child.period
            link_id = self.ids.link(fam.xref, child.xref)
            try:
                self.links[link_id] = ChildLink(
                    id=link_id, child_id=self.persons[child.xref].id, union_id=union.id,
                    kind=child.kind, start_date=period.start if period else None,
                    end_date=period.end if period else None)
            except ValidationError as exc:
                self.skipped.append(Notice("invalid_child_link", f"{child.xref} in "
                                           f"{fam.xref}: {_first_error(exc)}", child.line))

    def untangle(self) -> None:
        """Drop child links that would make someone their own ancestor (bad data exists)."""
        partners = {u.id: u.partner_ids for u in self.unions.values()}
        line_of = {self.ids.link(fam.xref, c.xref): c.line for fam in self.doc.families.values()
                   for c in fam.children}
        for _ in range(len(self.links) + 1):
            g: nx.DiGraph[str] = nx.DiGraph()
            edge_link: dict[tuple[str, str], str] = {}
            for link_id, link in self.links.items():
                for parent in partners.get(link.union_id, []):
                    g.add_edge(parent, link.child_id)
                    edge_link[(parent, link.child_id)] = link_id
            if nx.is_directed_acyclic_graph(g):  # fast; find_cycle walks every edge
                return
            cycle = nx.find_cycle(g)
            worst = max(edge_link[(a, b)] for a, b in cycle)
            link = self.links.pop(worst)
            self.skipped.append(Notice("ancestry", f"the child link of {link.child_id} to "
                                       f"{link.union_id} would make a person their own "
                                       "ancestor", line_of.get(worst)))

    def relation(self, a: str, b: str, kind: str, line: int, directed: bool | None,
                 period: GedDate | None, note: str | None) -> None:
        if a not in self.persons or b not in self.persons:
            return
        rel_id = self.ids.emotional(a, kind, b)
        if rel_id in self.emotional:
            self.merged.append(Notice("duplicate_relation", f"{a} → {b} ({kind}) appears "
                                      "more than once", line))
            return
        if directed is False and kind in DIRECTED_EMOTIONAL_KINDS:
            directed = None
        try:
            self.emotional[rel_id] = EmotionalRelation(
                id=rel_id, from_id=self.persons[a].id, to_id=self.persons[b].id, kind=kind,
                directed=directed, note=(note or None) and note[:2000],
                start_date=period.start if period else None,
                end_date=period.end if period else None)
        except ValidationError as exc:
            self.skipped.append(Notice("invalid_relation", f"{a} → {b}: {_first_error(exc)}",
                                       line))


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ()))
    return f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid"))


def _existing(graph: Graph, statement: str, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(ids), 5000):
        chunk = ids[i:i + 5000]
        for row in graph.read(statement, ids=chunk):
            # read/existing_*_ids: one row with the list; read/get_*: a row per record
            found.update(row["ids"] if "ids" in row else [row["props"]["id"]])
    return found


def import_gedcom(records: RecordService, data: bytes, *, actor: Actor = SYSTEM,
                  file_name: str | None = None, key: str | None = None, force: bool = False,
                  progress: Progress | None = None,
                  writing: Callable[[int], None] | None = None,
                  dry_run: bool = False) -> GedcomImportReport:
    """Read a GEDCOM file and write its family; the same file twice changes nothing.
    ``writing`` is told the number of records before they are written, ``progress`` each
    batch written (a progress bar). ``dry_run``: read and check everything (against the
    database too), write and remove nothing, and report what the import would do."""
    started = time.perf_counter()
    guard, graph = records.guard, records.graph
    guard.authorize(actor, Action.create, resource="GEDCOM import", personal=False)
    try:
        doc = read_gedcom(data)
    except GedcomSyntaxError as exc:
        raise ValidationProblem([field_error([f"line {exc.line}"], exc.reason, "gedcom")],
                                detail=f"not a readable GEDCOM file: line {exc.line}: "
                                       f"{exc.reason}") from None
    fkey, origin = file_key(doc, data, file_name=file_name, key=key)
    ids = _Ids(fkey)
    builder = _Builder(doc, ids)
    bundle = builder.build()
    warnings = doc.warnings + builder.notices
    if origin == "content":
        warnings.append(Notice("file_key", "the file names no file (HEAD.FILE) and no file "
                               "name was given: ids come from its content, so a re-import "
                               "after edits adds new persons; pass a key to avoid that"))

    person_ids = [p.id for p in bundle.persons if p.id]
    union_ids = [u.id for u in bundle.unions if u.id]
    had_persons = _existing(graph, "read/existing_person_ids", person_ids)
    had_unions = _existing(graph, "read/existing_union_ids", union_ids)
    had_links = _existing(graph, "read/get_child_link", [x.id for x in bundle.child_links
                                                          if x.id])
    had_relations = _existing(graph, "read/get_emotional_relation",
                              [x.id for x in bundle.emotional_relations if x.id])
    tree = graph.read("read/gedcom_tree", prefix=ids.prefix)
    if not force:
        _check_same_tree([r for r in tree if r["kind"] == "person"], bundle, fkey)
    current = {x.id for kind in KINDS for x in getattr(bundle, kind.plural)}
    stale = [r for r in tree if r["kind"] in ("child_link", "emotional_relation")
             and r["id"] not in current]
    removing = [r["id"] for r in stale if r["kind"] == "child_link"]
    if stale and not dry_run:
        # links the file no longer has go (the other program removed them); the bundle is
        # checked first, so a file that cannot be imported changes nothing
        validate_bundle(graph, bundle, records.vault, removing)
        guard.authorize(actor, Action.delete, resource=f"GEDCOM re-import of '{fkey}': "
                        f"{len(stale)} links no longer in the file")
        for r in stale:
            graph.write(f"write/delete_{r['kind']}", id=r["id"])
    if writing is not None:
        writing(bundle.size())
    # (a dry run removes nothing: its check counts the stale links as gone all the same)
    written = records.import_bundle(bundle, actor=actor, progress=progress, dry_run=dry_run,
                                    removing=removing)

    skipped = doc.skipped + builder.skipped
    merged = doc.merged + builder.merged
    from_file = {builder.persons[x].id for x in doc.individuals if x in builder.persons}
    individuals = GedcomCount(read=doc.read["individuals"],
                              imported=len(from_file - had_persons),
                              merged=len(from_file & had_persons),
                              skipped=doc.read["individuals"] - len(from_file))
    families = GedcomCount(read=doc.read["families"],
                           imported=len(union_ids) - len(had_unions),
                           merged=len(had_unions),
                           skipped=doc.read["families"] - len(union_ids))
    partner_links = [(u.id, p) for u in bundle.unions for p in u.partner_ids if p in from_file]
    rel_read = (doc.read["partner_links"] + doc.read["child_links"]
                + doc.read["emotional_relations"] + doc.read["associations"])
    rel_written = len(partner_links) + len(bundle.child_links) + len(bundle.emotional_relations)
    rel_before = (sum(1 for uid, _ in partner_links if uid in had_unions) + len(had_links)
                  + len(had_relations))
    repeated = sum(1 for n in merged if n.code.startswith("duplicate_"))
    relationships = GedcomCount(read=rel_read, imported=rel_written - rel_before,
                                merged=rel_before + repeated,
                                skipped=max(0, rel_read - rel_written - repeated))
    gone = [r["id"] for r in tree if r["kind"] in ("person", "union")
            and r["id"] not in current]
    return GedcomImportReport(
        dry_run=dry_run, file_key=fkey, file_key_from=origin, version=doc.version,
        encoding=doc.encoding,
        source=doc.source, individuals=individuals, families=families,
        relationships=relationships, placeholders=builder.placeholders,
        no_longer_in_file=gone[:100], removed=[r["id"] for r in stale][:100],
        skipped=_notes(skipped), merged=_notes(merged),
        warnings=_notes(warnings), not_imported=dict(sorted(doc.not_imported.items())),
        written=written, seconds=round(time.perf_counter() - started, 3))


def _check_same_tree(tree: list[dict[str, Any]], bundle: Bundle, key: str) -> None:
    """Refuse to overwrite another family that happens to have the same file key."""
    stored = {r["id"]: (r.get("given_names"), r.get("surname")) for r in tree}
    same = differ = 0
    for p in bundle.persons:
        if p.id in stored and (p.given_names or p.surname):
            if stored[p.id] == (p.given_names, p.surname):
                same += 1
            else:
                differ += 1
    if differ >= 3 and differ > same:
        raise Conflict(
            f"the file key '{key}' belongs to an earlier import of a different family "
            f"({differ} of {same + differ} persons with these ids have other names); import "
            "it under another key (key=...), or force=true to update those persons")


# ------------------------------------------------------------------------- export


class ExportedGedcom(BaseModel):
    content: bytes
    persons: int
    families: int
    file_name: str


def export_gedcom(graph: Graph, guard: Guard, actor: Actor, *, person_id: str,
                  generations: int = 2, today: dt.date | None = None) -> ExportedGedcom:
    """GEDCOM 7 of the family of ``person_id`` within ``generations`` up and down (with
    siblings, partners and their children, as the genogram selects them), limited to the
    persons the caller may see."""
    missing = f"no person with id '{person_id}'"
    guard.authorize(actor, Action.export, persons=[person_id], resource="GEDCOM export",
                    not_found=missing)
    rows = graph.read("read/family_export", person_id=person_id)
    if not rows:
        raise NotFound(missing)
    row = rows[0]
    persons = {p["id"]: p for p in row["persons"]}
    unions = {u["id"]: {**u, "partner_ids": sorted(u["partner_ids"])} for u in row["unions"]}
    links = [x for x in row["links"] if x["union_id"] in unions]
    family = FamilyGraph(persons, unions, links)
    sel = select(family, person_id, up=generations, down=generations, siblings=True,
                 partners=True)
    shown = guard.visible_persons(actor, sel.persons) | {person_id}
    if len(shown) > 1:
        guard.authorize(actor, Action.export, persons=sorted(shown),
                        resource=f"GEDCOM export of the family of '{person_id}'")

    def clean(d: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in d.items() if v is not None}

    out_persons = [Person.model_validate(clean(persons[p])) for p in sorted(shown)]
    out_unions = []
    for uid in sorted(sel.unions):
        u = dict(unions[uid])
        u["partner_ids"] = [p for p in u["partner_ids"] if p in shown]
        if u["partner_ids"]:
            out_unions.append(Union.model_validate(clean(u)))
    kept = {u.id for u in out_unions}
    out_links = [ChildLink.model_validate(clean(x)) for x in links
                 if x["child_id"] in shown and x["union_id"] in kept]
    out_emotional = [EmotionalRelation.model_validate(clean(e)) for e in row["emotional"]
                     if e["from_id"] in shown and e["to_id"] in shown]
    content = write_gedcom7(
        out_persons, out_unions, out_links, out_emotional, today=today, version=__version__,
        title=f"Family of {person_id}, {generations} generation(s) up and down "
              "(Genogram Service export)")
    return ExportedGedcom(content=content, persons=len(out_persons),
                          families=len(out_unions), file_name=f"family-{person_id}.ged")
