"""The nodes incidents refer to: actors, places and sources created only where the store
lacks them, and the place hierarchy edges linking places to regions and countries."""

from __future__ import annotations

from collections.abc import Sequence

from graph.model import Actor
from graph.schema import check_label, check_relationship_type
from graph.store.base import GraphStore
from queries.writes import node_rows


def create_missing_nodes_statement(label: str) -> str:
    """MERGE by id and set properties only when the node is new.

    Places and sources the curated knowledge base already holds keep its properties: an
    event-data load never overwrites a curated node.
    """
    return f"UNWIND $rows AS row MERGE (n:{check_label(label)} {{id: row.id}}) ON CREATE SET n = row.props"


def _edge_id(rel_type: str) -> str:
    """Cypher for `graph.model.Relationship.id` of a row `[from, to, role]`."""
    kind = check_relationship_type(rel_type)
    return f"'{kind}|' + row[0] + '|' + row[1] + '|' + coalesce(row[2], '')"


def link_statement(rel_type: str, from_label: str, to_label: str) -> str:
    """MERGE edges from positional rows `[from id, to id, role]`.

    The id is computed as `graph.model.Relationship` computes it, and the properties every
    edge of a load shares (status, credibility, sources…) travel once per batch as `$edge`
    rather than once per row: event files have millions of edges.
    """
    return (
        f"UNWIND $rows AS row "
        f"MATCH (a:{check_label(from_label)} {{id: row[0]}}) "
        f"MATCH (b:{check_label(to_label)} {{id: row[1]}}) "
        f"WITH a, b, row, {_edge_id(rel_type)} AS rid "
        f"MERGE (a)-[r:{check_relationship_type(rel_type)} {{id: rid}}]->(b) "
        "SET r = $edge, r.id = rid, r.role = row[2], r.key = coalesce(row[2], '')"
    )


LINKS: tuple[tuple[str, str, str], ...] = (
    ("PART_OF", "Region", "Region"),
    ("PART_OF", "Region", "Country"),
    ("LOCATED_IN", "Location", "Region"),
    ("LOCATED_IN", "Location", "Country"),
)
"""The place hierarchy edges the event-data loaders write with `link_statement`."""


async def create_missing_actors(store: GraphStore, actors: Sequence[Actor]) -> None:
    """Actors the crosswalk decisions point at, created only where the store lacks them."""
    if actors:
        await store.write(
            create_missing_nodes_statement("Actor"), {"rows": list(node_rows(actors))}
        )
