"""BSN protection: Fernet encryption for storage, a keyed HMAC for exact lookup."""

from __future__ import annotations

import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken

from genogram_service.errors import GenogramError, MissingSecrets
from genogram_service.security.audit_crypto import generate_audit_secrets
from genogram_service.settings import Settings


class BsnVault:
    """Encrypts and hashes BSNs with keys from settings. Never logs or returns plaintext
    unless :meth:`decrypt` is called for a caller allowed to see it."""

    def __init__(self, encryption_key: str, hash_key: str) -> None:
        self._fernet = Fernet(encryption_key.encode())
        if len(hash_key) < 32:
            raise MissingSecrets("GENOGRAM_BSN_HASH_KEY must be at least 32 characters")
        self._hash_key = hash_key.encode()

    @classmethod
    def from_settings(cls, settings: Settings) -> BsnVault:
        if settings.bsn_encryption_key is None or settings.bsn_hash_key is None:
            raise MissingSecrets(
                "Set GENOGRAM_BSN_ENCRYPTION_KEY and GENOGRAM_BSN_HASH_KEY "
                "(`genogram secrets generate` prints fresh ones)."
            )
        return cls(
            settings.bsn_encryption_key.get_secret_value(),
            settings.bsn_hash_key.get_secret_value(),
        )

    def encrypt(self, bsn: str) -> str:
        return self._fernet.encrypt(bsn.encode()).decode()

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken as exc:
            raise GenogramError("A stored BSN cannot be decrypted with the configured key") from exc

    def digest(self, bsn: str) -> str:
        return hmac.new(self._hash_key, bsn.encode(), hashlib.sha256).hexdigest()


def generate_secrets() -> dict[str, str]:
    """Fresh keys for every secret setting, e.g. for a development ``.env``."""
    import secrets

    return {
        "GENOGRAM_BSN_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "GENOGRAM_BSN_HASH_KEY": secrets.token_urlsafe(48),
        "GENOGRAM_JWT_SECRET": secrets.token_urlsafe(48),
        "GENOGRAM_PSEUDONYM_KEY": secrets.token_urlsafe(48),
        **generate_audit_secrets(),
    }
