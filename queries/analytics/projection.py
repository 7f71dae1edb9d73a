"""Projections: the actor networks and actor presence the analytics run on, one read each.

Incident sides (one mapping for every source, used by both networks):
- side A: ACLED `actor1` and `assoc_actor_1`, UCDP `side_a`, curated `perpetrator`/`attacker`;
- side B: ACLED `actor2` and `assoc_actor_2`, UCDP `side_b`, curated `target`/`victim`;
- any other role (e.g. curated `participant`) has no side and makes no pair.
Two actors on the same side of an incident cooperated in it; on opposite sides, fought.

Cooperation evidence between two actors, each item weighing 1: co-membership of an
alliance, ALLIED_WITH, SUPPORTS (directly, or of an alliance the other belongs to), PART_OF
(a unit and its parent), a joint operation (both CONDUCTED it), an incident on the same
side. Hostility evidence: HOSTILE_TO (directly, or to an alliance the other belongs to) and
incidents on opposite sides, weighed per incident (`weight_by=incidents`) or per death
(`weight_by=fatalities`; a claim still weighs 1).

Claims count when they overlap the window and pass the status/credibility floor; an
alliance counts only while it exists, and a *possible* alliance only when the floor is
`possible` (so by default — floor `assessed` — the possible JNIM–CMA alignment is left
to the what-if). Incidents and operations count when their date, of any precision, can
fall inside the window (queries.claims.dated_within).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.store.base import GraphStore, Record
from queries.claims import (
    STATUS_RANK_PARAM,
    date_window,
    dated_within,
    overlaps,
    status_rank,
    valid_during,
)
from queries.readcache import cached

SIDE_A_ROLES: tuple[str, ...] = ("actor1", "assoc_actor_1", "side_a", "perpetrator", "attacker")
SIDE_B_ROLES: tuple[str, ...] = ("actor2", "assoc_actor_2", "side_b", "target", "victim")
CLAIM_KINDS = frozenset(
    {"alliance", "allied_with", "supports", "part_of", "hostile_to", "hostile_to_alliance"}
)
"""Evidence that is a sourced claim rather than a counted incident or operation."""


def side_of(role: str | None) -> str | None:
    """`actor1` → "A", `side_b` → "B", anything else → None."""
    if role in SIDE_A_ROLES:
        return "A"
    if role in SIDE_B_ROLES:
        return "B"
    return None


_IN_WINDOW = dated_within("i.date")
_DATASET = "($dataset IS NULL OR i.dataset = $dataset)"
_SAME_SIDE = (
    "((p.role IN $side_a AND q.role IN $side_a) OR (p.role IN $side_b AND q.role IN $side_b))"
)
_OPPOSITE = (
    "((p.role IN $side_a AND q.role IN $side_b) OR (p.role IN $side_b AND q.role IN $side_a))"
)
_ALLIANCE_OK = (
    f"{overlaps('al.formed', 'al.dissolved', '$start', '$end')} "
    f"AND CASE al.status WHEN 'possible' THEN 1 ELSE 4 END >= {STATUS_RANK_PARAM}"
)
_PACK = "links AS packed"


def _fast_graded(rel: str) -> str:
    """graded() with the floor precomputed (`$min_rank`): cheaper over many incidents."""
    return f"{rel}.status_rank >= $min_rank AND {rel}.credibility <= $max_credibility"


def _claims(pattern: str, where: str, kind: str, ref: str = "''") -> str:
    """One claim-backed item per (a, b), packed per source actor."""
    return (
        f"MATCH {pattern} WHERE {where} "
        f"WITH a, collect(b.id + ',1,0,' + {ref}) AS links "
        f"RETURN a.id AS source, a.name AS source_name, '{kind}' AS kind, {_PACK}"
    )


def _counted(match: str, where: str, thing: str, deaths: str, kind: str) -> str:
    """Items counted per (a, b) — each `thing` once — packed per source actor."""
    return (
        f"{match} WHERE a.id < b.id AND {where} "
        f"WITH DISTINCT a, b, {thing} "
        f"WITH a, b, count({thing}) AS n, toInteger(sum(coalesce({deaths}, 0))) AS f "
        "WITH a, collect(b.id + ',' + toString(n) + ',' + toString(f) + ',') AS links "
        f"RETURN a.id AS source, a.name AS source_name, '{kind}' AS kind, {_PACK}"
    )


_INCIDENT_PAIRS = (
    f"MATCH (i:Incident) WHERE {_IN_WINDOW} AND {_DATASET} "
    "MATCH (a:Actor)-[p:PARTICIPATED_IN]->(i)<-[q:PARTICIPATED_IN]-(b:Actor)"
)
_PAIR_GRADES = f"{_fast_graded('p')} AND {_fast_graded('q')}"

COOPERATION = " UNION ALL ".join(
    [
        _counted(
            _INCIDENT_PAIRS, f"{_SAME_SIDE} AND {_PAIR_GRADES}", "i", "i.fatalities", "same_side"
        ),
        _claims(
            "(a:Actor)-[m1:MEMBER_OF]->(al:Alliance)<-[m2:MEMBER_OF]-(b:Actor)",
            f"a.id < b.id AND {valid_during('m1')} AND {valid_during('m2')} AND {_ALLIANCE_OK}",
            "alliance",
            "al.id",
        ),
        *(
            _claims(
                f"(a:Actor)-[r:{rel_type}]->(b:Actor)",
                f"a.id <> b.id AND {valid_during('r')}",
                rel_type.lower(),
            )
            for rel_type in ("ALLIED_WITH", "SUPPORTS", "PART_OF")
        ),
        _claims(
            "(a:Actor)-[r:SUPPORTS]->(al:Alliance)<-[m:MEMBER_OF]-(b:Actor)",
            f"a.id <> b.id AND {valid_during('r')} AND {valid_during('m')} AND {_ALLIANCE_OK}",
            "supports",
        ),
        _counted(
            f"MATCH (o:Operation) WHERE {dated_within('o.date')} "
            "MATCH (a:Actor)-[c1:CONDUCTED]->(o)<-[c2:CONDUCTED]-(b:Actor)",
            f"{_fast_graded('c1')} AND {_fast_graded('c2')}",
            "o",
            "o.casualties",
            "joint_operation",
        ),
    ]
)
"""Cooperation evidence between actor pairs in the window, one read (rows packed, below)."""

HOSTILITY = " UNION ALL ".join(
    [
        _counted(
            _INCIDENT_PAIRS,
            f"{_OPPOSITE} AND {_PAIR_GRADES}",
            "i",
            "i.fatalities",
            "opposite_sides",
        ),
        _claims(
            "(a:Actor)-[r:HOSTILE_TO]->(b:Actor)",
            f"a.id <> b.id AND {valid_during('r')}",
            "hostile_to",
        ),
        _claims(
            "(a:Actor)-[r:HOSTILE_TO]->(al:Alliance)<-[m:MEMBER_OF]-(b:Actor)",
            f"a.id <> b.id AND {valid_during('r')} AND {valid_during('m')} AND {_ALLIANCE_OK}",
            "hostile_to_alliance",
        ),
    ]
)
"""Hostility evidence between actor pairs in the window, one read (rows packed, below)."""

_ROLL_UP = "(i:Incident)-[:OCCURRED_IN]->()-[:PART_OF|LOCATED_IN*0..3]->(r:Region)"

PRESENCE = " UNION ALL ".join(
    [
        f"MATCH (a:Actor)-[p:PARTICIPATED_IN]->{_ROLL_UP} "
        f"WHERE r.level = $level AND {_IN_WINDOW} AND {_DATASET} AND {_fast_graded('p')} "
        "WITH DISTINCT a, r, i "
        "WITH a, r, count(i) AS n, toInteger(sum(coalesce(i.fatalities, 0))) AS f "
        "WITH a, collect(r.id + ',' + toString(n) + ',' + toString(f)) AS links "
        f"RETURN a.id AS id, a.name AS name, 'incidents' AS kind, {_PACK}",
        "MATCH (a:Actor)-[c:OPERATES_IN]->()-[:PART_OF|LOCATED_IN*0..3]->(r:Region) "
        f"WHERE r.level = $level AND {valid_during('c')} "
        "WITH DISTINCT a, r, c "
        "WITH a, r, count(c) AS n "
        "WITH a, collect(r.id + ',' + toString(n) + ',0') AS links "
        f"RETURN a.id AS id, a.name AS name, 'operates_in' AS kind, {_PACK}",
        f"MATCH {_ROLL_UP} WHERE r.level = $level AND {_IN_WINDOW} AND {_DATASET} "
        "WITH DISTINCT r, i "
        "WITH r, count(i) AS n, toInteger(sum(coalesce(i.fatalities, 0))) AS f "
        "RETURN r.id AS id, r.name AS name, 'total' AS kind, "
        "[toString(n) + ',' + toString(f)] AS packed",
        "MATCH (r:Region) WHERE r.level = $level "
        "RETURN r.id AS id, r.name AS name, 'region' AS kind, [] AS packed",
    ]
)
"""Where actors are present in the window: incidents and OPERATES_IN claims per actor and
region (admin `level`), each region's distinct incident total, and region names; one read."""

