"""Backup, restore and checks of an embedded store's files (the engine-side half of
`sahelkg store …`, `backup` and `restore`).

A backup is the store's compacted snapshot: the RDB file redis itself loads, taken right
after a journal rewrite while the writer lock is held, so no load is half in it. A
restore builds a fresh journal directory around that snapshot and swaps it in while no
server runs on the store; the replaced journal is kept beside it, never deleted.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from graph.embedded import EmbeddedServer, EmbeddedServerError
from graph.embedded_process import private_dir
from graph.journal import JOURNAL_DIR, MANIFEST, Journal

SNAPSHOT_MAGIC = b"REDIS"


class MaintenanceError(EmbeddedServerError):
    """A backup, restore or check could not be done; the message says why."""


def copy_private(source: Path, target: Path) -> int:
    """Copy `source` to `target` (0600, fsynced, replaced atomically); returns bytes copied."""
    if not target.parent.exists():
        private_dir(target.parent)
    partial = target.with_name(f".{target.name}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as out, source.open("rb") as src:
        shutil.copyfileobj(src, out, 1 << 20)
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, target)
    return target.stat().st_size


def snapshot_file(journal: Journal) -> Path:
    """The base snapshot of a just-compacted journal (which then has no increments)."""
    files = journal.files()
    bases = [f for f in files if f.kind == "b"]
    if not bases or not bases[0].name.endswith(".rdb"):
        raise MaintenanceError(f"the journal in {journal.directory} has no snapshot to back up")
    return journal.directory / bases[0].name


def check_backup_file(path: Path) -> None:
    with path.open("rb") as handle:
        if handle.read(len(SNAPSHOT_MAGIC)) != SNAPSHOT_MAGIC:
            raise MaintenanceError(f"{path} is not a Sahel KG backup (no REDIS snapshot header)")


def install_snapshot(data_dir: Path, backup: Path, replace: bool) -> Path | None:
    """Make `backup` the store's whole journal; returns where the old journal was kept.

    The caller makes sure no server runs on `data_dir`.
    """
    check_backup_file(backup)
    journal = Journal(data_dir)
    if journal.exists() and not replace:
        raise MaintenanceError(
            f"the store at {data_dir} already holds data; pass --replace to replace it "
            "(its current journal is kept beside it)"
        )
    private_dir(data_dir)
    staging = data_dir / f"{JOURNAL_DIR}.restoring"
    shutil.rmtree(staging, ignore_errors=True)
    private_dir(staging)
    copy_private(backup, staging / "appendonly.aof.1.base.rdb")
    os.close(os.open(staging / "appendonly.aof.1.incr.aof", os.O_WRONLY | os.O_CREAT, 0o600))
    manifest = (
        "file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n"
    )
    fd = os.open(staging / MANIFEST, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(manifest)
        handle.flush()
        os.fsync(handle.fileno())
    kept: Path | None = None
    if journal.directory.exists():
        kept = data_dir / f"{JOURNAL_DIR}.replaced-{time.strftime('%Y%m%d-%H%M%S')}"
        os.replace(journal.directory, kept)
    os.replace(staging, journal.directory)
    return kept


def restore_snapshot(data_dir: Path, backup: Path, replace: bool) -> Path | None:
    """Install `backup` as the store at `data_dir`, refusing while a server runs on it."""
    server = EmbeddedServer(data_dir, create=True)
    with server.locked():  # no server can start while the journal is swapped
        if server.running_address() is not None:
            raise MaintenanceError(
                f"the store at {server.data_dir} is open in another process (its server is "
                "running); close the processes using it (the API, a load), then restore"
            )
        return install_snapshot(server.data_dir, backup, replace)
