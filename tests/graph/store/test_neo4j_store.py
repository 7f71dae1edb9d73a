"""What only Neo4j has, on the real server: its DDL, its error codes, its driver's values.

The store contract (test_contract.py) runs on both engines; these tests pin the Neo4j side
of the dialect and of the store: the constraints and indexes Neo4j really holds after
`ensure_schema`, the project's own errors for Neo4j's refusals, and connection failures.
"""

from __future__ import annotations

import pytest

from graph.dialect import FULLTEXT_INDEX
from graph.model import Actor
from graph.schema import FULLTEXT_LABELS, INDEXES, LABELS
from graph.store import ConstraintViolation, ReadOnlyViolation, StoreError, open_store
from graph.store.neo4j_store import Neo4jStore
from queries.stats import graph_counts
from queries.writes import upsert_nodes
from tools.neo4j.server import Connection

SRC = ["source:test"]


async def test_uniqueness_constraints_are_neo4j_constraints(neo4j_store: Neo4jStore) -> None:
    rows = await neo4j_store.read(
        "SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties "
        "RETURN name, type, entityType, labelsOrTypes, properties ORDER BY name"
    )
    expected = sorted(
        (index.name, "UNIQUENESS", "NODE", [index.label], [index.prop])
        for index in INDEXES
        if index.unique
    )
    found = [
        (r["name"], r["type"], r["entityType"], r["labelsOrTypes"], r["properties"]) for r in rows
    ]
    assert found == expected
    # one per label: every node's `id` is unique within its label
    assert [r[3][0] for r in found] == sorted(LABELS)


async def test_property_and_fulltext_indexes_are_online(neo4j_store: Neo4jStore) -> None:
    rows = await neo4j_store.read(
        "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state, owningConstraint "
        "WHERE type <> 'LOOKUP' "
        "RETURN name, type, labelsOrTypes, properties, state, owningConstraint ORDER BY name"
    )
    assert {r["state"] for r in rows} == {"ONLINE"}
    plain = sorted(
        (r["name"], r["type"], r["labelsOrTypes"], r["properties"])
        for r in rows
        if r["owningConstraint"] is None
    )
    expected = sorted(
        (index.name, "RANGE", [index.label], [index.prop]) for index in INDEXES if not index.unique
    )
    expected.append((FULLTEXT_INDEX, "FULLTEXT", list(FULLTEXT_LABELS), ["search_text"]))
    assert plain == sorted(expected)
    backing = sorted(r["owningConstraint"] for r in rows if r["owningConstraint"] is not None)
    assert backing == sorted(index.name for index in INDEXES if index.unique)


async def test_existing_schema_describes_what_neo4j_holds(neo4j_store: Neo4jStore) -> None:
    lines = await neo4j_store.existing_schema()
    assert "CONSTRAINT UNIQUENESS actor_id_uniq :Actor(id)" in lines
    assert "RANGE incident_date_idx :Incident(date)" in lines
    assert f"FULLTEXT {FULLTEXT_INDEX} :Actor|Alliance|Region|Location(search_text)" in lines
    assert len(lines) == len(INDEXES) + 1


async def test_a_read_session_refuses_writes(neo4j_store: Neo4jStore) -> None:
    with pytest.raises(ReadOnlyViolation) as refused:
        await neo4j_store.read("CREATE (:Actor {id: 'actor:z', name: 'z'})")
    assert str(refused.value).startswith(
        "Neo4j refused a write in a read: Writing in read access mode not allowed."
    )
    with pytest.raises(ReadOnlyViolation):
        await neo4j_store.read("MATCH (n) DETACH DELETE n")
    nodes, _ = await graph_counts(neo4j_store)
    assert sum(nodes.values()) == 0


async def test_a_duplicate_id_is_a_constraint_violation(neo4j_store: Neo4jStore) -> None:
    await upsert_nodes(neo4j_store, [Actor(id="actor:a", name="A", source_ids=SRC)])
    with pytest.raises(
        ConstraintViolation,
        match=r"^Neo4j: constraint violated: Node\(\d+\) already exists with label `Actor` "
        r"and property `id` = 'actor:a'$",
    ):
        await neo4j_store.write("CREATE (:Actor {id: 'actor:a', name: 'dup'})")
    rows = await neo4j_store.read("MATCH (n:Actor) RETURN n.id AS id, n.name AS name")
    assert rows == [{"id": "actor:a", "name": "A"}]


async def test_a_violation_inside_a_transaction_rolls_it_all_back(
    neo4j_store: Neo4jStore,
) -> None:
    await upsert_nodes(neo4j_store, [Actor(id="actor:a", name="A", source_ids=SRC)])
    with pytest.raises(ConstraintViolation):
        async with neo4j_store.transaction() as tx:
            await tx.write("CREATE (:Actor {id: 'actor:b', name: 'B'})")
            await tx.write("CREATE (:Actor {id: 'actor:a', name: 'dup'})")
    rows = await neo4j_store.read("MATCH (n:Actor) RETURN n.id AS id ORDER BY id")
    assert rows == [{"id": "actor:a"}]


async def test_a_syntax_error_names_neo4j_s_complaint(neo4j_store: Neo4jStore) -> None:
    with pytest.raises(StoreError, match=r"^Neo4j: Invalid input 'RETRN'"):
        await neo4j_store.read("RETRN 1")


async def test_clear_empties_a_graph_bigger_than_one_batch(neo4j_store: Neo4jStore) -> None:
    await neo4j_store.write(
        "UNWIND range(1, $n) AS i CREATE (:Incident {id: 'incident:' + i})-[:OCCURRED_IN]->"
        "(:Region {id: 'region:' + i})",
        {"n": 6000},
    )
    nodes, rels = await graph_counts(neo4j_store)
    assert (nodes["Incident"], nodes["Region"], rels["OCCURRED_IN"]) == (6000, 6000, 6000)
    await neo4j_store.clear()
    nodes, rels = await graph_counts(neo4j_store)
    assert sum(nodes.values()) == 0 and sum(rels.values()) == 0
    assert len(await neo4j_store.existing_schema()) == len(INDEXES) + 1  # the schema stays


async def test_driver_values_come_back_plain(neo4j_store: Neo4jStore) -> None:
    rows = await neo4j_store.read(
        "RETURN date('2023-09-16') AS day, [1, 2.5, 'x', null] AS mixed, {a: {b: true}} AS nested"
    )
    assert rows == [
        {"day": "2023-09-16", "mixed": [1, 2.5, "x", None], "nested": {"a": {"b": True}}}
    ]


async def test_wrong_password_is_a_clear_error(neo4j_connection: Connection) -> None:
    with pytest.raises(StoreError) as refused:
        await Neo4jStore.open(neo4j_connection.uri, neo4j_connection.user, "not-the-password")
    assert str(refused.value) == (
        f"Neo4j at {neo4j_connection.uri} refused user 'neo4j': wrong user or password "
        "(set NEO4J_USER and NEO4J_PASSWORD)"
    )
    assert "not-the-password" not in str(refused.value)


async def test_no_server_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match=r"^cannot reach Neo4j at bolt://127\.0\.0\.1:9: "):
        await Neo4jStore.open("bolt://127.0.0.1:9", "neo4j", "whatever-password")


async def test_the_store_url_takes_credentials_from_the_environment(
    neo4j_connection: Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_USER", neo4j_connection.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_connection.password)
    store = await open_store(neo4j_connection.uri)
    try:
        assert store.engine == "neo4j"
        assert await store.read("RETURN $v AS v", {"v": 7}) == [{"v": 7}]
    finally:
        await store.close()
