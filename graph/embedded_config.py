"""The embedded server's configuration: durability, limits, and paths quoted for redis.

Why each durability setting (the README's "Durability" section says the same to users):
- `appendfsync always`: a write is acknowledged only after its journal entry is fsynced,
  so an acknowledged batch survives a crash of the server or the machine.
- `EFFECTS_THRESHOLD 0`: FalkorDB journals the *effects* of every write (the nodes and
  edges it changed), not the query text, so a restart replays changes in linear time and
  never re-runs a long query (re-running one took minutes and could crash the server).
- `aof-use-rdb-preamble yes` and a rewrite when the last user closes the store (or on
  `store compact`): the journal becomes a snapshot, so restart time follows the data's
  size, not its history.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_QUERY_TIMEOUT_S = 120.0
DEFAULT_QUERY_MEMORY_MB = 2048


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r} is not a number") from None
    if value < 0:
        raise ValueError(f"{name}={raw!r} must be zero (no limit) or more")
    return value


def physical_memory_mb() -> int:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // (1024 * 1024)


@dataclass(frozen=True)
class ServerLimits:
    """What one runaway query or one oversized load may take from the machine."""

    query_timeout_s: float = DEFAULT_QUERY_TIMEOUT_S
    """Default read timeout (0: none); `SAHELKG_QUERY_TIMEOUT`, or per query."""
    query_memory_mb: int = DEFAULT_QUERY_MEMORY_MB
    """Memory one query may use before FalkorDB stops it; `SAHELKG_QUERY_MEMORY_MB`."""
    max_memory_mb: int = 0
    """The server's memory cap (writes fail past it, nothing is evicted); half the RAM
    unless `SAHELKG_MAX_MEMORY_MB` says otherwise."""

    fsync: str = "always"
    """`always` (default: acknowledged means on disk) or `everysec` (`SAHELKG_FSYNC`: up to
    a second of acknowledged writes may be lost in a machine crash, for speed)."""
    journal_effects: bool = True
    """False journals query text instead of effects (`SAHELKG_JOURNAL_EFFECTS=0`; only the
    benchmark uses it, as the baseline of the old behaviour)."""

    @classmethod
    def from_environment(cls) -> ServerLimits:
        fsync = os.environ.get("SAHELKG_FSYNC", "always")
        if fsync not in ("always", "everysec"):
            raise ValueError(f"SAHELKG_FSYNC={fsync!r}: use always or everysec")
        return cls(
            fsync=fsync,
            journal_effects=os.environ.get("SAHELKG_JOURNAL_EFFECTS", "1") != "0",
            query_timeout_s=_env_number("SAHELKG_QUERY_TIMEOUT", DEFAULT_QUERY_TIMEOUT_S),
            query_memory_mb=int(_env_number("SAHELKG_QUERY_MEMORY_MB", DEFAULT_QUERY_MEMORY_MB)),
            max_memory_mb=int(_env_number("SAHELKG_MAX_MEMORY_MB", physical_memory_mb() // 2)),
        )


def quote(value: str | Path) -> str:
    """A redis.conf string: double-quoted with escapes, so spaces and quotes are safe."""
    text = str(value)
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return f'"{escaped}"'


def render_config(
    data_dir: Path,
    module: str,
    log_file: Path,
    socket_path: str | None,
    port: int,
    password: str | None,
    limits: ServerLimits,
) -> str:
    """The redis.conf text for one embedded server."""
    module_args = [
        "EFFECTS_THRESHOLD 0" if limits.journal_effects else "EFFECTS_THRESHOLD 300",
        f"QUERY_MEM_CAPACITY {limits.query_memory_mb * 1024 * 1024}",
    ]
    lines = [
        f"dir {quote(data_dir)}",
        f"loadmodule {quote(module)} {' '.join(module_args)}",
        "appendonly yes",
        f"appendfsync {limits.fsync}",
        "aof-use-rdb-preamble yes",
        "aof-load-truncated yes",
        # No automatic rewrites in the middle of a session: a snapshot taken while a load
        # runs, followed by a crash, left a journal that crashed the server on replay
        # (tests/graph/test_crash_matrix.py). Compaction happens when the last user closes.
        "auto-aof-rewrite-percentage 0",
        'save ""',
        "daemonize no",
        f"pidfile {quote(data_dir / 'redis.pid')}",
        f"logfile {quote(log_file)}",
        "bind 127.0.0.1",
        "protected-mode yes",
        f"port {port}",
        f"maxmemory {limits.max_memory_mb}mb",
        "maxmemory-policy noeviction",
    ]
    if socket_path:
        lines += [f"unixsocket {quote(socket_path)}", "unixsocketperm 700"]
    if password:
        lines.append(f"requirepass {quote(password)}")
    return "\n".join(lines) + "\n"
