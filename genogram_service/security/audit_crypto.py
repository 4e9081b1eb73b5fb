"""The access log's keys and what they compute: the keyed MAC that chains its entries and the
Ed25519 signature on its checkpoints (the threat model is in docs/security.md).

- **Entries**: ``hash = HMAC-SHA256(audit key, prev_hash + "\\n" + canonical JSON)``, the
  canonical JSON covering every field of :data:`KEYED_FIELDS`, among them ``key_id``, the
  fingerprint of the key used. Without the key nobody can compute a valid entry, so a rewrite
  of the log by someone who can only write to the database is detected even when every hash
  after it is recomputed. Entries written before the key existed carry the unkeyed
  ``sha256(prev_hash + "\\n" + canonical JSON of HASHED_FIELDS)`` and no ``key_id``.
- **Checkpoints**: (sequence number, head, time) signed with Ed25519, so that verification
  needs only the public key (an archive receiving checkpoints can check them without a secret,
  and a host that only verifies cannot forge one). They anchor the chain from outside the
  database: :mod:`genogram_service.security.audit_checkpoints`.

The keys come from settings and are never written to Neo4j; only their fingerprints are
(``key_id`` on entries, ``key`` on checkpoints), to name the key a verification needs.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import json
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from genogram_service.errors import MissingSecrets
from genogram_service.settings import Settings

GENESIS = "0" * 64
#: the fields of an entry covered by its hash, in a fixed order (adding one is a format change)
HASHED_FIELDS = (
    "seq", "event_id", "at", "user_id", "username", "role", "professional_id",
    "organisation_id", "action", "resource", "subjects", "purpose", "outcome", "break_glass",
    "break_glass_reason", "request_id", "prev_hash",
)
#: ... and by its keyed MAC: the key's fingerprint too, so it cannot be swapped unnoticed
KEYED_FIELDS = (*HASHED_FIELDS, "key_id")
MIN_KEY_LENGTH = 32
#: put in front of what a checkpoint signs, so the signature means nothing anywhere else
CHECKPOINT_DOMAIN = b"genogram access-log checkpoint v1\n"


def canonical(event: Mapping[str, Any], fields: Iterable[str]) -> str:
    def norm(value: Any) -> Any:
        if isinstance(value, dt.datetime):
            return value.astimezone(dt.UTC).isoformat()
        return value

    return json.dumps({k: norm(event.get(k)) for k in fields}, sort_keys=True,
                      separators=(",", ":"), ensure_ascii=False)


def legacy_hash(event: Mapping[str, Any]) -> str:
    """The unkeyed hash of an entry written before the access log had a key."""
    text = event["prev_hash"] + "\n" + canonical(event, HASHED_FIELDS)
    return hashlib.sha256(text.encode()).hexdigest()


def mac_key_id(key: bytes) -> str:
    """A key's fingerprint: a MAC of a constant, which says which key but not the key."""
    return hmac.new(key, b"genogram access-log key id", hashlib.sha256).hexdigest()[:16]


def public_key_id(key: Ed25519PublicKey) -> str:
    return hashlib.sha256(key.public_bytes_raw()).hexdigest()[:16]


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text.strip().encode() + b"=" * (-len(text.strip()) % 4))


def private_key(text: str) -> Ed25519PrivateKey:
    try:
        return Ed25519PrivateKey.from_private_bytes(_unb64(text))
    except (ValueError, binascii.Error):
        raise MissingSecrets("GENOGRAM_AUDIT_SIGNING_KEY is not an Ed25519 private key "
                             "(urlsafe base64 of 32 bytes; `genogram secrets generate`)") from None


def public_key(text: str) -> Ed25519PublicKey:
    try:
        return Ed25519PublicKey.from_public_bytes(_unb64(text))
    except (ValueError, binascii.Error):
        raise MissingSecrets("GENOGRAM_AUDIT_VERIFY_KEYS holds a value that is not an Ed25519 "
                             "public key (urlsafe base64 of 32 bytes)") from None


