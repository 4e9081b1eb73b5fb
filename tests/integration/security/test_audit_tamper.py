"""The access log against someone who can write to the database but does not hold its keys
(docs/security.md, "Threat model"), against the real Neo4j: rewrites with every unkeyed hash
recomputed, a removed tail, a whole new chain, a wrong key, a damaged checkpoint file.

The attacker's tools are the database (read and write everything) and the log's format (the
unkeyed hash is public); not the audit key and not the checkpoint signing key."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from genogram_service.container import Services
from genogram_service.db import Graph
from genogram_service.security.access import Action, Actor, Role
from genogram_service.security.audit import AccessEvent, AuditLog
from genogram_service.security.audit_crypto import (
    GENESIS,
    KEYED_FIELDS,
    AuditKeys,
    canonical,
    generate_audit_secrets,
    legacy_hash,
)
from genogram_service.settings import Settings
from tests.support.fixtures import ClientFactory

ADMIN = Actor(user_id="u-1", username="tester", role=Role.admin)


def record(log: AuditLog, n: int, actor: Actor = ADMIN) -> AccessEvent:
    return log.record(actor, Action.read, subjects=[f"p-{n}"], resource="person",
                      outcome="allowed", purpose="test")


def fill(log: AuditLog, count: int) -> None:
    for n in range(count):
        record(log, n)


def checkpoint(log: AuditLog) -> None:
    """Checkpoint what this log appended (the writer may have done so already)."""
    log.checkpoints.flush()


def run(graph: Graph, query: str, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = graph.driver.execute_query(query, params, database_="neo4j")
    return [r.data() for r in records]


# ------------------------------------------------------------------ the attacker's tools

def entries(graph: Graph) -> list[dict[str, Any]]:
    return [r["event"] for r in graph.read("read/audit_events_by_seq", after_seq=0,
                                           limit=1_000_000)]


def store(graph: Graph, events: list[dict[str, Any]]) -> None:
    """Write ``events`` over the stored entries of their seq and make the last one the head."""
    run(graph, "UNWIND $events AS ev MERGE (e:AccessEvent {seq: ev.seq}) SET e = ev",
        events=[{k: v for k, v in e.items() if v is not None} for e in events])
    run(graph, "MATCH (h:AuditHead) SET h.seq = $seq, h.hash = $hash",
        seq=events[-1]["seq"], hash=events[-1]["hash"])


def rechain(events: list[dict[str, Any]], prev: str, how: str) -> list[dict[str, Any]]:
    """Recompute every link and hash after ``prev`` the way an attacker can: the unkeyed hash
    (keeping or dropping the key id), or an HMAC with a key of their own."""
    out = []
    for event in events:
        event = {**event, "prev_hash": prev}
        if how == "sha256, key id dropped":
            event["key_id"] = None
        if how == "hmac with a guessed key":
            text = prev + "\n" + canonical(event, KEYED_FIELDS)
            event["hash"] = hmac.new(b"g" * 48, text.encode(), hashlib.sha256).hexdigest()
        else:
            event["hash"] = legacy_hash(event)
        prev = event["hash"]
        out.append(event)
    return out


def cut_tail(graph: Graph, keep: int) -> None:
    """Delete every entry after ``keep`` and point the head at entry ``keep``."""
    last = entries(graph)[keep - 1]
    run(graph, "MATCH (e:AccessEvent) WHERE e.seq > $keep DELETE e", keep=keep)
    run(graph, "MATCH (h:AuditHead) SET h.seq = $seq, h.hash = $hash", seq=keep,
        hash=last["hash"])


def forged_chain(template: dict[str, Any], count: int) -> list[dict[str, Any]]:
    """A complete chain of ``count`` unkeyed entries (the original format), computed afresh."""
    events = [{**template, "seq": n, "event_id": f"forged-{n}", "username": "nobody",
               "key_id": None} for n in range(1, count + 1)]
    return rechain(events, GENESIS, "sha256, key id dropped")


# ------------------------------------------------------------------ the normal path

def test_a_sound_log_verifies_against_its_checkpoints(services: Services,
                                                      client_as: ClientFactory) -> None:
    fill(services.audit, 30)
    checkpoint(services.audit)
    verdict = services.audit.verify()
    assert verdict.ok, verdict
    assert verdict.entries == 30 and verdict.keyed_from == 1
    assert verdict.checkpoints >= 1 and verdict.last_checkpoint_seq == 30
    assert verdict.after_last_checkpoint == 0 and verdict.checkpoint_problems == []
    lines = services.audit.checkpoints.path.read_text().splitlines()
    copies = run(services.graph, "MATCH (c:AuditCheckpoint) RETURN c.sig AS sig")
    assert {json.loads(line)["sig"] for line in lines} == {c["sig"] for c in copies}
    # the auditors' endpoint answers the same verdict (its own read adds an entry: 31)
    body = client_as(Role.auditor).get("/audit/verify").json()
    assert body["ok"] is True and body["keyed_from"] == 1 and body["checkpoints"] >= 1
    assert body["last_checkpoint_seq"] >= 30 and body["checkpoint_problems"] == []


# ------------------------------------------------------------------ rewriting

@pytest.mark.parametrize(("how", "reason"), [
    ("sha256, key id kept", "does not match its keyed MAC"),
    ("sha256, key id dropped", "unkeyed entry after keyed ones"),
    ("hmac with a guessed key", "does not match its keyed MAC"),
])
def test_a_rewritten_entry_is_detected_with_every_hash_after_it_recomputed(
        services: Services, how: str, reason: str) -> None:
    fill(services.audit, 20)
    checkpoint(services.audit)
    fill(services.audit, 5)  # 21-25: after the last checkpoint, guarded by their MACs alone
    assert services.audit.verify().ok
    chain = entries(services.graph)
    chain[21]["username"] = "someone-else"  # entry 22
    store(services.graph, chain[:21] + rechain(chain[21:], chain[20]["hash"], how))
    verdict = services.audit.verify()
    assert not verdict.ok and verdict.first_broken_seq == 22
    assert reason in (verdict.reason or ""), verdict.reason
    assert verdict.first_broken_event_id == chain[21]["event_id"]


def test_a_rewrite_from_the_first_entry_is_detected_at_the_checkpoint(
        services: Services) -> None:
    """Every entry recomputed as an unkeyed one: a consistent chain of the original format,
    which only the signed checkpoint can tell from the real one."""
    fill(services.audit, 12)
    checkpoint(services.audit)
    chain = entries(services.graph)
    chain[4]["outcome"] = "denied"
    store(services.graph, rechain(chain, GENESIS, "sha256, key id dropped"))
    verdict = services.audit.verify()
    assert not verdict.ok and verdict.first_broken_seq == 1  # the first commit's checkpoint
    assert "differs from the signed checkpoint" in (verdict.reason or "")


@pytest.mark.parametrize("length", [5, 12, 30])
def test_a_whole_new_chain_is_detected(services: Services, length: int) -> None:
    fill(services.audit, 12)
    checkpoint(services.audit)
    template = entries(services.graph)[0]
    # everything in the database replaced: the entries, the head, the checkpoint copies
    run(services.graph, "MATCH (n) WHERE n:AccessEvent OR n:AuditCheckpoint DELETE n")
    store(services.graph, forged_chain(template, length))
    assert run(services.graph, "MATCH (c:AuditCheckpoint) RETURN count(c) AS n")[0]["n"] == 0
    verdict = services.audit.verify()
    # the first checkpoint is of entry 1: a process anchors its first commit at once
    assert not verdict.ok and verdict.first_broken_seq == 1
    assert "differs from the signed checkpoint" in (verdict.reason or "")
    # without that one, the last checkpoint (entry 12) still tells
    lines = services.audit.checkpoints.path.read_text().splitlines(keepends=True)
    services.audit.checkpoints.path.write_text("".join(
        line for line in lines if json.loads(line)["seq"] != 1))
    verdict = services.audit.verify()
    assert not verdict.ok and verdict.first_broken_seq == min(length + 1, 12)
    assert ("were removed (truncated)" if length < 12 else "differs from the signed checkpoint"
            ) in (verdict.reason or "")


# ------------------------------------------------------------------ deleting

def test_a_removed_tail_is_detected_against_the_checkpoint(services: Services) -> None:
    fill(services.audit, 20)
    checkpoint(services.audit)
    cut_tail(services.graph, 15)
    run(services.graph, "MATCH (c:AuditCheckpoint) DELETE c")  # the copies do not matter
    verdict = services.audit.verify()
    assert not verdict.ok and verdict.entries == 15 and verdict.first_broken_seq == 16
    assert "entries 16-20 were removed (truncated)" in (verdict.reason or "")
    # the service appends on after the cut: entries 16-20 come again, with other content
    for n in range(10):
        record(services.audit, 100 + n)
    verdict = services.audit.verify()
    assert not verdict.ok and verdict.first_broken_seq == 20
    assert "differs from the signed checkpoint" in (verdict.reason or "")


def test_removing_entries_after_the_last_checkpoint_goes_unnoticed(services: Services) -> None:
    """The documented limit: entries not yet checkpointed can be cut from the end; verify
    says how many entries are in that position."""
    fill(services.audit, 10)
    checkpoint(services.audit)
    fill(services.audit, 5)
    before = services.audit.verify()
    assert before.ok and before.after_last_checkpoint == 5
    cut_tail(services.graph, 10)
    after = services.audit.verify()
    assert after.ok and after.entries == 10 and after.after_last_checkpoint == 0


def test_a_removed_entry_in_the_middle_is_a_gap(services: Services) -> None:
    fill(services.audit, 6)
    run(services.graph, "MATCH (e:AccessEvent {seq: 3}) DELETE e")
    verdict = services.audit.verify()
    assert not verdict.ok and verdict.first_broken_seq == 4 and "gap" in (verdict.reason or "")


# ------------------------------------------------------------------ keys

def test_a_wrong_key_fails_clearly(services: Services, settings: Settings) -> None:
    fill(services.audit, 5)
    checkpoint(services.audit)
    path = services.audit.checkpoints.path
    fresh = generate_audit_secrets()
    mac_key = settings.audit_key.get_secret_value()  # type: ignore[union-attr]
    signing = settings.audit_signing_key.get_secret_value()  # type: ignore[union-attr]

    wrong_mac = AuditLog(services.graph, AuditKeys.create(fresh["GENOGRAM_AUDIT_KEY"], signing),
                         checkpoint_file=path)
    verdict = wrong_mac.verify()
    assert not verdict.ok and verdict.first_broken_seq == 1
    assert f"written with audit key {services.audit.keys.current}, which is not configured" \
        in (verdict.reason or "")
    assert wrong_mac.keys.current in (verdict.reason or "")

    wrong_signer = AuditLog(services.graph,
                            AuditKeys.create(mac_key, fresh["GENOGRAM_AUDIT_SIGNING_KEY"]),
                            checkpoint_file=path)
    verdict = wrong_signer.verify()
    assert not verdict.ok and verdict.first_broken_seq is None
    assert verdict.checkpoint_problems
    assert all("which is not configured" in p for p in verdict.checkpoint_problems)


def test_after_a_rotation_the_old_keys_verify_what_they_wrote(services: Services,
                                                             settings: Settings) -> None:
    fill(services.audit, 5)
    checkpoint(services.audit)
    fresh = generate_audit_secrets()
    rotated = AuditLog(services.graph, AuditKeys.create(
        fresh["GENOGRAM_AUDIT_KEY"], fresh["GENOGRAM_AUDIT_SIGNING_KEY"],
        old_mac_keys=[settings.audit_key.get_secret_value()],  # type: ignore[union-attr]
        old_verify_keys=[services.audit.keys.public_key]),
        checkpoint_file=services.audit.checkpoints.path)
    try:
        fill(rotated, 5)
        checkpoint(rotated)
        verdict = rotated.verify()
        assert verdict.ok, verdict
        assert verdict.entries == 10 and verdict.last_checkpoint_seq == 10
        assert {e.get("key_id") for e in entries(services.graph)} == {
            services.audit.keys.current, rotated.keys.current}
    finally:
        rotated.close()


# ------------------------------------------------------------------ the checkpoint file

def test_a_damaged_checkpoint_file_is_reported(services: Services) -> None:
    log = services.audit
    fill(log, 3)
    checkpoint(log)
    fill(log, 3)
    checkpoint(log)
    path = log.checkpoints.path
    good = path.read_bytes()
    lines = good.splitlines(keepends=True)
    assert len(lines) >= 2 and log.verify().ok

    def problems_with(content: bytes | None) -> list[str]:
        if content is None:
            path.unlink()
        else:
            path.write_bytes(content)
        verdict = log.verify()
        path.write_bytes(good)
        assert not verdict.ok and verdict.first_broken_seq is None  # the chain is sound
        assert verdict.reason == verdict.checkpoint_problems[0]
        return verdict.checkpoint_problems

    edited = json.loads(lines[0])
    edited["seq"] += 1
    assert "the signature does not verify" in problems_with(
        json.dumps(edited).encode() + b"\n" + b"".join(lines[1:]))[0]
    assert "cut off" in problems_with(good[:-20])[0]
    assert "lacks the checkpoint of entry 6" in problems_with(b"".join(lines[:-1]))[0]
    assert all("lacks the checkpoint" in p for p in problems_with(None))
    assert log.verify().ok
    # a checkpoint copy forged in the database: the database writer has no signing key
    copy = run(services.graph, "MATCH (c:AuditCheckpoint) RETURN c {.*} AS c LIMIT 1")[0]["c"]
    run(services.graph, "CREATE (c:AuditCheckpoint) SET c = $c, c.seq = 6, c.head = $head",
        c=copy, head="f" * 64)
    verdict = log.verify()
    assert not verdict.ok
    assert any("has no valid signature" in p for p in verdict.checkpoint_problems)


def test_checkpoints_fall_due_by_count_by_time_and_at_close(graph: Graph, settings: Settings,
                                                           tmp_path: Path) -> None:
    path = tmp_path / "checkpoints.jsonl"
    log = AuditLog(graph, AuditKeys.from_settings(settings), checkpoint_file=path,
                   checkpoint_every=10, checkpoint_seconds=1.0)

    def seqs() -> list[int]:
        return [json.loads(line)["seq"] for line in path.read_text().splitlines()] \
            if path.exists() else []

    def wait_for(n: int) -> None:
        deadline = time.monotonic() + 10
        while log.checkpoints.written < n and time.monotonic() < deadline:
            time.sleep(0.02)

    try:
        record(log, 1)  # the first commit of a process is anchored at once
        wait_for(1)
        assert seqs() == [1]
        fill(log, 25)  # one commit each: every 10th entry since the last checkpoint
        written = log.checkpoints.written
        wait_for(written + 1)  # idle: the entries since 21 within a second
        assert {1, 11, 21, 26} <= set(seqs())
        fill(log, 2)
    finally:
        log.close()  # and the last ones at shutdown
    assert seqs() == sorted(seqs()) and seqs()[-1] == 28
    verdict = AuditLog(graph, AuditKeys.from_settings(settings), checkpoint_file=path).verify()
    assert verdict.ok and verdict.last_checkpoint_seq == 28


def test_several_writers_share_one_file(services: Services, settings: Settings) -> None:
    logs = [services.audit, *(AuditLog(services.graph, AuditKeys.from_settings(settings),
                                       checkpoint_file=services.audit.checkpoints.path,
                                       checkpoint_every=3) for _ in range(2))]

    def worker(log: AuditLog, base: int) -> None:
        for n in range(12):
            record(log, base + n)

    threads = [threading.Thread(target=worker, args=(log, 100 * i))
               for i, log in enumerate(logs * 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for log in logs[1:]:
        log.close()
    checkpoint(services.audit)
    lines = services.audit.checkpoints.path.read_text().splitlines()
    assert len(lines) >= 8 and all(json.loads(line)["sig"] for line in lines)
    verdict = services.audit.verify()
    assert verdict.ok, verdict
    assert verdict.entries == 72 and verdict.last_checkpoint_seq == 72
    assert verdict.checkpoints == len(lines)


def test_no_names_reasons_or_subjects_in_checkpoints(services: Services) -> None:
    glass = Actor(user_id="u-2", username="sanne.devries", role=Role.case_worker,
                  professional_id="pro-1", break_glass_reason="Noodgeval: kind in gevaar")
    services.audit.record(glass, Action.read, subjects=["p-geheim"], resource="person",
                          outcome="allowed", purpose="care")
    checkpoint(services.audit)
    text = services.audit.checkpoints.path.read_text()
    copies = json.dumps(run(services.graph, "MATCH (c:AuditCheckpoint) RETURN c {.*} AS c"))
    assert text and copies
    for secret in ("sanne", "Noodgeval", "gevaar", "p-geheim", "pro-1", "u-2"):
        assert secret not in text and secret not in copies


# ------------------------------------------------------------------ logs from before the key

def legacy_log(graph: Graph, count: int) -> None:
    """A chain as the service wrote it before the access log had a key."""
    template = {
        "event_id": "", "at": dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC), "user_id": "u-old",
        "username": "old", "role": "admin", "action": "read", "resource": "person",
        "subjects": ["p-1"], "purpose": "care", "outcome": "allowed", "break_glass": False,
    }
    events = [{**template, "seq": n, "event_id": f"old-{n}"} for n in range(1, count + 1)]
    run(graph, "MERGE (h:AuditHead {id: 'access-log'}) SET h.seq = 0, h.hash = $g", g=GENESIS)
    store(graph, rechain(events, GENESIS, "sha256, key id dropped"))


def test_a_log_from_before_the_key_still_verifies_and_is_anchored(services: Services) -> None:
    legacy_log(services.graph, 8)
    fill(services.audit, 4)  # chained with the key after the unkeyed entries
    checkpoint(services.audit)
    verdict = services.audit.verify()
    assert verdict.ok, verdict
    assert verdict.entries == 12 and verdict.keyed_from == 9
    # an old entry rewritten, the unkeyed hashes after it recomputed: the first keyed entry's
    # link no longer matches, and it cannot be recomputed without the key
    chain = entries(services.graph)
    chain[2]["username"] = "someone-else"
    store(services.graph, rechain(chain[2:8], chain[1]["hash"], "sha256, key id dropped"))
    verdict = services.audit.verify()
    assert not verdict.ok and verdict.first_broken_seq == 9
    # ... and the keyed ones recomputed as unkeyed ones too: the checkpoints tell
    store(services.graph, rechain(chain[2:], chain[1]["hash"], "sha256, key id dropped"))
    verdict = services.audit.verify()
    assert not verdict.ok and verdict.first_broken_seq == 9
    assert "differs from the signed checkpoint" in (verdict.reason or "")


def test_an_unkeyed_log_is_anchored_by_an_explicit_checkpoint(services: Services) -> None:
    legacy_log(services.graph, 8)
    verdict = services.audit.verify()
    assert verdict.ok and verdict.keyed_from is None and verdict.checkpoints == 0
    _, written = services.audit.anchor()
    assert written is not None and written.seq == 8
    chain = entries(services.graph)
    chain[0]["username"] = "someone-else"
    store(services.graph, rechain(chain, GENESIS, "sha256, key id dropped"))
    verdict = services.audit.verify()
    assert not verdict.ok and verdict.first_broken_seq == 8
    assert "differs from the signed checkpoint" in (verdict.reason or "")
    # a broken log is not anchored
    result, written = services.audit.anchor()
    assert written is None and not result.ok