STATEMENTS = {"cooperation": COOPERATION, "hostility": HOSTILITY, "presence": PRESENCE}

NETWORKS = ("cooperation", "hostility")


@dataclass(frozen=True)
class Filters:
    """The window and floors a projection is read with."""

    start: str | None = None
    end: str | None = None
    min_status: str = "assessed"
    max_credibility: int = 6
    dataset: str | None = None
    level: int = 1

    def params(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            **date_window(self.start, self.end),
            "min_status": self.min_status,
            "min_rank": status_rank(self.min_status),
            "max_credibility": self.max_credibility,
            "dataset": self.dataset,
            "level": self.level,
            "side_a": list(SIDE_A_ROLES),
            "side_b": list(SIDE_B_ROLES),
        }


@dataclass(frozen=True)
class Evidence:
    """Items of one kind linking two actors (undirected)."""

    source: str
    source_name: str | None
    target: str
    target_name: str | None
    kind: str
    ref: str | None
    items: int
    fatalities: int


def unpack(record: Mapping[str, Any]) -> Iterator[Evidence]:
    """A projection row — one source actor, one kind, its packed links — as Evidence.

    Rows come packed, one per source actor and kind, with a list of `target,items,
    fatalities,ref` strings (ids never hold a comma), because each result value costs the
    Python client more to parse than the engine spends finding it: 40,000 pair rows of
    five values took ~2.3 s to arrive, the same pairs packed ~1 s. (Joining the list into
    one string with reduce() would be faster still, but crashed FalkorDB 4.16 when the
    statement ran a second time.)
    """
    for entry in record["packed"]:
        target, items, fatalities, ref = entry.split(",", 3)
        yield Evidence(
            source=record["source"],
            source_name=record["source_name"],
            target=target,
            target_name=None,
            kind=record["kind"],
            ref=ref or None,
            items=int(items),
            fatalities=int(fatalities),
        )


