"""All configuration, from the environment (prefix ``GENOGRAM_``), a ``.env`` file or, for a
local database, the development keys in ``dev_secrets_file`` (in that order of precedence)."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import Field, SecretStr
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    DotEnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

#: The package's parent folder: the repository in a checkout (an editable install),
#: site-packages when installed from a wheel. The package finds its own files (cypher/, render/,
#: schemas/) through genogram_service.resources; tests and benchmarks use this one.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: Where state goes unless configured (the local Neo4j's data, the development keys): var/ in a
#: checkout; an installed package must not write into site-packages, so the user's data folder.
VAR_DIR = (PROJECT_ROOT / "var" if (PROJECT_ROOT / "pyproject.toml").is_file()
           else Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
           / "genogram-service")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="GENOGRAM_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    # --- Neo4j. When neo4j_uri is unset, the local embedded Neo4j (neo4j-local/) is used.
    neo4j_uri: str | None = Field(default=None, description="e.g. bolt://db:7687, neo4j+s://...")
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr | None = None
    neo4j_database: str = "neo4j"
    neo4j_connection_timeout_s: float = 5.0

    # --- Local Neo4j (development and tests)
    local_db_dir: Path = VAR_DIR / "neo4j"
    local_db_port: int = 7687
    local_db_heap: str = "2g"
    local_db_start_timeout_s: float = 180.0

    # --- Secrets for the BSN: Fernet key (encryption) and HMAC key (exact lookup)
    bsn_encryption_key: SecretStr | None = Field(
        default=None, description="urlsafe-base64 32-byte Fernet key"
    )
    bsn_hash_key: SecretStr | None = Field(default=None, description="HMAC-SHA256 key, >= 32 chars")
    dev_secrets_file: Path = VAR_DIR / "dev-secrets.env"

    # --- Authentication and access control
    jwt_secret: SecretStr | None = Field(default=None, description="HMAC key for bearer tokens")
    jwt_ttl_minutes: int = 60
    jwt_issuer: str = "genogram-service"
    #: a token's or API key's user is looked up again (disabled? deleted? revoked?) at most
    #: this long after the last look-up in this process: the bound on how long a revoked
    #: credential keeps working in another API process
    auth_recheck_seconds: float = Field(default=5.0, gt=0, le=60)
    #: failed sign-ins of one account within login_window_seconds before it is locked out
    login_max_failures: int = Field(default=5, ge=1)
    #: failed sign-ins from one client address (whatever the accounts) before it is locked out
    login_address_max_failures: int = Field(default=30, ge=1)
    login_window_seconds: float = Field(default=900.0, gt=0)
    #: the first lockout; each further one in a row doubles it, up to login_lockout_max_seconds
    login_lockout_seconds: float = Field(default=60.0, gt=0)
    login_lockout_max_seconds: float = Field(default=3600.0, gt=0)
    #: password hashes (argon2, 19 MiB each) computed at once in a process; more waiting
    #: sign-ins than password_hash_queue are refused at once (429) instead of piling up
    password_hash_concurrency: int = Field(default=2, ge=1)
    password_hash_queue: int = Field(default=16, ge=0)
    pseudonym_key: SecretStr | None = Field(default=None, description="HMAC key for analysts' "
                                            "pseudonyms (stable per key)")
    #: a case worker keeps access this many days after their assignment ended
    need_to_know_grace_days: int = 30
    #: analysts: counts below this are suppressed in aggregates
    analyst_min_count: int = 5
    #: retention (domain.md): youth-care files 20 years after a case closes; signals 2 years
    retention_case_years: int = 20
    retention_signal_years: int = 2

    # --- The access log's keys and checkpoints (docs/security.md, "Threat model")
    audit_key: SecretStr | None = Field(default=None, description="HMAC-SHA256 key chaining "
                                        "the access log's entries, >= 32 chars")
    #: earlier audit keys, comma-separated: entries written with them still verify
    audit_old_keys: SecretStr | None = None
    audit_signing_key: SecretStr | None = Field(default=None, description="Ed25519 private "
                                                "key signing the checkpoints (urlsafe base64)")
    #: earlier checkpoint public keys, comma-separated (checkpoints signed before a rotation)
    audit_verify_keys: str | None = None
    #: the append-only file of signed checkpoints, outside the database. Unset: one file per
    #: database address under VAR_DIR (see effective_audit_checkpoint_file)
    audit_checkpoint_file: Path | None = None
    audit_checkpoint_every: int = Field(default=1000, ge=1, description="entries between "
                                        "checkpoints (per process)")
    audit_checkpoint_seconds: float = Field(default=60.0, gt=0, description="at most this "
                                            "long between an entry and its checkpoint")

    # --- Single sign-on (OpenID Connect); off while oidc_issuer is unset (docs/security.md)
    oidc_issuer: str | None = Field(default=None, description="the provider's issuer URL, e.g. "
                                    "https://login.example.nl/realms/jeugdzorg")
    oidc_client_id: str | None = None
    #: unset for a public client (PKCE alone)
    oidc_client_secret: SecretStr | None = None
    #: the name on the sign-in button ("Sign in with ...")
    oidc_display_name: str = "single sign-on"
    oidc_scopes: str = "openid profile email"
    #: the ID token claim whose value is the username of an account here
    oidc_username_claim: str = "preferred_username"
    #: this service's public address as the provider sees it (behind a proxy); the redirect
    #: URIs are this plus /ui/oidc/callback and /auth/oidc/callback. Unset: from the request
    oidc_redirect_base: str | None = None
    #: tolerated clock difference with the provider when checking the ID token's times
    oidc_leeway_seconds: int = Field(default=60, ge=0, le=300)
    oidc_timeout_s: float = 10.0
    #: sign-in with a local password (API and web viewer); switch off where SSO is the way in
    local_passwords: bool = True

    # --- API
    host: str = "127.0.0.1"
    port: int = 8000
    max_body_bytes: int = 20 * 1024 * 1024

    # --- Bulk import
    import_batch_size: int = 10_000
    #: bundles up to this many records are written in one transaction (all or nothing);
    #: larger ones commit batch by batch and report which batches committed (resumable).
    import_single_tx_limit: int = 50_000

    @classmethod
    def settings_customise_sources(
        cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource, dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, dotenv_settings, DevSecrets(settings_cls),
                file_secret_settings)

    @property
    def uses_local_db(self) -> bool:
        return not self.neo4j_uri

    @property
    def effective_neo4j_uri(self) -> str:
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.local_db_port}"

    @property
    def effective_audit_checkpoint_file(self) -> Path:
        """The configured checkpoint file, or one per database (address and name), so that
        two databases used from one machine (development, tests, benchmarks) never share one:
        a file's checkpoints are checked against the chain of the database they came from."""
        if self.audit_checkpoint_file is not None:
            return self.audit_checkpoint_file
        url = urlsplit(self.effective_neo4j_uri)
        name = f"{url.hostname or 'localhost'}_{url.port or 7687}_{self.neo4j_database}"
        return VAR_DIR / "audit-checkpoints" / (re.sub(r"[^A-Za-z0-9.-]", "_", name) + ".jsonl")


class DevSecrets(PydanticBaseSettingsSource):
    """The development keys that ``genogram serve`` creates in ``dev_secrets_file``, read as
    a dotenv file after the environment and ``.env`` (explicit configuration wins), and only
    while no external Neo4j is configured: the secrets of an external database are always
    configured explicitly, never taken from a development file left in the checkout."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False  # not asked: __call__ reads the whole file

    def __call__(self) -> dict[str, Any]:
        if self.current_state.get("neo4j_uri"):
            return {}
        path = self.current_state.get("dev_secrets_file") or \
            self.settings_cls.model_fields["dev_secrets_file"].default
        return DotEnvSettingsSource(self.settings_cls, env_file=Path(path))()


@lru_cache
def get_settings() -> Settings:
    return Settings()
