"""kill -9 of the CLI and of the server during a big load: nothing acknowledged is lost,
nothing is half-written, nothing is left running, and re-running the load reaches the
clean load's counts. The load is big enough for the parse worker (loaders.parseworker)."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

from tests.support.bigload import (
    GED_ROWS,
    BigInputs,
    child_pids,
    cli_env,
    ged_load,
    gone,
    incident_count,
    sahelkg,
    start_sahelkg,
    wait_until,
)

HALF_WRITTEN = (
    "MATCH (i:Incident) OPTIONAL MATCH (:Actor)-[p:PARTICIPATED_IN]->(i) "
    "WITH i, count(p) AS sides OPTIONAL MATCH (i)-[o:OCCURRED_IN]->() "
    "WITH i, sides, count(o) AS places WHERE sides <> 2 OR places <> 1 RETURN count(i) AS broken"
)


def _counts(env: dict[str, str]) -> dict[str, int]:
    stats = sahelkg(["stats", "--format", "json"], env)
    assert stats.returncode == 0, stats.stderr
    return {r["name"]: r["count"] for r in json.loads(stats.stdout) if r["kind"] != "total"}


def _half_written(env: dict[str, str]) -> int:
    ran = sahelkg(["cypher", HALF_WRITTEN, "--format", "json"], env)
    assert ran.returncode == 0, ran.stderr
    return int(json.loads(ran.stdout)[0]["broken"])


def _server_pid(data_dir: Path) -> int:
    return int(json.loads((data_dir / "server.json").read_text())["pid"])


def test_kill_9_of_cli_and_server_mid_load_loses_no_acknowledged_batch(
    big_inputs: BigInputs, tmp_path: Path
) -> None:
    data_dir = tmp_path / "graph"
    env = cli_env(data_dir, SAHELKG_COMPACT_ON_CLOSE="0")
    load = ged_load(big_inputs, tmp_path)

    # 1. kill -9 of the CLI once two batches are committed
    cli = start_sahelkg(load, env)
    wait_until(lambda: incident_count(data_dir) >= 4000, 300, "two batches")
    acknowledged = incident_count(data_dir)
    [parser] = [pid for pid in child_pids(cli.pid) if pid != _server_pid(data_dir)]
    cli.send_signal(signal.SIGKILL)
    cli.wait()
    # the parse worker dies with it: an orphan would hold the writer lock (step 2 would wait)
    wait_until(lambda: gone(parser), 10, "the parse worker to end with the CLI")
    counts = _counts(env)
    assert counts["Incident"] >= acknowledged
    assert _half_written(env) == 0

    # 2. kill -9 of the server while the re-run writes
    cli = start_sahelkg(load, env)
    wait_until(lambda: incident_count(data_dir) >= counts["Incident"] + 4000, 300, "progress")
    acknowledged = incident_count(data_dir)
    os.kill(_server_pid(data_dir), signal.SIGKILL)
    _, err = cli.communicate(timeout=300)
    assert cli.returncode == 5  # store unavailable (api.cli.errors)
    assert "the FalkorDB server stopped answering during" in err
    assert "re-run the load to finish it" in err
    counts = _counts(env)
    assert counts["Incident"] >= acknowledged
    assert _half_written(env) == 0

    # 3. re-running finishes the load: the clean load's counts, exactly
    finish = sahelkg(load, env)
    assert finish.returncode == 0, finish.stderr
    counts = _counts(env)
    assert (counts["Incident"], counts["PARTICIPATED_IN"], counts["OCCURRED_IN"]) == (
        GED_ROWS, 2 * GED_ROWS, GED_ROWS,
    )  # fmt: skip
    assert _half_written(env) == 0
