"""The Cypher the event-data loaders (ACLED, UCDP) and the crosswalk need.

Reads build the crosswalk and the gazetteer from the store; writes create missing places,
write incidents with their edges, clear an updated incident's edges before they are
rewritten, and merge a resolved actor into its canonical one. Labels and relationship
types come only from `graph.schema`; every value travels as a parameter.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from graph.dialect import Dialect
from graph.model import Actor, Incident
from graph.schema import RELATIONSHIP_TRIPLES, check_label, check_relationship_type
from graph.store.base import GraphStore, Record, Transaction
from graph.vocab import CLAIM_STATUS_RANK, ClaimStatus
from queries.statements import provider
from queries.writes import node_rows

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
CLEAR_PARTICIPANTS = (
    "UNWIND $ids AS incident MATCH (:Incident {id: incident})<-[r:PARTICIPATED_IN]-(:Actor) "
    "DELETE r"
)
"""Before an updated row is written again: its edges are rewritten from the row."""
CLEAR_PLACES = (
    "UNWIND $ids AS incident MATCH (:Incident {id: incident})-[r:OCCURRED_IN]->() DELETE r"
)
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


def create_missing_nodes_statement(label: str) -> str:
    """MERGE by id and set properties only when the node is new.

    Places and sources the curated knowledge base already holds keep its properties: an
    event-data load never overwrites a curated node.
    """
    return f"UNWIND $rows AS row MERGE (n:{check_label(label)} {{id: row.id}}) ON CREATE SET n = row.props"


INCIDENT_SHARED: tuple[str, ...] = ("dataset", "source_ids")
"""Incident properties every row of one load shares: sent once per batch as `$shared`."""
INCIDENT_PROPERTIES: tuple[str, ...] = tuple(
    name for name in Incident.model_fields if name not in INCIDENT_SHARED
)
"""The order of values in an incident row: the model's fields, less the shared ones."""


def _incident_map() -> str:
    """`{id: row[0], …, dataset: $shared.dataset, …, search_text: row[<name>]}`.

    `search_text` is what `graph.model.Node.to_properties` adds: for an incident, its name.
    """
    parts = []
    for i, name in enumerate(INCIDENT_PROPERTIES):
        if not name.isidentifier():
            raise ValueError(f"{name!r} is not a property name")
        parts.append(f"{name}: row[{i}]")
    parts += [f"{name}: $shared.{name}" for name in INCIDENT_SHARED]
    parts.append(f"search_text: row[{INCIDENT_PROPERTIES.index('name')}]")
    return "{" + ", ".join(parts) + "}"


def incident_row(
    props: dict[str, Any], participants: list[list[str]], place_id: str | None
) -> list[Any]:
    """One incident as the positional row `incidents_statement` takes.

    `[*values of INCIDENT_PROPERTIES, [[actor id, role(, attribution text)], …], place id]`; the values of
    INCIDENT_SHARED go once per batch as `$shared` (see `incident_shared`). Rows are lists,
    not maps: FalkorDB reads a list parameter several times faster than a map with the
    same values, and an event load sends millions of them. A missing value is null, which
    `SET n = {…}` leaves unset on both engines.
    """
    try:
        row = list(_INCIDENT_VALUES(props))  # every parser's props hold every property
    except KeyError:
        row = [props.get(name) for name in INCIDENT_PROPERTIES]
    row.append(participants)
    row.append(place_id)
    return row


_INCIDENT_VALUES = itemgetter(*INCIDENT_PROPERTIES)


def incident_shared(props: dict[str, Any]) -> dict[str, Any]:
    """The `$shared` map for a batch of incidents like `props`."""
    return {name: props.get(name) for name in INCIDENT_SHARED}


_PARTICIPANTS = len(INCIDENT_PROPERTIES)
_PLACE = _PARTICIPANTS + 1


def incidents_statement(create: bool, place_label: str | None) -> str:
    """Write incidents with their PARTICIPATED_IN and OCCURRED_IN edges in one statement.

    `create` is for incidents the store did not have before this batch (checked just
    before); otherwise they are MERGEd by id and their properties replaced (an updated
    export updates them). Either way the edges are CREATEd: the caller guarantees the
    incidents have no event edges at this point (new ones have none; an updated one's were
    cleared with CLEAR_PARTICIPANTS / CLEAR_PLACES in the same transaction). That keeps the
    cost per edge constant: a MERGE of an edge searches the actor's edges, and an actor such
    as a national army takes part in tens of thousands of incidents. Edge ids are those
    `graph.model.Relationship` gives (`TYPE|from|to|key`). Actors and places exist already:
    the loader writes them earlier in the same transaction.
    """
    node = "CREATE (n:Incident)" if create else "MERGE (n:Incident {id: row[0]})"
    statement = (
        f"UNWIND $rows AS row {node} SET n = {_incident_map()} "
        f"FOREACH (p IN row[{_PARTICIPANTS}] | MERGE (a:Actor {{id: p[0]}}) "
        "CREATE (a)-[r:PARTICIPATED_IN]->(n) "
        f"SET r = $edge, r.id = {_PARTICIPANT_ID}, r.role = p[1], r.key = p[1], {_CANDIDATE})"
    )
    if place_label is None:
        return statement
    return (
        f"{statement} WITH n, row MATCH (l:{check_label(place_label)} {{id: row[{_PLACE}]}}) "
        f"CREATE (n)-[o:OCCURRED_IN]->(l) SET o = $edge, o.id = {_PLACE_ID}, o.key = ''"
    )


