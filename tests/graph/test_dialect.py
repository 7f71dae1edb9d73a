"""The engine-specific forms give the same answers on both engines (and are linted for Neo4j)."""

from __future__ import annotations

from graph.dialect import FALKORDB, NEO4J
from graph.model import Actor, Relationship
from graph.store import GraphStore
from queries.writes import upsert_nodes, upsert_relationships

CITE = ["source:test"]


async def _chain(store: GraphStore) -> None:
    await upsert_nodes(
        store,
        [
            Actor(id="actor:a", name="Katiba A", aliases=["KA"], source_ids=CITE),
            Actor(id="actor:b", name="Group B", source_ids=CITE),
            Actor(id="actor:c", name="Force C", source_ids=CITE),
        ],
    )
    await upsert_relationships(
        store,
        [
            Relationship(type="PART_OF", from_id="actor:a", to_id="actor:b", source_ids=CITE),
            Relationship(type="HOSTILE_TO", from_id="actor:c", to_id="actor:b", source_ids=CITE),
        ],
    )


async def test_shortest_path_is_undirected_and_bounded(store: GraphStore) -> None:
    await _chain(store)
    rows = await store.read(
        store.dialect.shortest_path("", 4), {"from_id": "actor:a", "to_id": "actor:c"}
    )
    assert len(rows) == 1
    path = rows[0]["path"]
    assert [n["id"] for n in path["nodes"]] == ["actor:a", "actor:b", "actor:c"]
    assert [r["_type"] for r in path["relationships"]] == ["PART_OF", "HOSTILE_TO"]
    typed = store.dialect.shortest_path(":PART_OF", 4)
    assert await store.read(typed, {"from_id": "actor:a", "to_id": "actor:c"}) == []
    assert (
        await store.read(
            store.dialect.shortest_path("", 1), {"from_id": "actor:a", "to_id": "actor:c"}
        )
        == []
    )


async def test_fulltext_search_finds_aliases(store: GraphStore) -> None:
    await _chain(store)
    rows = await store.read(store.dialect.fulltext_search("Actor"), {"query": "KA", "limit": 5})
    assert [r["node"]["id"] for r in rows] == ["actor:a"]


def test_the_dialects_differ_only_where_the_engines_do() -> None:
    assert "shortestPath" in NEO4J.shortest_path("", 3)
    assert "shortestPath" not in FALKORDB.shortest_path("", 3)
    assert all("IF NOT EXISTS" in s for s in NEO4J.schema_statements())
    assert any(
        s.startswith("CALL db.idx.fulltext.createNodeIndex") for s in FALKORDB.schema_statements()
    )
