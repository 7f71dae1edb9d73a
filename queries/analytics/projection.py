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
to the what-if). Incidents and operations count when dated inside the window.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.dates import end_bound, start_bound
from graph.store.base import GraphStore, Record
from queries.relationships import STATUS_RANK_PARAM, graded, overlaps, valid_during

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


_PAIR = "a.id AS source, a.name AS source_name, b.id AS target, b.name AS target_name"
_ALLIANCE_OK = (
    f"{overlaps('al.formed', 'al.dissolved', '$start', '$end')} "
    f"AND CASE al.status WHEN 'possible' THEN 1 ELSE 4 END >= {STATUS_RANK_PARAM}"
)
_IN_WINDOW = "i.date >= $from_date AND i.date <= $to_date"
_DATASET = "($dataset IS NULL OR i.dataset = $dataset)"
_SAME_SIDE = (
    "((p.role IN $side_a AND q.role IN $side_a) OR (p.role IN $side_b AND q.role IN $side_b))"
)
_OPPOSITE = (
    "((p.role IN $side_a AND q.role IN $side_b) OR (p.role IN $side_b AND q.role IN $side_a))"
)


def _incident_pairs(sides: str, kind: str) -> str:
    return (
        f"MATCH (i:Incident) WHERE {_IN_WINDOW} AND {_DATASET} "
        "MATCH (a:Actor)-[p:PARTICIPATED_IN]->(i)<-[q:PARTICIPATED_IN]-(b:Actor) "
        f"WHERE a.id < b.id AND {sides} AND {graded('p')} AND {graded('q')} "
        "WITH DISTINCT a, b, i "
        f"RETURN {_PAIR}, '{kind}' AS kind, NULL AS ref, count(i) AS items, "
        "sum(coalesce(i.fatalities, 0)) AS fatalities"
    )


COOPERATION = " UNION ALL ".join(
    [
        "MATCH (a:Actor)-[m1:MEMBER_OF]->(al:Alliance)<-[m2:MEMBER_OF]-(b:Actor) "
        f"WHERE a.id < b.id AND {valid_during('m1')} AND {valid_during('m2')} "
        f"AND {_ALLIANCE_OK} "
        f"RETURN {_PAIR}, 'alliance' AS kind, al.id AS ref, 1 AS items, 0 AS fatalities",
        "MATCH (a:Actor)-[r:ALLIED_WITH|SUPPORTS|PART_OF]->(b:Actor) "
        f"WHERE a.id <> b.id AND {valid_during('r')} "
        f"RETURN {_PAIR}, toLower(type(r)) AS kind, r.id AS ref, 1 AS items, 0 AS fatalities",
        "MATCH (a:Actor)-[r:SUPPORTS]->(al:Alliance)<-[m:MEMBER_OF]-(b:Actor) "
        f"WHERE a.id <> b.id AND {valid_during('r')} AND {valid_during('m')} AND {_ALLIANCE_OK} "
        f"RETURN {_PAIR}, 'supports' AS kind, r.id AS ref, 1 AS items, 0 AS fatalities",
        "MATCH (o:Operation) WHERE o.date >= $from_date AND o.date <= $to_date "
        "MATCH (a:Actor)-[c1:CONDUCTED]->(o)<-[c2:CONDUCTED]-(b:Actor) "
        f"WHERE a.id < b.id AND {graded('c1')} AND {graded('c2')} "
        "WITH DISTINCT a, b, o "
        f"RETURN {_PAIR}, 'joint_operation' AS kind, NULL AS ref, count(o) AS items, "
        "sum(coalesce(o.casualties, 0)) AS fatalities",
        _incident_pairs(_SAME_SIDE, "same_side"),
    ]
)
"""Cooperation evidence between actor pairs in the window, one read."""

HOSTILITY = " UNION ALL ".join(
    [
        "MATCH (a:Actor)-[r:HOSTILE_TO]->(b:Actor) "
        f"WHERE a.id <> b.id AND {valid_during('r')} "
        f"RETURN {_PAIR}, 'hostile_to' AS kind, r.id AS ref, 1 AS items, 0 AS fatalities",
        "MATCH (a:Actor)-[r:HOSTILE_TO]->(al:Alliance)<-[m:MEMBER_OF]-(b:Actor) "
        f"WHERE a.id <> b.id AND {valid_during('r')} AND {valid_during('m')} AND {_ALLIANCE_OK} "
        f"RETURN {_PAIR}, 'hostile_to_alliance' AS kind, r.id AS ref, 1 AS items, "
        "0 AS fatalities",
        _incident_pairs(_OPPOSITE, "opposite_sides"),
    ]
)
"""Hostility evidence between actor pairs in the window, one read."""

_ROLL_UP = "(i:Incident)-[:OCCURRED_IN]->()-[:PART_OF|LOCATED_IN*0..3]->(r:Region)"