_PARTICIPANT_ID = "'PARTICIPATED_IN|' + p[0] + '|' + row[0] + '|' + p[1]"
_CANDIDATE = (
    "r.attribution = CASE WHEN size(p) > 2 THEN p[2] END, "
    "r.status = CASE WHEN size(p) > 2 THEN $possible.status ELSE r.status END, "
    "r.status_rank = CASE WHEN size(p) > 2 THEN $possible.status_rank ELSE r.status_rank END"
)
"""A participant `[actor, role, text]` is a candidate of an ambiguous attribution: its edge
keeps the text and takes the `$possible` status (see `loaders.attribution`)."""


def possible_edge() -> dict[str, Any]:
    """The `$possible` parameter: the status a candidate edge takes instead of `$edge`'s."""
    return {"status": ClaimStatus.POSSIBLE.value,
            "status_rank": CLAIM_STATUS_RANK[ClaimStatus.POSSIBLE]}  # fmt: skip


_PLACE_ID = f"'OCCURRED_IN|' + row[0] + '|' + row[{_PLACE}] + '|'"


def add_missing_participants_statement() -> str:
    """For incidents whose rows may come in parts (ACLED's monadic layout): add the
    PARTICIPATED_IN edges an incident lacks, looking from the incident's side."""
    return (
        f"UNWIND $rows AS row MATCH (n:Incident {{id: row[0]}}) "
        f"UNWIND row[{_PARTICIPANTS}] AS p MATCH (a:Actor {{id: p[0]}}) "
        f"WITH n, a, p, {_PARTICIPANT_ID} AS rid "
        "OPTIONAL MATCH (n)<-[e:PARTICIPATED_IN {id: rid}]-(:Actor) "
        "WITH n, a, p, rid, e WHERE e IS NULL "
        "CREATE (a)-[r:PARTICIPATED_IN]->(n) SET r = $edge, r.id = rid, r.role = p[1], r.key = p[1], "
        f"{_CANDIDATE}"
    )


def add_missing_place_statement(place_label: str) -> str:
    """The OCCURRED_IN counterpart of `add_missing_participants_statement`."""
    return (
        f"UNWIND $rows AS row MATCH (n:Incident {{id: row[0]}}) "
        f"MATCH (l:{check_label(place_label)} {{id: row[{_PLACE}]}}) WITH n, l, {_PLACE_ID} AS rid "
        "OPTIONAL MATCH (n)-[e:OCCURRED_IN {id: rid}]->() WITH n, l, rid, e WHERE e IS NULL "
        "CREATE (n)-[o:OCCURRED_IN]->(l) SET o = $edge, o.id = rid, o.key = ''"
    )


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


async def read_places(store: GraphStore) -> tuple[list[Record], list[Record], list[Record]]:
    """(countries, regions with their parent region id, locations)."""
    return (
        await store.read(COUNTRY_INDEX),
        await store.read(REGION_INDEX),
        await store.read(LOCATION_INDEX),
    )


async def create_missing_actors(store: GraphStore, actors: Sequence[Actor]) -> None:
    """Actors the crosswalk decisions point at, created only where the store lacks them."""
    if actors:
        await store.write(
            create_missing_nodes_statement("Actor"), {"rows": list(node_rows(actors))}
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
        "eventdata.location_index": LOCATION_INDEX,
        "eventdata.unresolved_actors": UNRESOLVED_ACTORS,
        "eventdata.incident_places": INCIDENT_PLACES,
        "eventdata.dataset_has_incidents": DATASET_HAS_INCIDENTS,
        "eventdata.clear_participants": CLEAR_PARTICIPANTS,
        "eventdata.clear_places": CLEAR_PLACES,
        "eventdata.add_missing_participants": add_missing_participants_statement(),
        "eventdata.merge_target_update": MERGE_TARGET_UPDATE,
        "eventdata.delete_merged_actors": DELETE_MERGED_ACTORS,
        "eventdata.actor_names_update": ACTOR_NAMES_UPDATE,
    }
    for create in (True, False):
        for place in (None, "Location", "Region", "Country"):
            found[f"eventdata.incidents.{create}.{place}"] = incidents_statement(create, place)
    for place in ("Location", "Region", "Country"):
        found[f"eventdata.add_missing_place.{place}"] = add_missing_place_statement(place)
    for rel_type, from_label, to_label in LINKS:
        found[f"eventdata.link.{rel_type}.{from_label}.{to_label}"] = link_statement(
            rel_type, from_label, to_label
        )
    for label in ("Source", "Actor", "Alliance", "Country", "Region", "Location"):
        found[f"eventdata.create_missing.{label}"] = create_missing_nodes_statement(label)
    for rel_type, direction in actor_edge_directions():
        found[f"eventdata.repoint.{rel_type}.{direction}"] = repoint_edges_statement(
            rel_type, direction
        )
    return found
