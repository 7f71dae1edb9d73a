"""What the event-data loaders read before writing: the actors, alliances and places the
crosswalk and the gazetteer are built from, unresolved actors for review, and the incidents
of a batch the store already holds (with their places)."""

from __future__ import annotations

from collections.abc import Sequence

from graph.store.base import GraphStore, Record

ACTOR_INDEX = (
    "MATCH (a:Actor) RETURN a.id AS id, a.name AS name, a.kind AS kind, a.aliases AS aliases, "
    "a.acled_names AS acled_names, a.ucdp_id AS ucdp_id, a.unresolved AS unresolved, "
    "a.source_ids AS source_ids, a.country AS country, a.countries AS countries, "
    "a.founded AS founded, "
    "a.dissolved AS dissolved ORDER BY id"
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
LOCATION_INDEX = (
    "MATCH (l:Location) RETURN l.id AS id, l.name AS name, l.aliases AS aliases, "
    "l.country AS country ORDER BY id"
)
UNRESOLVED_ACTORS = (
    "MATCH (a:Actor) WHERE a.unresolved = true "
    "OPTIONAL MATCH (a)-[r:PARTICIPATED_IN]->(i:Incident) "
    "WITH a, count(r) AS incidents, collect(i.country) AS countries "
    "RETURN a.id AS id, a.name AS name, a.kind AS kind, a.acled_names AS acled_names, "
    "a.aliases AS aliases, a.ucdp_id AS ucdp_id, a.source_ids AS source_ids, incidents, "
    "countries ORDER BY incidents DESC, id"
)
INCIDENT_PLACES = (
    "UNWIND $ids AS wanted MATCH (n:Incident {id: wanted}) OPTIONAL MATCH (n)-[:OCCURRED_IN]->(p) "
    "RETURN n.id AS id, n.dataset AS dataset, p.id AS place, p.level AS level, "
    "n.admin1 AS admin1, n.admin2 AS admin2, n.admin3 AS admin3, n.location AS location, "
    "n.latitude AS latitude, n.longitude AS longitude, n.geo_precision AS geo_precision, "
    "n.source_timestamp AS source_timestamp"
)
"""Stored incidents among `$ids`, each with its place(s) and the properties that go with it."""


async def read_actor_index(store: GraphStore) -> list[Record]:
    return await store.read(ACTOR_INDEX)


async def read_alliance_index(store: GraphStore) -> list[Record]:
    return await store.read(ALLIANCE_INDEX)


async def read_places(store: GraphStore) -> tuple[list[Record], list[Record], list[Record]]:
    """(countries, regions with their parent region id, locations)."""
    return (
        await store.read(COUNTRY_INDEX),
        await store.read(REGION_INDEX),
        await store.read(LOCATION_INDEX),
    )


DATASET_HAS_INCIDENTS = "MATCH (n:Incident) WHERE n.dataset = $dataset RETURN n.id AS id LIMIT 1"


async def dataset_has_incidents(store: GraphStore, dataset: str) -> bool:
    """Whether the store holds any incident of `dataset` (whose ids alone a load can meet:
    event-data incident ids are made from the dataset's name)."""
    return bool(await store.read(DATASET_HAS_INCIDENTS, {"dataset": dataset}))


async def read_incident_places(store: GraphStore, ids: Sequence[str]) -> list[Record]:
    """One row per (stored incident, place) for the incidents among `ids` (a stored incident
    without a place has one row with `place` null)."""
    if not ids:
        return []
    return await store.read(INCIDENT_PLACES, {"ids": sorted(ids)})


async def read_unresolved_actors(store: GraphStore) -> list[Record]:
    return await store.read(UNRESOLVED_ACTORS)
