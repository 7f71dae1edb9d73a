"""API tokens: created by `sahelkg token create`, stored hashed, checked on every request.

A token is `skg_<id>_<secret>`. Only the SHA-256 of the secret is kept (the secret is 32
random bytes, so a plain hash is enough; a slow KDF would only slow every request). The
file is private (0600, in a 0700 directory) and re-read when it changes, so tokens
created while the server runs — by any worker — take effect without a restart.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path


class Role(StrEnum):
    """What a caller may do: readers query, analysts also edit, admins also manage tokens."""

    READER = "reader"
    ANALYST = "analyst"
    ADMIN = "admin"


ROLE_RANK: dict[Role, int] = {Role.READER: 1, Role.ANALYST: 2, Role.ADMIN: 3}


def role_allows(have: Role, need: Role) -> bool:
    return ROLE_RANK[have] >= ROLE_RANK[need]


@dataclass(frozen=True)
class Principal:
    """Who is calling: the token id (or `dev` in local development mode) and its role."""

    token_id: str
    role: Role
    name: str


class TokenError(ValueError):
    """A token file or token that cannot be used; the message says why."""


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class TokenStore:
    """The hashed tokens in one JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._mtime: float | None = None
        self._entries: dict[str, dict[str, str]] = {}

    def _load(self) -> dict[str, dict[str, str]]:
        try:
            mtime = self.path.stat().st_mtime
        except FileNotFoundError:
            self._mtime, self._entries = None, {}
            return self._entries
        if mtime != self._mtime:
            try:
                data = json.loads(self.path.read_text())
            except json.JSONDecodeError as exc:
                raise TokenError(f"{self.path}: not valid JSON ({exc})") from None
            self._entries = {e["id"]: e for e in data.get("tokens", [])}
            self._mtime = mtime
        return self._entries

    def create(self, role: Role, name: str = "") -> str:
        """Make a token, store its hash, and return the token (shown once, never stored)."""
        entries = dict(self._load())
        token_id = secrets.token_hex(4)
        while token_id in entries:
            token_id = secrets.token_hex(4)
        secret = secrets.token_urlsafe(32)
        entries[token_id] = {
            "id": token_id,
            "role": str(role),
            "name": name,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "sha256": _digest(secret),
        }
        self._write(entries)
        return f"skg_{token_id}_{secret}"

    def revoke(self, token_id: str) -> bool:
        entries = dict(self._load())
        if entries.pop(token_id, None) is None:
            return False
        self._write(entries)
        return True

    def list(self) -> list[dict[str, str]]:
        """Token ids, roles, names and creation times (never hashes)."""
        return [{k: v for k, v in e.items() if k != "sha256"} for e in self._load().values()]

    def verify(self, token: str) -> Principal | None:
        """The caller a token belongs to, or None if it is unknown or malformed."""
        parts = token.split("_", 2)
        if len(parts) != 3 or parts[0] != "skg":
            return None
        entry = self._load().get(parts[1])
        if entry is None or not hmac.compare_digest(entry["sha256"], _digest(parts[2])):
            return None
        return Principal(token_id=entry["id"], role=Role(entry["role"]), name=entry["name"])

    def _write(self, entries: dict[str, dict[str, str]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = self.path.with_suffix(".tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            json.dump({"tokens": list(entries.values())}, handle, indent=2)
        os.replace(temporary, self.path)
        os.chmod(self.path, 0o600)
        self._mtime = None
