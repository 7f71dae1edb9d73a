"""Batched, idempotent write statements: `UNWIND $rows … MERGE` on `id`.

Every loader writes through these. Labels and relationship types are checked against the
schema before they are put into the statement text; every value travels in `$rows`.
Re-running a load MERGEs onto the same ids and so changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from graph.model import Node, Relationship
from graph.schema import check_label, check_relationship_type, label_for_id
from graph.store.base import DEFAULT_BATCH_SIZE, GraphStore, Transaction
from queries.place_rollup import HIERARCHY_TYPES, PLACE_LABELS, refresh_place_rollup

Writer = GraphStore | Transaction


def upsert_nodes_statement(label: str) -> str:
    """MERGE nodes of one label by id and replace their properties with the row's.

    `SET n = row.props` (not `+=`) so a property that disappeared from the source
    disappears from the graph: an updated export updates the node.
    """
    return f"UNWIND $rows AS row MERGE (n:{check_label(label)} {{id: row.id}}) SET n = row.props"


def merge_node_properties_statement(label: str) -> str:
    """MERGE nodes by id and add/overwrite only the given properties (keeps the rest)."""
    return f"UNWIND $rows AS row MERGE (n:{check_label(label)} {{id: row.id}}) SET n += row.props"


def upsert_relationships_statement(rel_type: str, from_label: str, to_label: str) -> str:
    """MERGE edges of one type between existing nodes, keyed by the edge's own id."""
    return (
        f"UNWIND $rows AS row "
        f"MATCH (a:{check_label(from_label)} {{id: row.from_id}}) "
        f"MATCH (b:{check_label(to_label)} {{id: row.to_id}}) "
        f"MERGE (a)-[r:{check_relationship_type(rel_type)} {{id: row.props.id}}]->(b) "
        "SET r = row.props"
    )


def delete_relationships_statement(rel_type: str, from_label: str) -> str:
    """Remove edges by id (used when a re-load moves an edge, e.g. an alias merge)."""
    return (
        f"UNWIND $rows AS row MATCH (:{check_label(from_label)})"
        f"-[r:{check_relationship_type(rel_type)} {{id: row.id}}]->() DELETE r"
    )


def node_rows(nodes: Iterable[Node]) -> Iterable[dict[str, Any]]:
    """The row shape `upsert_nodes_statement` expects."""
    for node in nodes:
        yield {"id": node.id, "props": node.to_properties()}


def relationship_rows(rels: Iterable[Relationship]) -> Iterable[dict[str, Any]]:
    """The row shape `upsert_relationships_statement` expects."""
    for rel in rels:
        yield {"from_id": rel.from_id, "to_id": rel.to_id, "props": rel.to_properties()}


def group_nodes(nodes: Iterable[Node]) -> dict[str, list[Node]]:
    """Nodes by label, in first-seen order."""
    groups: dict[str, list[Node]] = {}
    for node in nodes:
        groups.setdefault(node.label, []).append(node)
    return groups


def group_relationships(
    rels: Iterable[Relationship],
) -> dict[tuple[str, str, str], list[Relationship]]:
    """Relationships by (type, from label, to label) — one statement per group."""
    groups: dict[tuple[str, str, str], list[Relationship]] = {}
    for rel in rels:
        from_label = label_for_id(rel.from_id)
        to_label = label_for_id(rel.to_id)
        if from_label is None or to_label is None:
            raise ValueError(f"{rel.id}: endpoint ids must name a schema label")
        groups.setdefault((rel.type, from_label, to_label), []).append(rel)
    return groups


async def upsert_nodes(
    writer: Writer, nodes: Sequence[Node], batch_size: int = DEFAULT_BATCH_SIZE
) -> int:
    """Upsert nodes of any labels; returns how many rows were sent. Places written get
    their region roll-up again (`SET n = …` replaced it; queries.place_rollup)."""
    sent = 0
    places: dict[str, list[str]] = {}
    for label, group in group_nodes(nodes).items():
        sent += await writer.write_batches(
            upsert_nodes_statement(label), node_rows(group), batch_size
        )
        if label in PLACE_LABELS:
            places[label] = [node.id for node in group]
    if places:
        await refresh_place_rollup(writer, places)
    return sent


async def upsert_relationships(
    writer: Writer, rels: Sequence[Relationship], batch_size: int = DEFAULT_BATCH_SIZE
) -> int:
    """Upsert relationships of any types; endpoints must already exist. A hierarchy edge
    between places moves everything under it, so every place's roll-up is recomputed
    (queries.place_rollup: a few thousand places, well under a second)."""
    sent = 0
    groups = group_relationships(rels)
    for (rel_type, from_label, to_label), group in groups.items():
        sent += await writer.write_batches(
            upsert_relationships_statement(rel_type, from_label, to_label),
            relationship_rows(group),
            batch_size,
        )
    if any(rel_type in HIERARCHY_TYPES and from_label in PLACE_LABELS
           for rel_type, from_label, _ in groups):  # fmt: skip
        await refresh_place_rollup(writer)
    return sent


async def upsert_rows(
    writer: Writer,
    statement: str,
    rows: Iterable[Mapping[str, Any]],
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> int:
    """Send pre-shaped rows through one of the statements above."""
    return await writer.write_batches(statement, rows, batch_size)
