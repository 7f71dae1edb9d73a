"""Both engines give the same answer to every catalog query on the same data.

data/ (the curated knowledge base) plus the ACLED and UCDP GED test files, so the event
queries have incidents to count, are loaded through the real loaders into a fresh
embedded FalkorDB and into Neo4j; then every catalog entry runs on both. Rows must be
equal, in the same order where the entry defines one (an ORDER BY in its statement, or
the Python that builds its rows); an entry without an order is compared as a multiset.
No expected answer is written here: the other tests pin those. This one pins that the
engines never disagree, and that each sample is a real question (a non-empty answer).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from graph.dialect import NEO4J
from graph.store import GraphStore, open_store
from queries.catalog import load_catalog
from queries.stats import graph_counts
from tests.conftest import open_neo4j
from tests.support.catalog_samples import SAMPLES, load_everything
from tools.neo4j.server import Connection

ASYNC_MODULE = pytest.mark.asyncio(loop_scope="module")

CATALOG = load_catalog()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def engines(
    tmp_path_factory: pytest.TempPathFactory, neo4j_connection: Connection
) -> AsyncIterator[dict[str, GraphStore]]:
    """The same data in a fresh embedded FalkorDB of this module's own and in Neo4j."""
    falkordb = await open_store(f"embedded:{tmp_path_factory.mktemp('agree')}")
    neo4j = await open_neo4j(neo4j_connection)
    try:
        for store in (falkordb, neo4j):
            await load_everything(store, tmp_path_factory.mktemp("rejects"))
        yield {"falkordb": falkordb, "neo4j": neo4j}
    finally:
        await neo4j.clear()
        await neo4j.close()
        await falkordb.close()


def defines_order(name: str) -> bool:
    entry = CATALOG[name]
    return entry.run is not None or "ORDER BY" in entry.statement(NEO4J)


def canonical(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows, key=repr)


def test_every_catalog_entry_has_a_sample() -> None:
    assert set(SAMPLES) == set(CATALOG)


@ASYNC_MODULE
async def test_both_engines_hold_the_same_graph(engines: dict[str, GraphStore]) -> None:
    counts = {name: await graph_counts(store) for name, store in engines.items()}
    assert counts["falkordb"] == counts["neo4j"]
    nodes, relationships = counts["neo4j"]
    assert nodes["Incident"] > 0 and relationships["PARTICIPATED_IN"] > 0


@ASYNC_MODULE
@pytest.mark.parametrize("name", sorted(SAMPLES))
async def test_the_engines_agree(engines: dict[str, GraphStore], name: str) -> None:
    answers = {}
    for engine, store in engines.items():
        rows = await CATALOG[name].execute(store, **SAMPLES[name])
        answers[engine] = [row.model_dump(mode="json") for row in rows]
    assert answers["neo4j"], f"{name}: the sample asks a question with no answer"
    if defines_order(name):
        assert answers["neo4j"] == answers["falkordb"]
    else:
        assert canonical(answers["neo4j"]) == canonical(answers["falkordb"])