def evidence_of(records: Iterable[Mapping[str, Any]]) -> Iterator[Evidence]:
    for record in records:
        yield from unpack(record)


def weight_of(evidence: Evidence, weight_by: str) -> float:
    """Claims and cooperation items weigh 1 each; hostile incidents by count or by deaths."""
    if weight_by == "fatalities" and evidence.kind not in CLAIM_KINDS:
        return float(evidence.fatalities)
    return float(evidence.items)


def build_network(evidence: Iterable[Evidence], weight_by: str = "incidents") -> nx.Graph:
    """Undirected actor graph. Edge data: `weight`, `items` and `fatalities` (totals),
    `kinds` (items per kind), `alliances` (ids of alliances the pair shares). Nodes and
    edges are added in sorted order so seeded algorithms give the same answer every run."""
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    names: dict[str, str | None] = {}
    for e in evidence:
        names.setdefault(e.target, e.target_name)
        names[e.source] = e.source_name or names.get(e.source)
        key = (e.source, e.target) if e.source < e.target else (e.target, e.source)
        data = edges.get(key)
        if data is None:
            data = edges[key] = {"weight": 0.0, "items": 0, "fatalities": 0, "kinds": {},
                                 "alliances": []}  # fmt: skip
        data["weight"] += weight_of(e, weight_by)
        data["items"] += e.items
        data["fatalities"] += e.fatalities
        data["kinds"][e.kind] = data["kinds"].get(e.kind, 0) + e.items
        if e.kind == "alliance" and e.ref and e.ref not in data["alliances"]:
            data["alliances"].append(e.ref)
    graph = nx.Graph()
    graph.add_nodes_from((node, {"name": names[node]}) for node in sorted(names))
    for data in edges.values():
        data["kinds"] = dict(sorted(data["kinds"].items()))
        data["alliances"].sort()
    graph.add_edges_from((u, v, edges[u, v]) for u, v in sorted(edges))
    return graph


