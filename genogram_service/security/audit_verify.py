"""``audit verify``: the access log's chain checked entry by entry with its keys, and against
the signed checkpoints kept outside the database (threat model: docs/security.md).

What is reported, first problem first:

- in the chain: a sequence gap (an entry removed), a broken link, an entry whose keyed MAC
  (or, before the key existed, unkeyed hash) does not match (changed), an entry written with a
  key that is not configured (a wrong key), an unkeyed entry after keyed ones (entries replaced
  by freshly hashed ones), an entry that differs from a signed checkpoint of it (rewritten,
  however consistently), a chain that ends before a checkpoint's entry (truncated), a head that
  does not match the last entry;
- in the checkpoints: a line that is not a checkpoint or is cut off, a signature that does
  not verify (edited or forged), a copy in the database that the file it names lacks (lines
  cut from the file).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from genogram_service.db import Graph
from genogram_service.security.audit_checkpoints import Checkpoint, read_file
from genogram_service.security.audit_crypto import GENESIS, AuditKeys, legacy_hash


class VerifyResult(BaseModel):
    ok: bool
    entries: int
    first_broken_seq: int | None = None
    first_broken_event_id: str | None = None
    reason: str | None = None
    #: the first entry chained with the audit key; those before it carry an unkeyed hash
    #: (written before the key existed) and are protected only by the checkpoints after them
    keyed_from: int | None = None
    #: signed checkpoints found (file and database copies, each counted once)
    checkpoints: int = 0
    last_checkpoint_seq: int | None = None
    last_checkpoint_at: str | None = None
    #: entries after the last checkpoint: their rewriting is detected, their removal from the
    #: end of the log is not (until the next checkpoint)
    after_last_checkpoint: int = 0
    #: problems of the checkpoint file(s) and their database copies
    checkpoint_problems: list[str] = []


def verify_chain(graph: Graph, keys: AuditKeys, files: Sequence[Path]
                 ) -> tuple[VerifyResult, tuple[int, str] | None]:
    """The verdict, and the (seq, hash) of the last entry if the chain verified."""
    # the checkpoints before the chain: each one names an entry committed before it was
    # written, so the chain read afterwards holds it (entries appended meanwhile are checked
    # too, they are not mistaken for a truncation)
    anchors, problems = _checkpoints(graph, keys, files)
    head_rows = graph.read("read/audit_head")
    head = (head_rows[0]["seq"], head_rows[0]["hash"]) if head_rows else None

    prev, count = GENESIS, 0
    keyed_from: int | None = None
    head_seen = False
    broken: tuple[int | None, str | None, str] | None = None
    for row in _raw_chain(graph):
        count += 1
        seq = row.get("seq")
        problem = _entry_problem(row, keys, count, prev, keyed_from)
        if problem is None:
            if row.get("key_id") is not None and keyed_from is None:
                keyed_from = seq
            problem = _anchor_problem(row, anchors.get(count, []))
        if problem is not None:
            broken = (seq, row.get("event_id"), problem)
            break
        if head is not None and count == head[0]:
            head_seen = row["hash"] == head[1]
        prev = row["hash"]

    last = max(anchors.values(), key=lambda cps: cps[0].seq)[0] if anchors else None
    if broken is None and last is not None and last.seq > count:
        broken = (count + 1, None, f"the log ends at entry {count}, but a signed checkpoint "
                  f"written at {last.at} vouches for entry {last.seq}: entries "
                  f"{count + 1}-{last.seq} were removed (truncated)")
    if broken is None and head is None and count:
        broken = (count + 1, None, "the log's head is missing")
    if broken is None and head is not None and (
            count < head[0] or (head[0] > 0 and not head_seen)):
        broken = (count + 1, None, "entries after the last one found are missing "
                  f"(head says {head[0]})")

    result = VerifyResult(
        ok=broken is None and not problems, entries=count, keyed_from=keyed_from,
        checkpoints=sum(len(v) for v in anchors.values()),
        last_checkpoint_seq=last.seq if last else None,
        last_checkpoint_at=last.at if last else None,
        after_last_checkpoint=max(0, count - last.seq) if last else count,
        checkpoint_problems=problems)
    if broken is not None:
        result.first_broken_seq, result.first_broken_event_id, result.reason = broken
    elif problems:
        result.reason = problems[0]
    return result, ((count, prev) if result.ok and count else None)


def _entry_problem(row: dict[str, Any], keys: AuditKeys, expected_seq: int, prev: str,
                   keyed_from: int | None) -> str | None:
    seq = row.get("seq")
    if seq != expected_seq:
        return f"sequence gap: expected entry {expected_seq}, found {seq}"
    if row.get("prev_hash") != prev:
        return "prev_hash does not match the previous entry"
    key_id = row.get("key_id")
    if key_id is None:
        if keyed_from is not None:
            return (f"an unkeyed entry after keyed ones (from entry {keyed_from}): entries "
                    "were replaced by freshly hashed ones")
        if legacy_hash(row) != row.get("hash"):
            return "content does not match its hash (entry changed)"
        return None
    if key_id not in keys.mac_keys:
        return (f"written with audit key {key_id}, which is not configured (the configured "
                f"key is {keys.current}): a wrong GENOGRAM_AUDIT_KEY, an earlier key missing "
                "from GENOGRAM_AUDIT_OLD_KEYS, or a forged entry")
    if keys.entry_mac(row) != row.get("hash"):
        return "content does not match its keyed MAC (entry changed)"
    return None


def _anchor_problem(row: dict[str, Any], anchors: list[Checkpoint]) -> str | None:
    for checkpoint in anchors:
        if checkpoint.head != row["hash"]:
            return (f"differs from the signed checkpoint of this entry written at "
                    f"{checkpoint.at}: the log was rewritten up to here")
    return None


def _checkpoints(graph: Graph, keys: AuditKeys, files: Sequence[Path]
                 ) -> tuple[dict[int, list[Checkpoint]], list[str]]:
    """The checkpoints with a valid signature, by seq (each once), and what is wrong with the
    others and with the files."""
    problems: list[str] = []
    valid: dict[str, Checkpoint] = {}
    copies: list[Checkpoint] = []
    for row in graph.read("read/audit_checkpoints"):  # before the files: a copy is
        # stored after its line is on disk, so every copy read is in the file read after
        try:
            checkpoint = Checkpoint.model_validate(row["checkpoint"])
        except ValidationError:
            problems.append("a checkpoint copy in the database is malformed (edited?)")
            continue
        if _signature_problem(keys, checkpoint):
            problems.append(f"the checkpoint copy of entry {checkpoint.seq} in the database "
                            f"has no valid signature: {_signature_problem(keys, checkpoint)}")
            continue
        valid[checkpoint.sig] = checkpoint
        copies.append(checkpoint)
    in_files: dict[str, set[str]] = {}
    for path in dict.fromkeys(p.absolute() for p in files):
        reading = read_file(path)
        problems.extend(reading.problems)
        sigs = in_files.setdefault(str(path), set())
        for number, checkpoint in reading.checkpoints:
            problem = _signature_problem(keys, checkpoint)
            if problem:
                problems.append(f"{path}, line {number}: {problem}")
                continue
            valid[checkpoint.sig] = checkpoint
            sigs.add(checkpoint.sig)
    for copy in copies:
        if copy.file in in_files and copy.sig not in in_files[copy.file]:
            problems.append(f"{copy.file} lacks the checkpoint of entry {copy.seq} written at "
                            f"{copy.at}, which the database holds a copy of: lines were removed "
                            "from the file, or it was replaced")
    anchors: dict[int, list[Checkpoint]] = {}
    for checkpoint in valid.values():
        anchors.setdefault(checkpoint.seq, []).append(checkpoint)
    return anchors, problems


def _signature_problem(keys: AuditKeys, checkpoint: Checkpoint) -> str | None:
    if checkpoint.key not in keys.verify_keys:
        return (f"signed with key {checkpoint.key}, which is not configured (a wrong "
                "GENOGRAM_AUDIT_SIGNING_KEY, an earlier public key missing from "
                "GENOGRAM_AUDIT_VERIFY_KEYS, or a forged checkpoint)")
    if not keys.signature_ok(checkpoint.signed_fields(), checkpoint.sig):
        return "the signature does not verify (edited or forged)"
    return None


def _raw_chain(graph: Graph, page: int = 5000) -> Iterator[dict[str, Any]]:
    after = 0
    while True:
        rows = graph.read("read/audit_events_by_seq", after_seq=after, limit=page)
        for row in rows:
            event: dict[str, Any] = row["event"]
            yield event
        if len(rows) < page:
            return
        after = rows[-1]["event"]["seq"]
