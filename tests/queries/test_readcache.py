"""Network reads and measures cached per store version: served again until a write, never
after one (on FalkorDB, whose store tells its version; Neo4j Community cannot, so nothing
is cached there and every read is fresh)."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.model import Relationship
from graph.store import GraphStore
from queries.analytics.network import read_network
from queries.analytics.projection import Filters
from queries.catalog import load_catalog
from queries.readcache import cache_of
from queries.writes import upsert_relationships

JUNE_JULY = Filters(start="2023-06", end="2023-07")
ISGS_CMA = Relationship(
    type="ALLIED_WITH", from_id="actor:isgs", to_id="actor:cma", status="confirmed",
    credibility=2, valid_from="2023-01", source_ids=["source:test"],
)  # fmt: skip


async def test_version_changes_on_every_write(store: GraphStore) -> None:
    first = await store.version()
    assert first == await store.version()  # reads leave it alone
    await store.write("CREATE (:Actor {id: 'actor:v1', name: 'V1'})")
    second = await store.version()
    async with store.transaction() as tx:
        await tx.write("CREATE (:Actor {id: 'actor:v2', name: 'V2'})")
    third = await store.version()
    if store.engine == "neo4j":
        assert (first, second, third) == (None, None, None)
    else:
        assert len({first, second, third}) == 3


async def test_a_write_invalidates_a_cached_network(kg: GraphStore) -> None:
    cache = cache_of(kg)
    before = await read_network(kg, "cooperation", JUNE_JULY)
    again = await read_network(kg, "cooperation", JUNE_JULY)
    assert not before.has_edge("actor:isgs", "actor:cma")
    if kg.engine == "falkordb":
        assert again is before and (cache.hits, cache.misses) == (1, 1)
    else:
        assert again is not before and (cache.hits, cache.misses) == (0, 0)
    await upsert_relationships(kg, [ISGS_CMA])
    after = await read_network(kg, "cooperation", JUNE_JULY)
    assert after.edges["actor:cma", "actor:isgs"]["kinds"] == {"allied_with": 1}
    assert after.number_of_edges() == before.number_of_edges() + 1


async def test_cached_graphs_are_frozen(kg: GraphStore) -> None:
    graph = await read_network(kg, "cooperation", JUNE_JULY)
    if kg.engine == "falkordb":
        with pytest.raises(nx.NetworkXError, match="Frozen graph can't be modified"):
            graph.add_edge("actor:isgs", "actor:cma")


async def test_entries_answer_the_same_from_the_cache_and_change_after_a_write(
    kg: GraphStore,
) -> None:
    catalog = load_catalog()
    params = {"start": "2023-06", "end": "2023-07"}
    first = await catalog["brokers"].execute(kg, params)
    assert await catalog["brokers"].execute(kg, params) == first
    communities = await catalog["communities"].execute(kg, params)
    sizes = [row.size for row in communities]
    await upsert_relationships(kg, [ISGS_CMA])
    after = await catalog["communities"].execute(kg, params)
    assert sum(row.size for row in after) == sum(sizes) + 1  # ISGS joins the network
