"""Start and stop Neo4j Community from its Maven jars (the launcher in this folder).

One module for both users of the server: the test suite (one server per session, tied to
the pytest process so it cannot outlive it) and `make neo4j-up` / `make neo4j-down` (a
background server with its data in `var/neo4j/`, connection settings in `var/neo4j/env`).

The password is generated here and reaches the launcher through its environment, never
its command line; `var/neo4j/env` is created with mode 0600.

    python -m tools.neo4j.server up [--dir var/neo4j]
    python -m tools.neo4j.server down [--dir var/neo4j]
    python -m tools.neo4j.server status [--dir var/neo4j]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

LAUNCHER_DIR = Path(__file__).resolve().parent
CLASSES = LAUNCHER_DIR / "target" / "classes"
JARS = LAUNCHER_DIR / "target" / "lib"
MAIN_CLASS = "sahelkg.Launcher"
READY = "NEO4J_READY "
USER = "neo4j"
DEFAULT_HEAP = "768m"
DEFAULT_PAGE_CACHE_MIB = 128
START_TIMEOUT_S = 180.0
STOP_TIMEOUT_S = 60.0
JVM_OPTIONS = [
    # What Neo4j's own start script passes on Java 17.
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
]
SHORT_LIVED_JVM_OPTIONS = [
    # A test session's server lives minutes: the C1 compiler alone costs a third less CPU
    # than tiered C1+C2 over a session on 2 cores, and the serial collector no extra threads.
    "-XX:TieredStopAtLevel=1",
    "-XX:+UseSerialGC",
]


class Neo4jServerError(RuntimeError):
    """The server could not be built, started or stopped; the message says what to do."""


@dataclass(frozen=True)
class Connection:
    """Where a running server listens, and the credentials it accepts."""

    uri: str
    user: str
    password: str

    def env_lines(self) -> str:
        """The `var/neo4j/env` file: usable with `set -a; . var/neo4j/env`."""
        return f"SAHELKG_STORE={self.uri}\nNEO4J_USER={self.user}\nNEO4J_PASSWORD={self.password}\n"


@dataclass
class RunningServer:
    """A launcher process this module started."""

    process: subprocess.Popen[bytes]
    connection: Connection
    home: Path

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> None:
        """SIGTERM, then wait for the databases to shut down cleanly."""
        stop_pid(self.process.pid, timeout)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout)
        if self.process.stdin is not None:
            self.process.stdin.close()


def built() -> bool:
    return (CLASSES / "sahelkg" / "Launcher.class").exists() and JARS.is_dir()


def java_command(home: Path, *, tie_to_parent: bool, short_lived: bool, heap: str) -> list[str]:
    if not built():
        raise Neo4jServerError(
            f"the Neo4j launcher is not built: run `make neo4j` ({LAUNCHER_DIR})"
        )
    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home) / "bin" / "java") if java_home else "java"
    classpath = f"{CLASSES}{os.pathsep}{JARS}/*"
    options = [f"-Xmx{heap}", f"-Xms{heap}", *JVM_OPTIONS]
    if short_lived:
        options += SHORT_LIVED_JVM_OPTIONS
    command = [java, *options, "-cp", classpath, MAIN_CLASS, str(home)]
    if tie_to_parent:
        command.append("--stop-on-stdin-eof")
    return command


def start(
    home: Path,
    *,
    password: str | None = None,
    tie_to_parent: bool = True,
    short_lived: bool | None = None,
    heap: str = DEFAULT_HEAP,
    page_cache_mib: int = DEFAULT_PAGE_CACHE_MIB,
    timeout: float = START_TIMEOUT_S,
) -> RunningServer:
    """Start a server on `home` and wait until it accepts Bolt connections.

    With `tie_to_parent` it stops when this process exits, however it exits (it watches its
    stdin, a pipe from us); without, it runs in its own session until SIGTERM. A
    `short_lived` server (by default: a tied one, as in a test session) runs with JVM
    options that spend less CPU on compiling; benchmarks pass False to measure the real thing.
    """
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    password = password or secrets.token_urlsafe(24)
    log_path = home / "launcher.log"
    env = {
        **os.environ,
        "NEO4J_PASSWORD": password,
        "NEO4J_PAGECACHE_MIB": str(page_cache_mib),
    }
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            java_command(
                home,
                tie_to_parent=tie_to_parent,
                short_lived=tie_to_parent if short_lived is None else short_lived,
                heap=heap,
            ),
            stdin=subprocess.PIPE if tie_to_parent else subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=not tie_to_parent,
        )
    uri = _wait_for_ready(process, log_path, timeout)
    return RunningServer(process, Connection(uri, USER, password), home)


def _wait_for_ready(process: subprocess.Popen[bytes], log_path: Path, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in log_path.read_text(errors="replace").splitlines():
            if line.startswith(READY):
                return line.removeprefix(READY).strip()
        if process.poll() is not None:
            raise Neo4jServerError(
                f"Neo4j exited with code {process.returncode} before it was ready; "
                f"see {log_path} and {log_path.parent / 'logs' / 'debug.log'}"
            )
        time.sleep(0.2)
    stop_pid(process.pid, STOP_TIMEOUT_S)
    raise Neo4jServerError(f"Neo4j was not ready after {timeout:.0f} s; see {log_path}")


def stop_pid(pid: int, timeout: float) -> None:
    """SIGTERM a launcher and wait for it to exit (SIGKILL after `timeout`)."""
    if not is_launcher(pid):
        return
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not is_launcher(pid):
            return
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)


def is_launcher(pid: int) -> bool:
    """Whether `pid` is a live launcher (not a zombie, not a reused pid)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    if "\nState:\tZ" in status:
        return False
    return MAIN_CLASS.encode() in cmdline


