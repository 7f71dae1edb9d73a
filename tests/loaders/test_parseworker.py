"""Loads that parse in a child process give exactly what an in-process load gives, pass the
child's failures on, and leave no child behind when interrupted."""

from __future__ import annotations

import asyncio
import multiprocessing
from dataclasses import asdict
from pathlib import Path

import pytest

from graph.store import GraphStore
from loaders.acled import load_acled
from loaders.eventload import LoadOptions
from loaders.parseworker import PARSE_WORKER_ENV, WORKER_MIN_BYTES, wants_worker
from loaders.progress import EventLoadSummary, interruption_notes
from loaders.ucdp import load_ucdp_ged
from queries.stats import graph_counts
from tests.support.bigload import BigInputs

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "acled"
FILES = ["acled_legacy.csv", "acled_2019.csv", "acled_2023.csv", "acled_monadic.csv",
         "acled_rejects.csv", "not_acled.csv", "acled_cp1252.csv"]  # fmt: skip


async def _snapshot(store: GraphStore) -> tuple[object, ...]:
    nodes, rels = await graph_counts(store)
    props = await store.read("MATCH (n) RETURN n ORDER BY n.id")
    edges = await store.read("MATCH (a)-[r]->(b) RETURN a.id AS a, r, b.id AS b ORDER BY r.id")
    return nodes, rels, props, edges


def _comparable(summary: EventLoadSummary, folder: Path) -> dict[str, object]:
    fields = asdict(summary)
    del fields["seconds"]
    fields["rejects_files"] = [Path(p).relative_to(folder).as_posix()
                               for p in summary.rejects_files]  # fmt: skip
    return fields


async def test_a_worker_load_gives_the_graph_summary_and_rejects_of_an_in_process_one(
    store: GraphStore, tmp_path: Path
) -> None:
    paths = [FIXTURES / name for name in FILES]
    results: list[tuple[dict[str, object], dict[str, str], tuple[object, ...]]] = []
    for worker in (False, True):
        await store.clear()
        rejects = tmp_path / f"rejects-{worker}"
        options = LoadOptions(rejects_dir=rejects, batch_size=3, parse_worker=worker)
        summary = await load_acled(store, paths, options)
        rejected = {p.name: p.read_text(encoding="utf-8") for p in sorted(rejects.iterdir())}
        results.append((_comparable(summary, rejects), rejected, await _snapshot(store)))
    assert results[1] == results[0]
    fields, rejected, snapshot = results[1]
    nodes = snapshot[0]
    assert isinstance(nodes, dict)
    assert nodes["Incident"] == 5 + 5 + 4 + 3 + 3 + 1  # the cp1252 file's incident too
    # data rows 5 + 5 + 4 + 5 (monadic) + 8 + 1 (cp1252); the unknown layout is one reject
    assert (fields["rows_read"], fields["rows_rejected"]) == (28, 5 + 1)
    assert sorted(rejected) == ["acled_rejects.rejects.csv", "not_acled.rejects.csv"]
    assert (
        "acled_rejects.csv,10,longitude,'200.0000' is out of range"
        in rejected["acled_rejects.rejects.csv"]
    )


async def test_a_failure_in_the_worker_is_raised_by_the_load(
    store: GraphStore, tmp_path: Path
) -> None:
    folder = tmp_path / "a-folder.csv"  # passes the size check, fails when the child opens it
    folder.mkdir()
    options = LoadOptions(rejects_dir=tmp_path / "rejects", parse_worker=True)
    with pytest.raises(IsADirectoryError, match=r"a-folder\.csv"):
        await load_acled(store, [FIXTURES / "acled_2019.csv", folder], options)
    assert multiprocessing.active_children() == []
    nodes, _ = await graph_counts(store)
    assert nodes["Incident"] == 5  # the first file's batch was written before the failure


async def test_an_interrupted_worker_load_ends_the_child(
    store: GraphStore, tmp_path: Path, big_inputs: BigInputs, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PARSE_WORKER_ENV, "auto")
    options = LoadOptions(rejects_dir=tmp_path, batch_size=500, parse_worker=None)
    assert wants_worker([big_inputs.ged], None)  # 20,000 GED rows: over WORKER_MIN_BYTES
    load = asyncio.create_task(load_ucdp_ged(store, [big_inputs.ged], options))
    for _ in range(3000):  # until the first batch is in the store
        await asyncio.sleep(0.1)
        rows = await store.read("MATCH (i:Incident) RETURN count(i) AS n")
        if rows[0]["n"] or load.done():
            break
    assert not load.done(), "the load finished before it could be interrupted"
    load.cancel()
    with pytest.raises(asyncio.CancelledError):
        await load
    assert multiprocessing.active_children() == []
    count = (await store.read("MATCH (i:Incident) RETURN count(i) AS n"))[0]["n"]
    assert 500 <= count < 20_000
    [note] = interruption_notes()  # what the CLI prints before it exits 130
    written = int(note.split(": ")[1].split(" incidents")[0].replace(",", ""))
    assert note.startswith("UCDP GED load interrupted after ")
    assert written % 500 == 0 and written <= count  # acknowledged batches only


def test_small_inputs_are_read_in_the_loading_process(
    big_inputs: BigInputs, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(PARSE_WORKER_ENV, raising=False)
    assert wants_worker([big_inputs.ged], None)  # on by default for big inputs
    monkeypatch.setenv(PARSE_WORKER_ENV, "off")
    assert not wants_worker([big_inputs.ged], None)
    monkeypatch.setenv(PARSE_WORKER_ENV, "auto")
    small = FIXTURES / "acled_2019.csv"
    assert small.stat().st_size < WORKER_MIN_BYTES
    assert not wants_worker([small], None)
    assert wants_worker([small], True)
    assert not wants_worker([small], False)
