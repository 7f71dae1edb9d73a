"""Big realistic inputs for the restart and crash matrices (generated once per session),
and running the real CLI in its own process. Registered as a plugin by tests/conftest.py."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.eventfiles import write_acled, write_ged

REPO = Path(__file__).resolve().parents[2]
GED_ROWS = 20_000
ACLED_ROWS = 5_000


@dataclass(frozen=True)
class BigInputs:
    ged: Path
    acled: Path


@pytest.fixture(scope="session")
def big_inputs(tmp_path_factory: pytest.TempPathFactory) -> BigInputs:
    folder = tmp_path_factory.mktemp("big-inputs")
    return BigInputs(
        ged=write_ged(folder / "ged_sahel.csv", GED_ROWS),
        acled=write_acled(folder / "acled_sahel.csv", ACLED_ROWS),
    )


def cli_env(data_dir: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "SAHELKG_STORE": f"embedded:{data_dir}", **extra}


def sahelkg(
    args: list[str], env: dict[str, str], timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in its own process, as a user would."""
    return subprocess.run([sys.executable, "-m", "api.cli", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=timeout)  # fmt: skip


def start_sahelkg(
    args: list[str], env: dict[str, str], ignore_sigint: bool = False
) -> subprocess.Popen[str]:
    """The CLI in a subprocess; `ignore_sigint` starts it as a shell starts a background job."""
    return subprocess.Popen([sys.executable, "-m", "api.cli", *args], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_ignore_sigint if ignore_sigint else None)  # fmt: skip


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def answers(env: dict[str, str]) -> dict[str, object]:
    """What a user would ask after a load: counts by label and type, and incident totals."""
    stats = sahelkg(["stats", "--format", "json"], env)
    assert stats.returncode == 0, stats.stderr
    totals = sahelkg(["cypher", "MATCH (i:Incident) RETURN i.dataset AS dataset, count(i) AS n, "
                      "sum(i.fatalities) AS fatalities ORDER BY dataset", "--format", "json"], env)  # fmt: skip
    assert totals.returncode == 0, totals.stderr
    return {"stats": json.loads(stats.stdout), "incidents": json.loads(totals.stdout)}


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def incident_count(data_dir: Path) -> int:
    """Incidents the running server has committed (0 while it is not up yet)."""
    from graph.embedded_process import ServerAddress

    try:
        address = ServerAddress(**json.loads((data_dir / "server.json").read_text()))
        reply = address.client(timeout=30).execute_command(  # type: ignore[no-untyped-call]
            "GRAPH.RO_QUERY", "sahelkg", "MATCH (i:Incident) RETURN count(i)"
        )
        return int(reply[1][0][0])
    except Exception:  # not started, still replaying, or no graph yet
        return 0


def child_pids(pid: int) -> list[int]:
    """The processes `pid` started that are still its children (Linux /proc)."""
    listing = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in listing.read_text().split()] if listing.exists() else []


def gone(pid: int) -> bool:
    """`pid` has exited (a zombie nobody reaps counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (FileNotFoundError, ProcessLookupError):
        return True


def interrupt_mid_load(run: subprocess.Popen[str], signum: int) -> None:
    """Deliver `signum` to a running load so that it cannot finish first.

    The load is stopped (SIGSTOP) before the signal is sent and continued after: the
    signal is pending when it resumes, so at most the batch already in the server's hands
    completes. Sending the signal alone races with a fast machine finishing the file.
    """
    os.kill(run.pid, signal.SIGSTOP)
    try:
        os.kill(run.pid, signum)
    finally:
        os.kill(run.pid, signal.SIGCONT)


def ged_load(big_inputs: BigInputs, tmp_path: Path) -> list[str]:
    """The CLI arguments of the big GED load, in batches of 2,000 (many acknowledged steps)."""
    return ["load-ucdp-ged", str(big_inputs.ged), "--batch-size", "2000",
            "--rejects-dir", str(tmp_path / "rejects")]  # fmt: skip