# -- the background server of `make neo4j-up` -------------------------------------------


def _read_pid(state_dir: Path) -> int | None:
    try:
        pid = int((state_dir / "launcher.pid").read_text().strip())
    except (OSError, ValueError):
        return None
    return pid if is_launcher(pid) else None


def _write_private(path: Path, text: str) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(text)


def up(state_dir: Path, out: IO[str]) -> int:
    """Start the background server unless it is running; write `env`; idempotent."""
    env_file = state_dir / "env"
    pid = _read_pid(state_dir)
    if pid is not None and env_file.exists():
        uri = env_file.read_text().splitlines()[0].removeprefix("SAHELKG_STORE=")
        print(f"Neo4j is already running (pid {pid}) at {uri}", file=out)
        print(f"connection settings: {env_file}", file=out)
        return 0
    state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    print(f"starting Neo4j Community (data in {state_dir})…", file=out, flush=True)
    server = start(state_dir, tie_to_parent=False)
    _write_private(state_dir / "launcher.pid", f"{server.process.pid}\n")
    _write_private(env_file, server.connection.env_lines())
    print(f"Neo4j is ready at {server.connection.uri} (pid {server.process.pid})", file=out)
    print(f"connection settings: {env_file} (mode 0600); use them with", file=out)
    print(f"  set -a; . {env_file}; set +a", file=out)
    return 0


def down(state_dir: Path, out: IO[str]) -> int:
    """Stop the background server if it runs; forget its connection settings."""
    pid = _read_pid(state_dir)
    if pid is None:
        print("Neo4j is not running", file=out)
    else:
        stop_pid(pid, STOP_TIMEOUT_S)
        print(f"Neo4j stopped (pid {pid})", file=out)
    for name in ("launcher.pid", "env"):
        with contextlib.suppress(FileNotFoundError):
            (state_dir / name).unlink()
    return 0


def status(state_dir: Path, out: IO[str]) -> int:
    pid = _read_pid(state_dir)
    if pid is None:
        print("Neo4j is not running", file=out)
        return 1
    uri = (state_dir / "env").read_text().splitlines()[0].removeprefix("SAHELKG_STORE=")
    print(f"Neo4j is running (pid {pid}) at {uri}", file=out)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("command", choices=["up", "down", "status"])
    parser.add_argument("--dir", type=Path, default=Path("var/neo4j"), help="data and state")
    args = parser.parse_args(argv)
    actions = {"up": up, "down": down, "status": status}
    try:
        return actions[args.command](args.dir, sys.stdout)
    except Neo4jServerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
