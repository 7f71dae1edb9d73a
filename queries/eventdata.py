"""The Cypher the event-data loaders (ACLED, UCDP) and the crosswalk need.

Reads build the crosswalk and the gazetteer from the store; writes create missing places,
prune an updated incident's stale edges, and merge a resolved actor into its canonical
one. Bulk node and edge upserts go through `queries.writes`. Labels and relationship types
come only from `graph.schema`; every value travels as a parameter.
"""

from __future__ import annotations

from typing import Any

from graph.dialect import Dialect
from graph.schema import RELATIONSHIP_TRIPLES, check_label, check_relationship_type
from graph.store.base import GraphStore, Record, Transaction
from queries.statements import provider

ACTOR_INDEX = (
    "MATCH (a:Actor) RETURN a.id AS id, a.name AS name, a.kind AS kind, a.aliases AS aliases, "
    "a.acled_names AS acled_names, a.ucdp_id AS ucdp_id, a.unresolved AS unresolved, "
    "a.source_ids AS source_ids ORDER BY id"
)
ALLIANCE_INDEX = (
    "MATCH (a:Alliance) RETURN a.id AS id, a.name AS name, a.aliases AS aliases ORDER BY id"
)
COUNTRY_INDEX = (
    "MATCH (c:Country) RETURN c.id AS id, c.name AS name, c.aliases AS aliases, c.iso3 AS iso3 "
    "ORDER BY id"
)
REGION_INDEX = (
    "MATCH (r:Region) OPTIONAL MATCH (r)-[:PART_OF]->(p:Region) "
    "RETURN r.id AS id, r.name AS name, r.aliases AS aliases, r.level AS level, "
    "r.country AS country, p.id AS parent_id ORDER BY id"
)
UNRESOLVED_ACTORS = (
    "MATCH (a:Actor) WHERE a.unresolved = true "
    "OPTIONAL MATCH (a)-[r:PARTICIPATED_IN]->(:Incident) "
    "WITH a, count(r) AS incidents "
    "RETURN a.id AS id, a.name AS name, a.kind AS kind, a.acled_names AS acled_names, "
    "a.aliases AS aliases, a.ucdp_id AS ucdp_id, a.source_ids AS source_ids, incidents "
    "ORDER BY incidents DESC, id"
)
PRUNE_PARTICIPANTS = (
    "UNWIND $rows AS row MATCH (:Incident {id: row.id})<-[r:PARTICIPATED_IN]-(:Actor) "
    "WHERE NOT r.id IN row.keep DELETE r"
)
PRUNE_PLACES = (
    "UNWIND $rows AS row MATCH (:Incident {id: row.id})-[r:OCCURRED_IN]->() "
    "WHERE NOT r.id IN row.keep DELETE r"
)
MERGE_TARGET_UPDATE = (
    "UNWIND $rows AS row MATCH (a:Actor {id: row.new}) "
    "SET a.ucdp_id = coalesce(a.ucdp_id, row.ucdp_id), a.aliases = row.aliases, "
    "a.acled_names = row.acled_names, a.search_text = row.search_text"
)
DELETE_MERGED_ACTORS = "UNWIND $rows AS row MATCH (a:Actor {id: row.old}) DETACH DELETE a"


def create_missing_nodes_statement(label: str) -> str:
    """MERGE by id and set properties only when the node is new.

    Places and sources the curated knowledge base already holds keep its properties: an
    event-data load never overwrites a curated node.
    """
    return f"UNWIND $rows AS row MERGE (n:{check_label(label)} {{id: row.id}}) ON CREATE SET n = row.props"


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


# -- running them ----------------------------------------------------------------------------


async def read_actor_index(store: GraphStore) -> list[Record]:
    return await store.read(ACTOR_INDEX)


async def read_alliance_index(store: GraphStore) -> list[Record]:
    return await store.read(ALLIANCE_INDEX)


async def read_places(store: GraphStore) -> tuple[list[Record], list[Record]]:
    """(countries, regions with their parent region id)."""
    return await store.read(COUNTRY_INDEX), await store.read(REGION_INDEX)


async def read_unresolved_actors(store: GraphStore) -> list[Record]:
    return await store.read(UNRESOLVED_ACTORS)


async def merge_actors(writer: GraphStore | Transaction, rows: list[dict[str, Any]]) -> None:
    """Rows `{old, new, ucdp_id, aliases, acled_names, search_text}`: move edges, delete old."""
    if not rows:
        return
    await writer.write(MERGE_TARGET_UPDATE, {"rows": rows})
    for rel_type, direction in actor_edge_directions():
        await writer.write(repoint_edges_statement(rel_type, direction), {"rows": rows})
    await writer.write(DELETE_MERGED_ACTORS, {"rows": rows})


@provider
def _eventdata(dialect: Dialect) -> dict[str, str]:
    found = {
        "eventdata.actor_index": ACTOR_INDEX,
        "eventdata.alliance_index": ALLIANCE_INDEX,
        "eventdata.country_index": COUNTRY_INDEX,
        "eventdata.region_index": REGION_INDEX,
        "eventdata.unresolved_actors": UNRESOLVED_ACTORS,
        "eventdata.prune_participants": PRUNE_PARTICIPANTS,
        "eventdata.prune_places": PRUNE_PLACES,
        "eventdata.merge_target_update": MERGE_TARGET_UPDATE,
        "eventdata.delete_merged_actors": DELETE_MERGED_ACTORS,
    }
    for label in ("Source", "Actor", "Alliance", "Country", "Region", "Location"):
        found[f"eventdata.create_missing.{label}"] = create_missing_nodes_statement(label)
    for rel_type, direction in actor_edge_directions():
        found[f"eventdata.repoint.{rel_type}.{direction}"] = repoint_edges_statement(
            rel_type, direction
        )
    return found
