"""Signed checkpoints of the access log, written outside the database.

A checkpoint says "entry ``seq`` of the chain has hash ``head``", at a time, signed with the
checkpoint key (Ed25519, :mod:`genogram_service.security.audit_crypto`). It is one JSON line
appended to the checkpoint file (``GENOGRAM_AUDIT_CHECKPOINT_FILE``). Since every entry's
keyed MAC covers the one before it, a checkpoint of entry ``seq`` fixes the whole chain up to
``seq``: ``audit verify`` then detects a rewrite of any of those entries (even with every
unkeyed hash recomputed, even of the whole chain), and a chain that ends before ``seq``
(truncation), which the database alone cannot show.

Each process checkpoints the entries it appended itself: after its first group commit, then
every ``audit_checkpoint_every`` entries or ``audit_checkpoint_seconds`` after an entry, and
when it shuts down; never per entry (a checkpoint costs an fsync). Several processes share one
file: each line is written by one ``write`` on a descriptor opened with ``O_APPEND``, which on
a local file system appends it whole after the others (not on NFS: give each host its own file
and pass the others to ``genogram audit verify --checkpoints``). Lines from several processes
are therefore not in order of ``seq``; verification does not need them to be.

A copy of each checkpoint also goes into the database (``AuditCheckpoint``) after the line is
on disk: someone who can write to the database can delete those copies but cannot forge them,
and a copy that names this file but is missing from it shows lines cut from the file.
Checkpoints hold numbers, hashes, a time, the writing host and process, a path and a key
fingerprint: no names, no subjects, no reasons.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from genogram_service.db import Graph
from genogram_service.security.audit_crypto import AuditKeys

log = logging.getLogger(__name__)

FORMAT = "genogram-audit-checkpoint/1"


class Checkpoint(BaseModel):
    """One signed checkpoint; ``sig`` signs every other field."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["genogram-audit-checkpoint/1"]
    seq: int = Field(ge=1)
    head: str = Field(pattern=r"^[0-9a-f]{64}$")
    #: ISO 8601 in UTC, kept as the text that was signed
    at: str
    #: host and process id of the writer
    writer: str
    #: the file the checkpoint was written to (absolute)
    file: str
    #: fingerprint of the signing key
    key: str
    sig: str

    def signed_fields(self) -> dict[str, Any]:
        return self.model_dump(exclude={"sig"})

    def line(self) -> bytes:
        return (json.dumps(self.model_dump(), sort_keys=True, separators=(",", ":"))
                + "\n").encode()


def make_checkpoint(keys: AuditKeys, *, seq: int, head: str, file: Path) -> Checkpoint:
    fields: dict[str, Any] = {
        "format": FORMAT, "seq": seq, "head": head,
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
        "writer": f"{socket.gethostname()}:{os.getpid()}", "file": str(file),
        "key": keys.public_key_id,
    }
    return Checkpoint(**fields, sig=keys.sign(fields))


def append_line(path: Path, checkpoint: Checkpoint) -> None:
    """Append one checkpoint as one ``write`` with ``O_APPEND``, then fsync: the line is on
    disk before the caller goes on."""
    line = checkpoint.line()
    created = not path.exists()
    if created:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        written = os.write(fd, line)
        if written != len(line):  # a full disk; the partial line shows as cut off
            raise OSError(f"wrote {written} of {len(line)} bytes")
        os.fsync(fd)
    finally:
        os.close(fd)
    if created:  # the new file's name is durable too
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


@dataclass
class FileReading:
    """The checkpoints in one file, by line number, and the lines that are not checkpoints."""

    path: Path
    exists: bool = False
    checkpoints: list[tuple[int, Checkpoint]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_file(path: Path) -> FileReading:
    reading = FileReading(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return reading
    reading.exists = True
    lines = data.split(b"\n")
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        if number == len(lines):  # no newline after it: a line cut off
            reading.problems.append(f"{path}, line {number}: cut off (the file was truncated "
                                    "or a write did not finish)")
            continue
        try:
            reading.checkpoints.append((number, Checkpoint.model_validate(json.loads(raw))))
        except (ValueError, ValidationError):
            reading.problems.append(f"{path}, line {number}: not a checkpoint (edited?)")
    return reading


class Checkpointer:
    """One process's checkpoints: what it appended since its last checkpoint, when the next
    one is due, and writing it (file, then the database's copy)."""

    def __init__(self, graph: Graph, keys: AuditKeys, path: Path, *, every: int,
                 seconds: float) -> None:
        self.graph = graph
        self.keys = keys
        self.path = path.absolute()
        self.every = every
        self.seconds = seconds
        self._lock = threading.Lock()
        #: (seq, hash) of the last entry this process appended
        self._last: tuple[int, str] | None = None
        #: entries appended since the last checkpoint, and when the first of them was
        self._pending = 0
        self._since = 0.0
        self._written_any = False
        #: after a failed write, not before this (monotonic); so a full disk is not retried
        #: after every commit
        self._retry_at = 0.0
        #: checkpoints written so far (tests)
        self.written = 0

    def appended(self, seq: int, head: str, count: int) -> None:
        with self._lock:
            self._last = (seq, head)
            if not self._pending:
                self._since = time.monotonic()
            self._pending += count

    def wait(self) -> float | None:
        """Seconds until a checkpoint is due (0: now), or None while nothing is pending."""
        with self._lock:
            if not self._pending:
                return None
            now = time.monotonic()
            if now < self._retry_at:
                return self._retry_at - now
            # the process's first append is anchored at once, so a chain whose checkpoints
            # were all cut (or a new one) is anchored early
            if not self._written_any or self._pending >= self.every:
                return 0.0
            return max(0.0, self._since + self.seconds - now)

    def flush(self) -> Checkpoint | None:
        """Checkpoint this process's last appended entry if it is not yet; None if nothing
        was pending or the write failed (logged)."""
        with self._lock:
            if not self._pending or self._last is None:
                return None
            seq, head = self._last
            pending = self._pending
            try:
                checkpoint = self._write(seq, head)
            except OSError as exc:
                self._retry_at = time.monotonic() + min(self.seconds, 30.0)
                log.error("access-log checkpoint of entry %d not written to %s (%s); "
                          "retrying later", seq, self.path, exc.strerror or exc)
                return None
            self._pending -= pending
            self._written_any = True
            return checkpoint

    def write(self, seq: int, head: str) -> Checkpoint:
        """Checkpoint (seq, head) now: for an entry verified by the caller."""
        with self._lock:
            return self._write(seq, head)

    def _write(self, seq: int, head: str) -> Checkpoint:
        checkpoint = make_checkpoint(self.keys, seq=seq, head=head, file=self.path)
        append_line(self.path, checkpoint)
        self.written += 1
        try:
            self.graph.write_once("write/audit_record_checkpoint",
                                  checkpoint=checkpoint.model_dump())
        except Exception as exc:  # noqa: BLE001 - the file has it; the copy is a second witness
            log.warning("copy of the access-log checkpoint of entry %d not stored in the "
                        "database (%s)", seq, type(exc).__name__)
        return checkpoint
