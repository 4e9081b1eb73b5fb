"""All configuration, from the environment (prefix ``GENOGRAM_``) or a ``.env`` file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


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
    local_db_dir: Path = PROJECT_ROOT / "var" / "neo4j"
    local_db_port: int = 7687
    local_db_heap: str = "2g"
    local_db_start_timeout_s: float = 180.0

    # --- Secrets for the BSN: Fernet key (encryption) and HMAC key (exact lookup)
    bsn_encryption_key: SecretStr | None = Field(
        default=None, description="urlsafe-base64 32-byte Fernet key"
    )
    bsn_hash_key: SecretStr | None = Field(default=None, description="HMAC-SHA256 key, >= 32 chars")
    dev_secrets_file: Path = PROJECT_ROOT / "var" / "dev-secrets.env"

    # --- Authentication and access control
    jwt_secret: SecretStr | None = Field(default=None, description="HMAC key for bearer tokens")
    jwt_ttl_minutes: int = 60
    jwt_issuer: str = "genogram-service"
    pseudonym_key: SecretStr | None = Field(default=None, description="HMAC key for analysts' "
                                            "pseudonyms (stable per key)")
    #: a case worker keeps access this many days after their assignment ended
    need_to_know_grace_days: int = 30
    #: analysts: counts below this are suppressed in aggregates
    analyst_min_count: int = 5
    #: retention (domain.md): youth-care files 20 years after a case closes; signals 2 years
    retention_case_years: int = 20
    retention_signal_years: int = 2

    # --- API
    host: str = "127.0.0.1"
    port: int = 8000
    max_body_bytes: int = 20 * 1024 * 1024

    # --- Bulk import
    import_batch_size: int = 10_000
    #: bundles up to this many records are written in one transaction (all or nothing);
    #: larger ones commit batch by batch and report which batches committed (resumable).
    import_single_tx_limit: int = 50_000

    @property
    def uses_local_db(self) -> bool:
        return not self.neo4j_uri

    @property
    def effective_neo4j_uri(self) -> str:
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.local_db_port}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
