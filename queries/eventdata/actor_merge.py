"""Merging a resolved actor into its canonical one: names and UCDP id carried over, every
edge moved with the id the loaders would give it, the old actor deleted."""

from __future__ import annotations

from typing import Any

from graph.schema import RELATIONSHIP_TRIPLES, check_relationship_type
from graph.store.base import GraphStore, Transaction

MERGE_TARGET_UPDATE = (
    "UNWIND $rows AS row MATCH (a:Actor {id: row.new}) "
    "SET a.ucdp_id = coalesce(a.ucdp_id, row.ucdp_id), a.aliases = row.aliases, "
    "a.acled_names = row.acled_names, a.search_text = row.search_text"
)
ACTOR_NAMES_UPDATE = (
    "UNWIND $rows AS row MATCH (a:Actor {id: row.id}) "
    "SET a.ucdp_id = coalesce(a.ucdp_id, row.ucdp_id), a.aliases = row.aliases, "
    "a.acled_names = row.acled_names, a.search_text = row.search_text"
)
"""Give a curated actor the names and UCDP id a dataset knows it by (nothing else changes)."""
DELETE_MERGED_ACTORS = "UNWIND $rows AS row MATCH (a:Actor {id: row.old}) DETACH DELETE a"


def actor_edge_directions() -> list[tuple[str, str]]:
    """(relationship type, "out"|"in") for every type that can touch an Actor."""
    found: list[tuple[str, str]] = []
    for rel_type, triples in RELATIONSHIP_TRIPLES.items():
        if any(source == "Actor" for source, _ in triples):
            found.append((rel_type, "out"))
        if any(target == "Actor" for _, target in triples):
            found.append((rel_type, "in"))
    return found


def repoint_edges_statement(rel_type: str, direction: str) -> str:
    """Move `old`'s edges of one type to `new`, giving each the id the loaders would give it.

    Edge ids are `TYPE|from|to|key` (see `graph.model.Relationship.id`), so a moved edge
    merges with the one a later load writes for the canonical actor. Edges that would
    become self-loops are dropped with the old actor.
    """
    kind = check_relationship_type(rel_type)
    if direction == "out":
        pattern = f"(old:Actor {{id: row.old}})-[r:{kind}]->(other)"
        new_id = f"'{kind}|' + row.new + '|' + other.id + '|' + coalesce(r.key, '')"
        merge = f"MERGE (new)-[moved:{kind} {{id: rid}}]->(other)"
    elif direction == "in":
        pattern = f"(other)-[r:{kind}]->(old:Actor {{id: row.old}})"
        new_id = f"'{kind}|' + other.id + '|' + row.new + '|' + coalesce(r.key, '')"
        merge = f"MERGE (other)-[moved:{kind} {{id: rid}}]->(new)"
    else:
        raise ValueError(f"direction must be 'out' or 'in', not {direction!r}")
    return (
        f"UNWIND $rows AS row MATCH {pattern} MATCH (new:Actor {{id: row.new}}) "
        "WHERE other.id <> row.new "
        f"WITH r, other, new, {new_id} AS rid, properties(r) AS props "
        f"{merge} SET moved = props, moved.id = rid DELETE r"
    )


async def merge_actors(writer: GraphStore | Transaction, rows: list[dict[str, Any]]) -> None:
    """Rows `{old, new, ucdp_id, aliases, acled_names, search_text}`: move edges, delete old."""
    if not rows:
        return
    await writer.write(MERGE_TARGET_UPDATE, {"rows": rows})
    for rel_type, direction in actor_edge_directions():
        await writer.write(repoint_edges_statement(rel_type, direction), {"rows": rows})
    await writer.write(DELETE_MERGED_ACTORS, {"rows": rows})