def public_key_text(key: Ed25519PublicKey) -> str:
    return _b64(key.public_bytes_raw())


def generate_audit_secrets() -> dict[str, str]:
    """A fresh audit key and checkpoint signing key, in .env form."""
    return {
        "GENOGRAM_AUDIT_KEY": secrets.token_urlsafe(48),
        "GENOGRAM_AUDIT_SIGNING_KEY": _b64(Ed25519PrivateKey.generate().private_bytes_raw()),
    }


def _split(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


@dataclass(frozen=True)
class AuditKeys:
    """The keys of one process. ``mac_keys`` and ``verify_keys`` also hold the earlier keys
    (after a rotation), by fingerprint, so entries and checkpoints written with them still
    verify; new entries use ``current`` and new checkpoints ``signing_key``."""

    mac_keys: Mapping[str, bytes]
    current: str
    signing_key: Ed25519PrivateKey
    verify_keys: Mapping[str, Ed25519PublicKey]

    @classmethod
    def create(cls, mac_key: str, signing_key: str, *, old_mac_keys: Iterable[str] = (),
               old_verify_keys: Iterable[str] = ()) -> AuditKeys:
        for key in (mac_key, *old_mac_keys):
            if len(key) < MIN_KEY_LENGTH:
                raise MissingSecrets(f"an audit key (GENOGRAM_AUDIT_KEY, GENOGRAM_AUDIT_OLD_KEYS)"
                                     f" is shorter than {MIN_KEY_LENGTH} characters")
        current = mac_key.encode()
        macs = {mac_key_id(k.encode()): k.encode() for k in old_mac_keys}
        macs[mac_key_id(current)] = current
        signer = private_key(signing_key)
        verifiers = {public_key_id(k): k for k in map(public_key, old_verify_keys)}
        verifiers[public_key_id(signer.public_key())] = signer.public_key()
        return cls(mac_keys=macs, current=mac_key_id(current), signing_key=signer,
                   verify_keys=verifiers)

    @classmethod
    def from_settings(cls, settings: Settings) -> AuditKeys:
        if settings.audit_key is None or settings.audit_signing_key is None:
            raise MissingSecrets("Set GENOGRAM_AUDIT_KEY and GENOGRAM_AUDIT_SIGNING_KEY (the "
                                 "access log's keys; `genogram secrets generate` prints fresh "
                                 "ones)")
        old = settings.audit_old_keys.get_secret_value() if settings.audit_old_keys else None
        return cls.create(settings.audit_key.get_secret_value(),
                          settings.audit_signing_key.get_secret_value(),
                          old_mac_keys=_split(old),
                          old_verify_keys=_split(settings.audit_verify_keys))

    # ------------------------------------------------------------------ entries

    def entry_mac(self, event: Mapping[str, Any]) -> str:
        """The MAC of an entry, with the key its ``key_id`` names (KeyError: not configured)."""
        key = self.mac_keys[event["key_id"]]
        text = event["prev_hash"] + "\n" + canonical(event, KEYED_FIELDS)
        return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()

    # ------------------------------------------------------------------ checkpoints

    @property
    def public_key(self) -> str:
        return public_key_text(self.signing_key.public_key())

    @property
    def public_key_id(self) -> str:
        return public_key_id(self.signing_key.public_key())

    def sign(self, fields: Mapping[str, Any]) -> str:
        return _b64(self.signing_key.sign(CHECKPOINT_DOMAIN + _signed(fields)))

    def signature_ok(self, fields: Mapping[str, Any], signature: str) -> bool:
        """Whether ``signature`` is a signature of ``fields`` by the key its ``key`` names."""
        key = self.verify_keys.get(fields.get("key"))  # type: ignore[arg-type]
        if key is None:
            return False
        try:
            key.verify(_unb64(signature), CHECKPOINT_DOMAIN + _signed(fields))
        except (InvalidSignature, ValueError, binascii.Error):
            return False
        return True


def _signed(fields: Mapping[str, Any]) -> bytes:
    return json.dumps(dict(fields), sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode()
