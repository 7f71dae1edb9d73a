"""One writer per embedded store: a write command holds `writer.lock` while it runs.

Reads never take it. A second writer waits (saying who holds the store) for up to
`SAHELKG_LOCK_WAIT` seconds (default 300), then stops with a message naming the holder,
so two loads never interleave their batches or race to create the schema.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import time
from pathlib import Path

log = logging.getLogger("sahelkg.store")

DEFAULT_LOCK_WAIT_S = 300.0


class StoreBusy(RuntimeError):
    """Another process is writing to the store."""


def lock_wait_from_environment() -> float:
    raw = os.environ.get("SAHELKG_LOCK_WAIT", "")
    try:
        return float(raw) if raw else DEFAULT_LOCK_WAIT_S
    except ValueError:
        raise ValueError(f"SAHELKG_LOCK_WAIT={raw!r} is not a number of seconds") from None


class WriterLock:
    """The exclusive write lock of one data directory."""

    def __init__(self, data_dir: Path, purpose: str) -> None:
        self.path = data_dir / "writer.lock"
        self.data_dir = data_dir
        self.purpose = purpose
        self._fd: int | None = None

    def holder(self) -> tuple[int, str]:
        """(pid, what it is doing) as the holder wrote it; (0, "") if unknown."""
        try:
            pid_text, _, purpose = self.path.read_text().partition("\n")
            return int(pid_text), purpose.strip()
        except (OSError, ValueError):
            return 0, ""

    def acquire(self, wait_s: float | None = None) -> None:
        wait = lock_wait_from_environment() if wait_s is None else wait_s
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        deadline = time.monotonic() + wait
        announced = False
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    pid, purpose = self.holder()
                    who = f"pid {pid}" + (f" ({purpose})" if purpose else "")
                    if time.monotonic() >= deadline:
                        raise StoreBusy(
                            f"store {self.data_dir} is being loaded by {who}; try again when "
                            "it finishes, or query read-only"
                        ) from None
                    if not announced:
                        log.warning(
                            "store %s is being written by %s; waiting up to %.0f s for it "
                            "to finish (read-only queries work meanwhile)",
                            self.data_dir, who, wait,
                        )  # fmt: skip
                        announced = True
                    time.sleep(0.2)
        except BaseException:
            os.close(fd)
            raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n{self.purpose}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None
