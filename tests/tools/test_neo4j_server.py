"""`make neo4j-up` / `make neo4j-down` (tools/neo4j/server.py) as a user runs them.

One background server of its own: `up` starts it and writes the connection settings
(mode 0600) that the `sahelkg` command line then reads from the environment; a second `up`
finds it running; `down` stops it and removes the settings.
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli import cli
from tools.neo4j.server import down, is_launcher, status, up

REPO = Path(__file__).resolve().parents[2]


def read_env(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text().splitlines())


def test_up_is_idempotent_writes_private_settings_and_down_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = tmp_path / "neo4j"
    out = io.StringIO()
    assert up(state, out) == 0
    try:
        settings = read_env(state / "env")
        assert sorted(settings) == ["NEO4J_PASSWORD", "NEO4J_USER", "SAHELKG_STORE"]
        assert settings["SAHELKG_STORE"].startswith("bolt://127.0.0.1:")
        assert settings["NEO4J_USER"] == "neo4j" and len(settings["NEO4J_PASSWORD"]) >= 24
        assert stat.S_IMODE((state / "env").stat().st_mode) == 0o600
        pid = int((state / "launcher.pid").read_text())
        assert is_launcher(pid)
        assert settings["NEO4J_PASSWORD"] not in Path(f"/proc/{pid}/cmdline").read_text()
        assert out.getvalue().splitlines()[1] == (
            f"Neo4j is ready at {settings['SAHELKG_STORE']} (pid {pid})"
        )

        again = io.StringIO()
        assert up(state, again) == 0
        assert again.getvalue().splitlines()[0] == (
            f"Neo4j is already running (pid {pid}) at {settings['SAHELKG_STORE']}"
        )
        assert read_env(state / "env") == settings

        for key, value in settings.items():  # `set -a; . var/neo4j/env`
            monkeypatch.setenv(key, value)
        runner = CliRunner()
        loaded = runner.invoke(cli, ["load", str(REPO / "data")], obj={})
        assert loaded.exit_code == 0, loaded.output
        nodes = int(loaded.stdout.split()[1])  # "loaded 132 nodes and …"
        stats = runner.invoke(cli, ["stats", "--format", "csv"], obj={})
        assert f"total,nodes,{nodes}" in stats.stdout.splitlines()
    finally:
        stopped = io.StringIO()
        assert down(state, stopped) == 0
    assert stopped.getvalue() == f"Neo4j stopped (pid {pid})\n"
    assert not is_launcher(pid)
    assert not (state / "env").exists() and not (state / "launcher.pid").exists()
    assert (state / "data" / "databases" / "neo4j").is_dir()  # the data stays
    quiet = io.StringIO()
    assert status(state, quiet) == 1 and quiet.getvalue() == "Neo4j is not running\n"
    assert down(state, quiet) == 0


def test_status_and_down_without_a_server(tmp_path: Path) -> None:
    out = io.StringIO()
    assert status(tmp_path, out) == 1
    assert down(tmp_path, out) == 0
    assert out.getvalue() == "Neo4j is not running\nNeo4j is not running\n"
    assert not os.listdir(tmp_path)
