"""The store contract: every engine must pass this suite (embedded FalkorDB and Neo4j)."""

from __future__ import annotations

import pytest

from graph.model import (
    ActivityReport,
    Actor,
    Alliance,
    Assessment,
    Country,
    Event,
    Incident,
    Location,
    Node,
    Operation,
    Region,
    Relationship,
    Source,
)
from graph.schema import RELATIONSHIP_TRIPLES, label_for_id
from graph.store import ConstraintViolation, GraphStore, ReadOnlyViolation, StoreError
from queries.place_rollup import PLACE_LABELS, ROLLUP_PROPERTIES
from queries.stats import graph_counts
from queries.writes import upsert_nodes, upsert_relationships

SRC = ["source:test"]


def one_of_each_node() -> list[Node]:
    return [
        Source(id="source:test", name="Test source", reliability="B"),
        Actor(id="actor:a", name="Actor A", kind="jihadist_group", aliases=["A1", "Ä2"],
              founded="2017-03-02", ucdp_id=6716, source_ids=SRC),
        Actor(id="actor:b", name="Actor B", kind="state_force", source_ids=SRC),
        Alliance(id="alliance:x", name="X", status="possible", likelihood="roughly_even_chance",
                 source_ids=SRC),
        Alliance(id="alliance:y", name="Y", kind="defence_pact", formed="2023-09-16",
                 source_ids=SRC),
        Country(id="country:mli", name="Mali", iso3="MLI", source_ids=SRC),
        Country(id="country:sen", name="Senegal", iso3="SEN", source_ids=SRC),
        Region(id="region:mli-kayes", name="Kayes", level=1, country="MLI", source_ids=SRC),
        Region(id="region:mli-kita", name="Kita", level=2, country="MLI", source_ids=SRC),
        Location(id="location:kayes-town", name="Kayes", latitude=14.45, longitude=-11.43,
                 source_ids=SRC),
        Incident(id="incident:1", name="Attack", date="2023-06-18", fatalities=3,
                 source_ids=SRC),
        Operation(id="operation:1", name="Op", date="2023-06", joint=True, arrests=9,
                  source_ids=SRC),
        Event(id="event:1", name="Charter", kind="treaty", date="2023-09-16", source_ids=SRC),
        ActivityReport(id="report:1", name="Kayes June", month="2023-06",
                       metric="security_incidents", region_id="region:mli-kayes", value=37,
                       qualifier="exact", source_ids=SRC),
        Assessment(id="assessment:1", name="Vacuum", statement="It will worsen.",
                   wording="almost certainly", likelihood="almost_certain", date="2023-06",
                   source_ids=SRC),
    ]  # fmt: skip


def _sample_id(label: str, nodes: list[Node]) -> str:
    return next(n.id for n in nodes if n.label == label)


def one_of_each_relationship(nodes: list[Node]) -> list[Relationship]:
    """One edge for every (type, from label, to label) triple the schema allows."""
    rels = []
    for rel_type, triples in RELATIONSHIP_TRIPLES.items():
        for from_label, to_label in triples:
            from_id = _sample_id(from_label, nodes)
            to_candidates = [n.id for n in nodes if n.label == to_label and n.id != from_id]
            rels.append(
                Relationship(type=rel_type, from_id=from_id, to_id=to_candidates[0],
                             valid_from="2023-01-01", status="confirmed", credibility=2,
                             role="actor1" if rel_type == "PARTICIPATED_IN" else None,
                             source_ids=["source:test#section"])
            )  # fmt: skip
    return rels


async def test_round_trip_of_every_node_type(engine_store: GraphStore) -> None:
    nodes = one_of_each_node()
    await upsert_nodes(engine_store, nodes)
    for node in nodes:
        rows = await engine_store.read(
            "MATCH (n {id: $id}) RETURN n, labels(n) AS labels", {"id": node.id}
        )
        assert len(rows) == 1
        stored = {k: v for k, v in rows[0]["n"].items() if k != "_labels"}
        if node.label in PLACE_LABELS:  # places also carry their derived region roll-up
            rollup = {name: stored.pop(name) for name in ROLLUP_PROPERTIES}
            assert rollup["within_ids"] == [node.id]  # alone in the store: in itself only
        assert stored == node.to_properties()
        assert rows[0]["labels"] == [node.label]


