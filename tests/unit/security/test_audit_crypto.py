"""The access log's keyed MAC, checkpoint signatures and checkpoint file format, without a
database."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from genogram_service.errors import MissingSecrets
from genogram_service.security.audit_checkpoints import (
    Checkpoint,
    append_line,
    make_checkpoint,
    read_file,
)
from genogram_service.security.audit_crypto import (
    GENESIS,
    HASHED_FIELDS,
    AuditKeys,
    generate_audit_secrets,
    legacy_hash,
)


def keys(**kwargs: Any) -> AuditKeys:
    fresh = generate_audit_secrets()
    return AuditKeys.create(fresh["GENOGRAM_AUDIT_KEY"], fresh["GENOGRAM_AUDIT_SIGNING_KEY"],
                            **kwargs)


def entry(k: AuditKeys, **changes: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "seq": 1, "event_id": "e1", "at": dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
        "user_id": "u-1", "username": "ann", "role": "case_worker", "professional_id": "pro-1",
        "organisation_id": None, "action": "read", "resource": "person", "subjects": ["p-1"],
        "purpose": "care", "outcome": "allowed", "break_glass": False,
        "break_glass_reason": None, "request_id": "r-1", "prev_hash": GENESIS,
        "key_id": k.current,
    }
    return {**event, **changes}


def test_the_mac_covers_every_field_the_link_and_the_key() -> None:
    k = keys()
    base = entry(k)
    mac = k.entry_mac(base)
    assert mac == k.entry_mac(dict(base)) and len(mac) == 64
    changed = {"seq": 2, "event_id": "e2", "username": "bob", "subjects": ["p-2"],
               "outcome": "denied", "break_glass": True, "break_glass_reason": "x",
               "prev_hash": "1" * 64, "at": dt.datetime(2026, 1, 2, 3, 4, 6, tzinfo=dt.UTC)}
    for name, value in changed.items():
        assert k.entry_mac({**base, name: value}) != mac, name
    # the same entry under another key: another MAC (and another key id)
    other = keys()
    assert other.current != k.current
    assert other.entry_mac({**base, "key_id": other.current}) != mac
    # a key id that is not configured cannot be used
    with pytest.raises(KeyError):
        k.entry_mac({**base, "key_id": other.current})
    # the same moment in another zone is the same entry
    assert k.entry_mac({**base, "at": base["at"].astimezone(dt.timezone(dt.timedelta(hours=2)))
                        }) == mac


def test_the_mac_cannot_be_computed_without_the_key() -> None:
    """The unkeyed hash anyone can compute (the old format) is not the MAC."""
    k = keys()
    event = entry(k)
    assert legacy_hash(event) != k.entry_mac(event)
    text = event["prev_hash"] + "\n" + json.dumps(
        {f: (v.isoformat() if isinstance(v := event.get(f), dt.datetime) else v)
         for f in HASHED_FIELDS}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    # the unkeyed hash is still the one of the first version (entries written before the key)
    assert legacy_hash(event) == hashlib.sha256(text.encode()).hexdigest()


def test_keys_are_checked_without_echoing_them() -> None:
    fresh = generate_audit_secrets()
    with pytest.raises(MissingSecrets, match="shorter than 32"):
        AuditKeys.create("short-key", fresh["GENOGRAM_AUDIT_SIGNING_KEY"])
    with pytest.raises(MissingSecrets) as bad:
        AuditKeys.create(fresh["GENOGRAM_AUDIT_KEY"], "not-a-key-at-all")
    assert "not-a-key-at-all" not in str(bad.value)
    with pytest.raises(MissingSecrets, match="VERIFY_KEYS"):
        AuditKeys.create(fresh["GENOGRAM_AUDIT_KEY"], fresh["GENOGRAM_AUDIT_SIGNING_KEY"],
                         old_verify_keys=["AAAA"])
    # a key id names the key without revealing it
    k = AuditKeys.create(fresh["GENOGRAM_AUDIT_KEY"], fresh["GENOGRAM_AUDIT_SIGNING_KEY"])
    assert k.current not in fresh["GENOGRAM_AUDIT_KEY"] and len(k.current) == 16


def test_old_keys_verify_what_they_wrote() -> None:
    old_secret = generate_audit_secrets()
    old = AuditKeys.create(old_secret["GENOGRAM_AUDIT_KEY"],
                           old_secret["GENOGRAM_AUDIT_SIGNING_KEY"])
    event = entry(old)
    fields = {"format": "x", "seq": 1, "key": old.public_key_id}
    signature = old.sign(fields)
    new = keys(old_mac_keys=[old_secret["GENOGRAM_AUDIT_KEY"]],
               old_verify_keys=[old.public_key])
    assert new.current != old.current
    assert new.entry_mac(event) == old.entry_mac(event)
    assert new.signature_ok(fields, signature)
    assert not keys().signature_ok(fields, signature)  # without the old public key


def test_signatures_break_on_any_change() -> None:
    k = keys()
    fields = {"format": "genogram-audit-checkpoint/1", "seq": 7, "head": "a" * 64,
              "at": "2026-01-01T00:00:00.000+00:00", "writer": "h:1", "file": "/x",
              "key": k.public_key_id}
    signature = k.sign(fields)
    assert k.signature_ok(fields, signature)
    for name, value in (("seq", 8), ("head", "b" * 64), ("at", "2026-01-01T00:00:01"),
                        ("file", "/y")):
        assert not k.signature_ok({**fields, name: value}, signature), name
    assert not k.signature_ok(fields, signature[:-4] + "AAA=")
    assert not k.signature_ok(fields, "!!not base64!!")


def test_checkpoint_lines_round_trip(tmp_path: Path) -> None:
    k = keys()
    path = tmp_path / "sub" / "checkpoints.jsonl"
    written = [make_checkpoint(k, seq=n, head=f"{n:064x}", file=path) for n in (1, 5, 9)]
    for checkpoint in written:
        append_line(path, checkpoint)
    reading = read_file(path)
    assert reading.exists and not reading.problems
    assert [(n, c) for n, c in reading.checkpoints] == list(enumerate(written, start=1))
    assert all(k.signature_ok(c.signed_fields(), c.sig) for _, c in reading.checkpoints)
    # one line each, nothing but numbers, hashes, a time, the writer, the path and a key id
    assert set(json.loads(path.read_text().splitlines()[0])) == set(Checkpoint.model_fields)


def test_damaged_checkpoint_files_are_reported(tmp_path: Path) -> None:
    k = keys()
    path = tmp_path / "checkpoints.jsonl"
    assert read_file(path).exists is False
    for n in (1, 2, 3):
        append_line(path, make_checkpoint(k, seq=n, head=f"{n:064x}", file=path))
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(lines[0] + b'{"seq": 2, "head": "00"}\n' + lines[2][:40])
    reading = read_file(path)
    assert [n for n, _ in reading.checkpoints] == [1]
    assert len(reading.problems) == 2
    assert "line 2: not a checkpoint" in reading.problems[0]
    assert "line 3: cut off" in reading.problems[1]
