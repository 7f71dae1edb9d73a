"""The embedded server's life cycle: join, last-close shutdown, crash recovery."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from graph.embedded import EmbeddedServer
from graph.embedded_process import _pid_alive
from graph.model import Actor, Source
from graph.store import open_store
from graph.store.falkordb_store import FalkorStore
from queries.stats import graph_counts
from queries.writes import upsert_nodes

REPO = Path(__file__).resolve().parents[2]


def _server_pid(path: Path) -> int:
    return int(json.loads((path / "server.json").read_text())["pid"])


async def test_last_close_shuts_the_server_down(tmp_path: Path) -> None:
    first = await open_store(f"embedded:{tmp_path}")
    second = await open_store(f"embedded:{tmp_path}")
    pid = _server_pid(tmp_path)
    await first.close()
    assert _pid_alive(pid), "the server must stay up while another user has it open"
    await second.close()
    assert not _pid_alive(pid)
    assert not (tmp_path / "server.json").exists()
    assert not (tmp_path / "falkordb.sock").exists()


async def test_data_survives_a_clean_restart(tmp_path: Path) -> None:
    store = await open_store(f"embedded:{tmp_path}")
    await upsert_nodes(store, [Source(id="source:s", name="S")])
    await store.close()
    store = await open_store(f"embedded:{tmp_path}")
    nodes, _ = await graph_counts(store)
    await store.close()
    assert nodes["Source"] == 1


async def test_acknowledged_writes_survive_sigkill(tmp_path: Path) -> None:
    store = await open_store(f"embedded:{tmp_path}")
    actors = [Actor(id=f"actor:a{i}", name=f"A{i}", source_ids=["source:s"]) for i in range(500)]
    await upsert_nodes(store, actors, batch_size=100)
    pid = _server_pid(tmp_path)
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while _pid_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    await store.close()  # the lease goes; the dead server is noticed, nothing raised

    reopened = await open_store(f"embedded:{tmp_path}")
    try:
        assert _server_pid(tmp_path) != pid
        nodes, _ = await graph_counts(reopened)
        assert nodes["Actor"] == 500
    finally:
        await reopened.close()


async def test_a_stale_info_file_from_a_crash_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "server.json").write_text(json.dumps({"pid": 999_999_999, "socket_path": "x"}))
    (tmp_path / "falkordb.sock").write_text("")
    store = await open_store(f"embedded:{tmp_path}")
    try:
        assert _server_pid(tmp_path) != 999_999_999
        assert await store.read("RETURN 1 AS one") == [{"one": 1}]
    finally:
        await store.close()


async def test_a_second_process_joins_the_running_server(tmp_path: Path) -> None:
    """Another process (a CLI load while the API runs) shares the server and sees writes."""
    store = await open_store(f"embedded:{tmp_path}")
    pid = _server_pid(tmp_path)
    child = textwrap.dedent(
        f"""
        import asyncio, json
        from graph.model import Source
        from graph.store import open_store
        from queries.writes import upsert_nodes

        async def main():
            s = await open_store("embedded:{tmp_path}")
            pid = json.loads(open("{tmp_path}/server.json").read())["pid"]
            await upsert_nodes(s, [Source(id="source:from-child", name="child")])
            await s.close()
            print(pid)

        asyncio.run(main())
        """
    )
    try:
        result = subprocess.run(
            [sys.executable, "-c", child], cwd=REPO, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stderr
        assert int(result.stdout.strip()) == pid, "the child must join, not start its own server"
        assert _pid_alive(pid), "the child's close must not stop a server we still use"
        rows = await store.read("MATCH (s:Source) RETURN s.id AS id")
        assert rows == [{"id": "source:from-child"}]
    finally:
        await store.close()
    assert not _pid_alive(pid)


async def test_a_long_data_path_falls_back_to_loopback_with_a_password(tmp_path: Path) -> None:
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    store = await open_store(f"embedded:{deep}")
    try:
        info = json.loads((deep / "server.json").read_text())
        assert info["socket_path"] is None
        assert info["port"] > 0 and len(info["password"]) >= 32
        assert await store.read("RETURN 2 AS two") == [{"two": 2}]
        assert isinstance(store, FalkorStore)
    finally:
        await store.close()


def test_server_start_failure_is_reported_with_the_log(tmp_path: Path) -> None:
    server = EmbeddedServer(tmp_path)
    (tmp_path / "appendonlydir").write_text("not a directory")  # the server cannot open its AOF
    with pytest.raises(RuntimeError, match="did not start"):
        server.acquire()
