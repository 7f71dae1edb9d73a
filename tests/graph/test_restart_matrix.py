"""Every write command of the CLI, on big realistic inputs: stop, reopen, same answers.

Compaction on close is switched off here, so each reopen replays the whole journal of
commands (the path that used to crash on `!server.in_exec`); the last step compacts and
reopens from the snapshot.
"""

from __future__ import annotations

from pathlib import Path

from graph.embedded import EmbeddedServer
from tests.support.bigload import BigInputs, answers, cli_env, sahelkg

DATA = Path(__file__).resolve().parents[2] / "data"
UCDP_ACTORS = DATA / "third_party" / "ucdp" / "ucdp-actor-221.csv"


def test_each_write_command_then_restart_gives_the_same_answers(
    big_inputs: BigInputs, tmp_path: Path
) -> None:
    data_dir = tmp_path / "graph"
    env = cli_env(data_dir, SAHELKG_COMPACT_ON_CLOSE="0")
    rejects = str(tmp_path / "rejects")
    commands = [
        ["load", str(DATA)],
        ["load-ucdp-actors", str(UCDP_ACTORS), "--country", "Mali", "--rejects-dir", rejects],
        ["load-ucdp-ged", str(big_inputs.ged), "--rejects-dir", rejects],
        ["load-acled", str(big_inputs.acled), "--rejects-dir", rejects],
        ["crosswalk", "--resolve"],
    ]
    for command in commands:
        keeper = EmbeddedServer(data_dir)  # plays the API: the server outlives the command
        keeper.acquire()
        try:
            ran = sahelkg(command, env)
            assert ran.returncode == 0, f"{command}: {ran.stderr}"
            before = answers(env)
        finally:
            keeper.release()  # the last lease: the server stops
        assert not keeper.is_running()
        after = answers(env)  # a new server replays the journal
        assert after == before, command
    stats = {(r["kind"], r["name"]): r["count"] for r in after["stats"]}  # type: ignore[attr-defined]
    assert stats[("node", "Incident")] == 25_000
    log = (data_dir / "falkordb.log").read_text(errors="replace")
    assert "ASSERTION FAILED" not in log

    compacted = sahelkg(["store", "compact"], env)
    assert compacted.returncode == 0, compacted.stderr
    assert compacted.stdout.startswith("journal compacted: ")
    assert answers(env) == after
    check = sahelkg(["store", "check"], env)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "  schema         ok" in check.stdout
    assert "  nodes          " in check.stdout