PRESENCE = " UNION ALL ".join(
    [
        f"MATCH (a:Actor)-[p:PARTICIPATED_IN]->{_ROLL_UP} "
        f"WHERE r.level = $level AND {_IN_WINDOW} AND {_DATASET} AND {graded('p')} "
        "WITH DISTINCT a, r, i "
        "RETURN a.id AS actor_id, a.name AS actor, r.id AS region_id, r.name AS region, "
        "'incidents' AS kind, count(i) AS items, sum(coalesce(i.fatalities, 0)) AS fatalities",
        "MATCH (a:Actor)-[c:OPERATES_IN]->()-[:PART_OF|LOCATED_IN*0..3]->(r:Region) "
        f"WHERE r.level = $level AND {valid_during('c')} "
        "WITH DISTINCT a, r, c "
        "RETURN a.id AS actor_id, a.name AS actor, r.id AS region_id, r.name AS region, "
        "'operates_in' AS kind, count(c) AS items, 0 AS fatalities",
        f"MATCH {_ROLL_UP} WHERE r.level = $level AND {_IN_WINDOW} AND {_DATASET} "
        "WITH DISTINCT r, i "
        "RETURN NULL AS actor_id, NULL AS actor, r.id AS region_id, r.name AS region, "
        "'total' AS kind, count(i) AS items, sum(coalesce(i.fatalities, 0)) AS fatalities",
    ]
)
"""Where actors are present in the window: incidents and OPERATES_IN claims per actor and
region (admin `level`), plus each region's distinct incident total, one read."""

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
            "from_date": start_bound(self.start) if self.start else "0000",
            "to_date": end_bound(self.end) if self.end else "9999",
            "min_status": self.min_status,
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

    @classmethod
    def of(cls, record: Mapping[str, Any]) -> Evidence:
        return cls(
            source=record["source"],
            source_name=record["source_name"],
            target=record["target"],
            target_name=record["target_name"],
            kind=record["kind"],
            ref=record["ref"],
            items=int(record["items"]),
            fatalities=int(record["fatalities"]),
        )


def weight_of(evidence: Evidence, weight_by: str) -> float:
    """Claims and cooperation items weigh 1 each; hostile incidents by count or by deaths."""
    if weight_by == "fatalities" and evidence.kind not in CLAIM_KINDS:
        return float(evidence.fatalities)
    return float(evidence.items)


def build_network(evidence: Iterable[Evidence], weight_by: str = "incidents") -> nx.Graph:
    """Undirected actor graph. Edge data: `weight`, `items` and `fatalities` (totals),
    `kinds` (items per kind), `alliances` (ids of alliances the pair shares). Nodes and
    edges are added in sorted order so seeded algorithms give the same answer every run."""
    graph = nx.Graph()
    ordered = sorted(
        evidence,
        key=lambda e: (min(e.source, e.target), max(e.source, e.target), e.kind, e.ref or ""),
    )
    names: dict[str, str | None] = {}
    for e in ordered:
        names[e.source], names[e.target] = e.source_name, e.target_name
    for node in sorted(names):
        graph.add_node(node, name=names[node])
    for e in ordered:
        u, v = sorted((e.source, e.target))
        if not graph.has_edge(u, v):
            graph.add_edge(u, v, weight=0.0, items=0, fatalities=0, kinds={}, alliances=[])
        data = graph.edges[u, v]
        data["weight"] += weight_of(e, weight_by)
        data["items"] += e.items
        data["fatalities"] += e.fatalities
        data["kinds"][e.kind] = data["kinds"].get(e.kind, 0) + e.items
        if e.kind == "alliance" and e.ref and e.ref not in data["alliances"]:
            data["alliances"].append(e.ref)
    return graph


async def read_network(
    store: GraphStore, network: str, filters: Filters, weight_by: str = "incidents"
) -> nx.Graph:
    """One read, then the graph."""
    if network not in NETWORKS:
        raise ValueError(f"network must be one of {', '.join(NETWORKS)}, got {network!r}")
    records = await store.read(STATEMENTS[network], filters.params())
    return build_network((Evidence.of(r) for r in records), weight_by)


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
        presence = cls()
        for rec in records:
            region, kind = rec["region_id"], rec["kind"]
            presence.region_names[region] = rec["region"]
            if kind == "total":
                presence.totals[region] = int(rec["items"])
                presence.total_fatalities[region] = int(rec["fatalities"])
                continue
            actor = rec["actor_id"]
            presence.actor_names[actor] = rec["actor"]
            if kind == "incidents":
                presence.incidents.setdefault(actor, {})[region] = int(rec["items"])
                presence.fatalities.setdefault(actor, {})[region] = int(rec["fatalities"])
            else:
                presence.claims.setdefault(actor, {})[region] = int(rec["items"])
        return presence

    def regions_of(self, actor: str) -> set[str]:
        """Regions where the actor is present: an incident or an OPERATES_IN claim."""
        return set(self.incidents.get(actor, {})) | set(self.claims.get(actor, {}))


async def read_presence(store: GraphStore, filters: Filters) -> Presence:
    return Presence.of(await store.read(PRESENCE, filters.params()))
