"""Counts by label and relationship type: what `sahelkg stats` shows."""

from __future__ import annotations

from graph.schema import LABELS, RELATIONSHIP_TYPES, check_label, check_relationship_type
from graph.store.base import GraphStore


def count_nodes_statement(label: str) -> str:
    return f"MATCH (n:{check_label(label)}) RETURN count(n) AS count"


def count_relationships_statement(rel_type: str) -> str:
    return f"MATCH ()-[r:{check_relationship_type(rel_type)}]->() RETURN count(r) AS count"


async def graph_counts(store: GraphStore) -> tuple[dict[str, int], dict[str, int]]:
    """(nodes per label, relationships per type), every schema name present, zeros included."""
    nodes = {}
    for label in LABELS:
        rows = await store.read(count_nodes_statement(label))
        nodes[label] = int(rows[0]["count"]) if rows else 0
    rels = {}
    for rel_type in RELATIONSHIP_TYPES:
        rows = await store.read(count_relationships_statement(rel_type))
        rels[rel_type] = int(rows[0]["count"]) if rows else 0
    return nodes, rels
