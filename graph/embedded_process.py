"""The embedded server as a process: its address, whether it lives, private folders.

Kept apart from the life-cycle logic in `graph.embedded` so each stays small.
"""

from __future__ import annotations

import contextlib
import os
import socket
from dataclasses import dataclass
from pathlib import Path

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry


@dataclass(frozen=True)
class ServerAddress:
    """How clients reach the running server: a Unix socket, or loopback port + password."""

    pid: int
    socket_path: str | None = None
    port: int | None = None
    password: str | None = None
    log_offset: int = 0
    """Where this server's start begins in the log (its "ready" line comes after)."""

    def client(self, timeout: float | None = 5.0) -> redis.Redis:
        """A synchronous client, for liveness checks, maintenance and shutdown."""
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


def _serves(pid: int, data_dir: Path) -> bool:
    """True when `pid` is a live redis-server working in `data_dir` (not a reused pid)."""
    if not _pid_alive(pid):
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        if state in ("Z", "X"):
            return False  # killed, not yet reaped by the process that started it
        return Path(os.readlink(f"/proc/{pid}/cwd")) == data_dir.resolve()
    except OSError:
        return True  # cannot tell (another user's process?): assume it is ours, never kill


def _compact_on_close() -> bool:
    """`SAHELKG_COMPACT_ON_CLOSE=0` keeps the journal as written (the tests and the bench
    use it to measure replay); compacting on close is the default."""
    return os.environ.get("SAHELKG_COMPACT_ON_CLOSE", "1") != "0"


def _free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def private_dir(path: Path) -> None:
    """Create `path` (and missing parents) readable by the owner only."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)
