"""The embedded store as a database: journal, replay, timeouts, privacy, disk full."""

from __future__ import annotations

import asyncio
import json
import os
import stat
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
import redis

from graph.embedded import EmbeddedServer
from graph.embedded_process import _pid_alive
from graph.journal import Journal
from graph.store import GraphStore, StoreError, open_store
from graph.store.base import QueryTimeout

REPO = Path(__file__).resolve().parents[2]
BIG_WRITE = "UNWIND range(1, $n) AS i CREATE (:Actor {id: 'actor:a' + toString(i), name: 'A'})"


def _pid(data_dir: Path) -> int:
    return int(json.loads((data_dir / "server.json").read_text())["pid"])


async def _count(store: GraphStore, label: str = "Actor") -> int:
    rows = await store.read(f"MATCH (n:{label}) RETURN count(n) AS n")
    return int(rows[0]["n"])


async def test_restarts_without_writes_do_not_grow_the_journal(tmp_path: Path) -> None:
    store = await open_store(f"embedded:{tmp_path}")
    await store.ensure_schema()
    await store.write(BIG_WRITE, {"n": 500})
    await store.close()
    journal = Journal(tmp_path)
    sizes = [journal.size()]
    for _ in range(3):
        store = await open_store(f"embedded:{tmp_path}", create=False)
        assert await store.ensure_schema() == []
        assert await _count(store) == 500
        await store.close()
        sizes.append(journal.size())
    assert sizes == [sizes[0]] * 4
    log = (tmp_path / "falkordb.log").read_text()
    assert "Constraint already exists" not in log


async def test_a_long_write_replays_while_another_process_waits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The case that crashed redis on restart: one write running for seconds, replayed
    from the journal while a second process asks for the store."""
    monkeypatch.setenv("SAHELKG_COMPACT_ON_CLOSE", "0")
    store = await open_store(f"embedded:{tmp_path}")
    await store.ensure_schema()
    async with store.transaction() as tx:  # two long statements in one "transaction"
        await tx.write(BIG_WRITE, {"n": 150_000})
        await tx.write("MATCH (a:Actor) SET a.kind = 'militia'")
    await store.close()
    assert Journal(tmp_path).increment_size() > 1_000_000
    child = textwrap.dedent(f"""
        import asyncio
        from graph.store import open_store
        async def main():
            s = await open_store({f"embedded:{tmp_path}"!r}, create=False)
            rows = await s.read("MATCH (a:Actor {{kind: 'militia'}}) RETURN count(a) AS n")
            await s.close()
            print(rows[0]["n"])
        asyncio.run(main())
    """)  # fmt: skip
    runs = [subprocess.Popen([sys.executable, "-c", child], cwd=REPO, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]  # fmt: skip
    for run in runs:
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
        assert out.strip() == "150000"
    assert "ASSERTION FAILED" not in (tmp_path / "falkordb.log").read_text(errors="replace")


async def test_a_runaway_read_times_out_and_other_clients_are_served(tmp_path: Path) -> None:
    store = await open_store(f"embedded:{tmp_path}")
    other = await open_store(f"embedded:{tmp_path}")
    try:
        await store.write(BIG_WRITE, {"n": 2000})
        runaway = "MATCH (a:Actor), (b:Actor), (c:Actor) RETURN count(*) AS n"

        async def run_away() -> None:
            with store.timeout(2.0):
                await store.read(runaway)

        async def meanwhile() -> list[int]:
            counts = []
            for number in range(5):
                await other.write(
                    "CREATE (:Source {id: $id, name: 'S'})", {"id": f"source:{number}"}
                )
                counts.append(await _count(other, "Source"))
            return counts

        results = await asyncio.gather(run_away(), meanwhile(), return_exceptions=True)
        assert isinstance(results[0], QueryTimeout)
        assert str(results[0]) == (
            "the query was stopped at its time limit of 2 s (set another with --timeout "
            "SECONDS or SAHELKG_QUERY_TIMEOUT; 0 means no limit)"
        )
        assert results[1] == [1, 2, 3, 4, 5]
        assert await _count(store) == 2000  # the store still answers the timed-out client
    finally:
        await other.close()
        await store.close()


def test_a_busy_server_is_joined_never_killed(tmp_path: Path) -> None:
    """Another process's server busy with a long query: a newcomer waits and joins it."""
    keeper = EmbeddedServer(tmp_path)
    address = keeper.acquire()
    client = address.client(timeout=120)
    client.execute_command(  # type: ignore[no-untyped-call]
        "GRAPH.QUERY", "sahelkg", "UNWIND range(1, 3000) AS i CREATE (:Actor)"
    )
    outcome: list[str] = []

    def long_query() -> None:
        try:
            client.execute_command("GRAPH.RO_QUERY", "sahelkg",  # type: ignore[no-untyped-call]
                                   "MATCH (a),(b),(c) RETURN count(*)", "timeout", 6000)  # fmt: skip
        except redis.exceptions.ResponseError as exc:
            outcome.append(str(exc))

    busy = threading.Thread(target=long_query)
    busy.start()
    try:
        joiner = EmbeddedServer(tmp_path, create=False)
        assert joiner.acquire().pid == address.pid
        joiner.release()
        assert _pid_alive(address.pid)
    finally:
        busy.join()
        keeper.release()
    assert outcome == ["Query timed out"], "the long query was still running while we joined"


async def test_store_files_are_private_and_odd_paths_work(tmp_path: Path) -> None:
    odd = tmp_path / 'it\'s a "store" dir' / "graph"
    store = await open_store(f"embedded:{odd}")
    try:
        await store.write("CREATE (:Source {id: 'source:x', name: 'X'})")
    finally:
        await store.close()
    store = await open_store(f"embedded:{odd}", create=False)
    try:
        assert await _count(store, "Source") == 1
    finally:
        await store.close()
    for path in [odd, *odd.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        assert mode & 0o077 == 0, f"{path} is {oct(mode)}"


@pytest.fixture
def tiny_disk(tmp_path: Path) -> object:
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mount)],
                          capture_output=True, text=True)  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs to fill (needs root): {done.stderr.strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


async def test_disk_full_is_a_clear_error_and_acknowledged_batches_stay(
    tiny_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAHELKG_COMPACT_ON_CLOSE", "0")
    data_dir = tiny_disk / "graph"
    store = await open_store(f"embedded:{data_dir}")
    acknowledged = 0
    blob = "x" * 4000
    with pytest.raises(StoreError) as failure:
        for batch in range(1000):
            rows = [{"id": f"source:{batch}-{i}", "text": blob} for i in range(100)]
            await store.write(
                "UNWIND $rows AS r CREATE (:Source {id: r.id, name: r.text})", {"rows": rows}
            )
            acknowledged += 100
    await store.close()
    assert "the FalkorDB server stopped answering during a write (it was not acknowledged)" in str(
        failure.value
    )
    assert "Batches reported written before this are on disk" in str(failure.value)
    assert acknowledged > 0
    # free some room (the log) and reopen: every acknowledged batch is there, no more
    (data_dir / "falkordb.log").write_text("")
    store = await open_store(f"embedded:{data_dir}", create=False)
    try:
        assert await _count(store, "Source") == acknowledged
    finally:
        await store.close()
    assert os.path.ismount(tiny_disk)
