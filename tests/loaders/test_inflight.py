"""A batch is prepared while the one before it is being written, except when the two share
an incident: then its reads wait until that write is acknowledged.

The store is real; it only takes a moment longer over each commit (`SlowCommits`), so the
order of the two is forced instead of left to the machine's speed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from pathlib import Path

import pytest

from graph.store import GraphStore
from graph.store.base import PreparedWrites, Statement
from graph.store.delegating import DelegatingStore
from loaders.acled import load_acled
from loaders.eventload import LoadOptions

MONADIC = Path(__file__).resolve().parents[1] / "fixtures" / "acled" / "acled_monadic.csv"


class SlowCommits(DelegatingStore):
    """The real store, with each commit held back a moment and what happened logged."""

    def __init__(self, inner: GraphStore) -> None:
        super().__init__(inner)
        self.log: list[str] = []

    def prepare(self, statements: Iterable[Statement]) -> PreparedWrites:
        self.log.append("prepare")
        return self.inner.prepare(statements)

    async def commit(self, prepared: PreparedWrites) -> None:
        self.log.append("commit")
        await asyncio.sleep(0.3)
        await self.inner.commit(prepared)
        self.log.append("committed")


@pytest.mark.parametrize("worker", [False, True], ids=["in-process", "parse-worker"])
async def test_an_event_split_over_two_batches_is_one_incident(
    store: GraphStore, tmp_path: Path, worker: bool
) -> None:
    header, a1, a2, b1, b2, c = MONADIC.read_text(encoding="utf-8").splitlines()
    interleaved = tmp_path / "interleaved.csv"  # MLI9001 and MLI9002 each over two batches
    interleaved.write_text("\n".join([header, a1, b1, a2, b2, c]) + "\n", encoding="utf-8")
    slow = SlowCommits(store)
    options = LoadOptions(rejects_dir=tmp_path, decision_files=(), batch_size=2,
                          parse_worker=worker)  # fmt: skip
    await load_acled(slow, [interleaved], options)
    rows = await store.read(
        "MATCH (i:Incident) OPTIONAL MATCH (a:Actor)-[p:PARTICIPATED_IN]->(i) "
        "RETURN i.id AS id, count(p) AS sides ORDER BY id"
    )
    assert [(r["id"], r["sides"]) for r in rows] == [
        ("incident:acled-mli9001", 3), ("incident:acled-mli9002", 3), ("incident:acled-mli9003", 1)
    ]  # fmt: skip
    # batches {9001, 9002}, {9001, 9002}, {9003}: the second waits for the first to be
    # acknowledged before its reads; the third is prepared while the second is written
    assert slow.log == ["prepare", "commit", "committed", "prepare", "commit", "prepare",
                        "committed", "commit", "committed"]  # fmt: skip
