"""What the API is allowed to do, in one place: limits, mode, CORS and where tokens live.

Every limit is configurable (environment or `sahelkg serve` options) and has the default
the issue asked for. Production mode (the default) turns introspection and field
suggestions off and masks unexpected errors; `dev` mode is explicit and local only.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_TOKENS_FILE = Path("var/api/tokens.json")
DEFAULT_EXPORT_DIR = Path("var/api/exports")


@dataclass(frozen=True)
class Limits:
    """Per-request bounds; a request over any of them gets a GraphQL error naming it."""

    max_depth: int = 10
    max_aliases: int = 15
    max_tokens: int = 2000
    max_cost: int = 10_000
    max_page_size: int = 100
    default_page_size: int = 20
    max_body_bytes: int = 100_000
    timeout_s: float = 10.0
    max_batch: int = 5
    max_graph_nodes: int = 500
    """The bulk `graph` field returns at most this many nodes (and 4× as many edges)."""


@dataclass(frozen=True)
class ApiSettings:
    """How one API process behaves."""

    store_url: str | None = None
    limits: Limits = field(default_factory=Limits)
    dev: bool = False
    """Local development: requests without a token act as an analyst, introspection on."""
    debug: bool = False
    """Unmasked error messages (never in production)."""
    cors_origins: tuple[str, ...] = ()
    tokens_file: Path = DEFAULT_TOKENS_FILE
    export_dir: Path = DEFAULT_EXPORT_DIR
    """Where download links draw their files (private, removed once sent)."""
    trusted_documents: Path | None = None
    """A JSON file {sha256: query}; when set, only those documents run (by hash or text)."""
    response_cache_entries: int = 2048
    """Responses to repeated read-only queries kept per process (0: off); see response_cache."""
    response_cache_bytes: int = 64 * 2**20
    """Bytes of response bodies kept per process at most."""

    @property
    def introspection(self) -> bool:
        return self.dev or self.debug


def settings_from_env(**overrides: object) -> ApiSettings:
    """Settings from `SAHELKG_*` variables, then explicit overrides (from the CLI)."""
    env = os.environ
    values: dict[str, object] = {
        "store_url": env.get("SAHELKG_STORE"),
        "dev": env.get("SAHELKG_API_DEV", "") == "1",
        "debug": env.get("SAHELKG_API_DEBUG", "") == "1",
        "tokens_file": Path(env.get("SAHELKG_TOKENS_FILE", str(DEFAULT_TOKENS_FILE))),
        "export_dir": Path(env.get("SAHELKG_EXPORT_DIR", str(DEFAULT_EXPORT_DIR))),
        "cors_origins": tuple(o for o in env.get("SAHELKG_CORS_ORIGINS", "").split(",") if o),
    }
    cache_entries = env.get("SAHELKG_API_RESPONSE_CACHE")
    if cache_entries is not None and cache_entries.strip():
        values["response_cache_entries"] = int(cache_entries)
    trusted = env.get("SAHELKG_TRUSTED_DOCUMENTS")
    if trusted:
        values["trusted_documents"] = Path(trusted)
    values.update({k: v for k, v in overrides.items() if v is not None})
    return ApiSettings(**values)  # type: ignore[arg-type]