async def read_network(
    store: GraphStore,
    network: str,
    filters: Filters,
    weight_by: str = "incidents",
    named: bool = True,
) -> nx.Graph:
    """The projection (one read), then the graph; names of second ends looked up after."""
    if network not in NETWORKS:
        raise ValueError(f"network must be one of {', '.join(NETWORKS)}, got {network!r}")

    async def read() -> nx.Graph:
        records = await store.read(STATEMENTS[network], filters.params())
        graph = build_network(evidence_of(records), weight_by)
        if named:
            await name_nodes(store, graph)
        return nx.freeze(graph)

    return await cached(store, ("network", network, filters, weight_by, named), read)


NAMES = "UNWIND $ids AS id MATCH (a:Actor {id: id}) RETURN a.id AS id, a.name AS name"


async def name_nodes(store: GraphStore, graph: nx.Graph) -> None:
    """Fill in the names of actors that only ever appeared as a pair's second end."""
    missing = sorted(n for n, name in graph.nodes(data="name") if name is None)
    if missing:
        for row in await store.read(NAMES, {"ids": missing}):
            graph.nodes[row["id"]]["name"] = row["name"]


@dataclass
class Presence:
    """Per actor and region: incidents, fatalities, OPERATES_IN claims; per region totals."""

    incidents: dict[str, dict[str, int]] = field(default_factory=dict)
    fatalities: dict[str, dict[str, int]] = field(default_factory=dict)
    claims: dict[str, dict[str, int]] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    total_fatalities: dict[str, int] = field(default_factory=dict)
    actor_names: dict[str, str | None] = field(default_factory=dict)
    region_names: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def of(cls, records: Iterable[Record]) -> Presence:
        """From the packed PRESENCE rows (`region,items,fatalities` entries per actor)."""
        presence = cls()
        for rec in records:
            kind, packed = rec["kind"], list(rec["packed"])
            if kind in ("region", "total"):
                presence.region_names[rec["id"]] = rec["name"]
                if kind == "total":
                    items, fatalities = packed[0].split(",")
                    presence.totals[rec["id"]] = int(items)
                    presence.total_fatalities[rec["id"]] = int(fatalities)
                continue
            actor = rec["id"]
            presence.actor_names[actor] = rec["name"]
            for entry in packed:
                region, items, fatalities = entry.split(",")
                if kind == "incidents":
                    presence.incidents.setdefault(actor, {})[region] = int(items)
                    presence.fatalities.setdefault(actor, {})[region] = int(fatalities)
                else:
                    presence.claims.setdefault(actor, {})[region] = int(items)
        return presence

    def regions_of(self, actor: str) -> set[str]:
        """Regions where the actor is present: an incident or an OPERATES_IN claim."""
        return set(self.incidents.get(actor, {})) | set(self.claims.get(actor, {}))


async def read_presence(store: GraphStore, filters: Filters) -> Presence:
    """Cached per store version (queries.readcache): callers must not edit it."""

    async def read() -> Presence:
        return Presence.of(await store.read(PRESENCE, filters.params()))

    return await cached(store, ("presence", filters), read)