async def test_round_trip_of_every_relationship_triple(engine_store: GraphStore) -> None:
    nodes = one_of_each_node()
    rels = one_of_each_relationship(nodes)
    await upsert_nodes(engine_store, nodes)
    await upsert_relationships(engine_store, rels)
    for rel in rels:
        rows = await engine_store.read(
            "MATCH (a {id: $from_id})-[r]->(b {id: $to_id}) WHERE r.id = $rid "
            "RETURN r, type(r) AS type, labels(a) AS a, labels(b) AS b",
            {"from_id": rel.from_id, "to_id": rel.to_id, "rid": rel.id},
        )
        assert len(rows) == 1, rel.id
        assert rows[0]["type"] == rel.type
        assert rows[0]["a"] == [label_for_id(rel.from_id)]
        assert {k: v for k, v in rows[0]["r"].items() if k != "_type"} == rel.to_properties()
    _, rel_counts = await graph_counts(engine_store)
    assert sum(rel_counts.values()) == sum(len(t) for t in RELATIONSHIP_TRIPLES.values())


async def test_reloading_changes_nothing(engine_store: GraphStore) -> None:
    nodes = one_of_each_node()
    rels = one_of_each_relationship(nodes)
    await upsert_nodes(engine_store, nodes)
    await upsert_relationships(engine_store, rels)
    first = await graph_counts(engine_store)
    await upsert_nodes(engine_store, nodes)
    await upsert_relationships(engine_store, rels)
    assert await graph_counts(engine_store) == first
    assert sum(first[0].values()) == len(nodes)


async def test_update_replaces_properties(engine_store: GraphStore) -> None:
    await upsert_nodes(engine_store, [Actor(id="actor:a", name="A", aliases=["x"], source_ids=SRC)])
    await upsert_nodes(engine_store, [Actor(id="actor:a", name="A renamed", source_ids=SRC)])
    rows = await engine_store.read("MATCH (n:Actor) RETURN n.name AS name, n.aliases AS aliases")
    assert rows == [{"name": "A renamed", "aliases": []}]


async def test_failed_transaction_writes_nothing(engine_store: GraphStore) -> None:
    with pytest.raises(RuntimeError, match="planted"):
        async with engine_store.transaction() as tx:
            await upsert_nodes(tx, one_of_each_node())
            raise RuntimeError("planted failure after the writes")
    nodes, _ = await graph_counts(engine_store)
    assert sum(nodes.values()) == 0


async def test_transaction_with_a_bad_statement_writes_nothing(engine_store: GraphStore) -> None:
    with pytest.raises(StoreError):
        async with engine_store.transaction() as tx:
            await upsert_nodes(tx, one_of_each_node())
            await tx.write("MATCH (n) RETURN undefined_variable")
    nodes, _ = await graph_counts(engine_store)
    assert sum(nodes.values()) == 0


async def test_committed_transaction_writes_everything(engine_store: GraphStore) -> None:
    async with engine_store.transaction() as tx:
        await upsert_nodes(tx, one_of_each_node())
    nodes, _ = await graph_counts(engine_store)
    assert sum(nodes.values()) == len(one_of_each_node())


async def test_unique_id_constraint_holds(engine_store: GraphStore) -> None:
    await upsert_nodes(engine_store, [Actor(id="actor:a", name="A", source_ids=SRC)])
    with pytest.raises(ConstraintViolation, match="Actor"):
        await engine_store.write("CREATE (:Actor {id: 'actor:a', name: 'dup'})")
    rows = await engine_store.read("MATCH (n:Actor) RETURN n.name AS name")
    assert rows == [{"name": "A"}]


async def test_ensuring_the_schema_twice_is_a_no_op(engine_store: GraphStore) -> None:
    before = await engine_store.existing_schema()
    assert await engine_store.ensure_schema() == []
    assert await engine_store.existing_schema() == before
    assert any("Actor" in line and "id" in line for line in before)


async def test_reads_refuse_writes(engine_store: GraphStore) -> None:
    with pytest.raises(ReadOnlyViolation):
        await engine_store.read("CREATE (:Actor {id: 'actor:z', name: 'z'})")
    nodes, _ = await graph_counts(engine_store)
    assert nodes["Actor"] == 0


async def test_round_trips_are_counted(engine_store: GraphStore) -> None:
    before = engine_store.round_trips
    await engine_store.read("RETURN 1 AS one")
    await engine_store.write_batches(
        "UNWIND $rows AS row MERGE (n:Actor {id: row.id}) SET n.name = row.id",
        ({"id": f"actor:n{i}"} for i in range(5)),
        batch_size=2,
    )
    assert engine_store.round_trips - before == 1 + 3
