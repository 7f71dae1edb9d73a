"""Catalog entries for the influence analytics: store reads (projection.py) feeding the
pure networkx functions (measures.py, change.py, whatif.py).

Defaults: claims at least `assessed` (so *possible* alignments are what-if material, not
baseline), any credibility, every dataset. A window may be left open (all time).
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph.store.base import GraphStore
from queries.analytics import change, measures, whatif
from queries.analytics.projection import (
    NAMES,
    NETWORKS,
    PRESENCE,
    STATEMENTS,
    Filters,
    read_network,
    read_presence,
)
from queries.catalog import CatalogQuery, Param, Row, register
from queries.relationships import MIN_CREDIBILITY, DateParam

START = DateParam("start", str, "Window start (YYYY, YYYY-MM or YYYY-MM-DD); default open.", None)
END = DateParam("end", str, "Window end (YYYY, YYYY-MM or YYYY-MM-DD); default open.", None)
FLOOR = Param(
    "min_status",
    str,
    "Weakest claim status counted (default leaves possible alignments to the what-if).",
    "assessed",
    ("confirmed", "reported", "assessed", "possible"),
)
DATASET = Param("dataset", str, "Only incidents of this dataset (acled, ucdp-ged, curated).", None)
NETWORK = Param("network", str, "Which network.", "cooperation", NETWORKS)
WEIGHT_BY = Param(
    "weight_by",
    str,
    "Hostile incidents weigh 1 each or their deaths.",
    "incidents",
    ("incidents", "fatalities"),
)
BETWEENNESS_K = Param(
    "betweenness_k",
    int,
    f"Betweenness sample size; 0 = exact up to {measures.EXACT_BETWEENNESS_NODES} actors, "
    f"else {measures.SAMPLED_BETWEENNESS_K} sampled sources.",
    0,
)
SEED = Param("seed", int, "Seed for Louvain and betweenness sampling.", measures.DEFAULT_SEED)
LEVEL = Param("level", int, "Admin level of regions (1 region, 2 cercle, 3 commune).", 1)
WINDOW = (START, END, FLOOR, MIN_CREDIBILITY, DATASET)


def filters_of(params: dict[str, Any], prefix: str = "") -> Filters:
    return Filters(
        start=params.get(f"{prefix}start"),
        end=params.get(f"{prefix}end"),
        min_status=params.get("min_status", "assessed"),
        max_credibility=params.get("max_credibility", 6),
        dataset=params.get("dataset"),
        level=params.get("level", 1),
    )


def _k(params: dict[str, Any]) -> int | None:
    return params.get("betweenness_k") or None


async def _measured(
    store: GraphStore, params: dict[str, Any], prefix: str = ""
) -> tuple[nx.Graph, measures.NetworkMeasures]:
    graph = await read_network(
        store, params["network"], filters_of(params, prefix), params.get("weight_by", "incidents")
    )
    found = measures.measure(graph, betweenness_k=_k(params), seed=params.get("seed", 7))
    return graph, found


# -- influence ------------------------------------------------------------------------------


class InfluenceRow(Row):
    """Every influence measure for one actor in one network and window."""

    network: str
    actor_id: str
    actor: str | None
    degree: int
    weighted_degree: float
    pagerank: float
    betweenness: float
    eigenvector: float | None
    constraint: float | None
    community: int
    articulation: bool
    broker: bool
    betweenness_k: int | None


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


async def _run_influence(store: GraphStore, params: dict[str, Any]) -> list[InfluenceRow]:
    _, found = await _measured(store, params)
    rows = [
        InfluenceRow(
            network=params["network"],
            actor_id=actor,
            actor=m.name,
            degree=m.degree,
            weighted_degree=m.weighted_degree,
            pagerank=round(m.pagerank, 6),
            betweenness=round(m.betweenness, 6),
            eigenvector=_r(m.eigenvector),
            constraint=_r(m.constraint),
            community=m.community,
            articulation=m.articulation,
            broker=m.broker,
            betweenness_k=found.betweenness_k,
        )
        for actor, m in found.nodes.items()
    ]
    rows.sort(key=lambda r: (-r.pagerank, r.actor_id))
    return rows


NETWORK_PARAMS = (NETWORK, *WINDOW, WEIGHT_BY, BETWEENNESS_K, SEED)


def _network_statements(dialect: Any) -> dict[str, str]:
    return {**STATEMENTS, "names": NAMES}


register(
    CatalogQuery(
        name="influence",
        description="Influence of every actor in the cooperation or hostility network of a "
        "window: degree, weighted degree, PageRank, betweenness, eigenvector, Burt's "
        "constraint, Louvain community, articulation point, broker.",
        row=InfluenceRow,
        params=NETWORK_PARAMS,
        run=_run_influence,
        extra_statements=_network_statements,
        tags=("analytics",),
    )
)


class CommunityRow(Row):
    network: str
    community: int
    size: int
    members: list[str]
    names: list[str | None]
    internal_weight: float


async def _run_communities(store: GraphStore, params: dict[str, Any]) -> list[CommunityRow]:
    graph, found = await _measured(store, params)
    rows = []
    for number, members in enumerate(found.communities, start=1):
        inside = graph.subgraph(members).size(weight="weight")
        rows.append(
            CommunityRow(
                network=params["network"],
                community=number,
                size=len(members),
                members=members,
                names=[graph.nodes[m].get("name") for m in members],
                internal_weight=float(inside),
            )
        )
    return rows


register(
    CatalogQuery(
        name="communities",
        description="Louvain communities (fixed seed) of the cooperation or hostility network "
        "of a window, largest first.",
        row=CommunityRow,
        params=NETWORK_PARAMS,
        run=_run_communities,
        extra_statements=_network_statements,
        tags=("analytics",),
    )
)


class BrokerRow(Row):
    network: str
    actor_id: str
    actor: str | None
    articulation: bool
    betweenness: float
    betweenness_rank: int
    constraint: float | None


async def _run_brokers(store: GraphStore, params: dict[str, Any]) -> list[BrokerRow]:
    _, found = await _measured(store, params)
    between = {a: m.betweenness for a, m in found.nodes.items()}
    rank = change.ranks(between, "betweenness")
    rows = [
        BrokerRow(
            network=params["network"],
            actor_id=actor,
            actor=m.name,
            articulation=m.articulation,
            betweenness=round(m.betweenness, 6),
            betweenness_rank=rank[actor],
            constraint=_r(m.constraint),
        )
        for actor, m in found.nodes.items()
        if m.broker
    ]
    rows.sort(key=lambda r: (r.betweenness_rank, r.actor_id))
    return rows


register(
    CatalogQuery(
        name="brokers",
        description="Brokers of a network: articulation points and the top actors by "
        "betweenness, with Burt's constraint (low = spans structural holes).",
        row=BrokerRow,
        params=NETWORK_PARAMS,
        run=_run_brokers,
        extra_statements=_network_statements,
        tags=("analytics",),
    )
)


# -- regional influence ---------------------------------------------------------------------


class RegionalInfluenceRow(Row):
    region_id: str
    region: str | None
    region_incidents: int
    rank: int
    actor_id: str
    actor: str | None
    incidents: int
    fatalities: int
    share: float
    fatality_share: float | None


async def _run_regional(store: GraphStore, params: dict[str, Any]) -> list[RegionalInfluenceRow]:
    presence = await read_presence(store, filters_of(params))
    shares = measures.regional_shares(
        presence.incidents, presence.fatalities, presence.totals, presence.total_fatalities
    )
    rows = []
    for region in sorted(shares, key=lambda r: presence.region_names.get(r) or r):
        if params["region_id"] and region != params["region_id"]:
            continue
        for rank, share in enumerate(shares[region][: params["limit"]], start=1):
            rows.append(
                RegionalInfluenceRow(
                    region_id=region,
                    region=presence.region_names.get(region),
                    region_incidents=presence.totals.get(region, 0),
                    rank=rank,
                    actor_id=share.actor_id,
                    actor=presence.actor_names.get(share.actor_id),
                    incidents=share.incidents,
                    fatalities=share.fatalities,
                    share=round(share.share, 4),
                    fatality_share=_r(share.fatality_share),
                )
            )
    return rows


register(
    CatalogQuery(
        name="regional_influence",
        description="Each actor's share of the incidents in each region in a window (an "
        "incident with several actors counts for each).",
        row=RegionalInfluenceRow,
        params=(
            Param("region_id", str, "Only this region.", None),
            *WINDOW,
            LEVEL,
            Param("limit", int, "Actors per region.", 10),
        ),
        run=_run_regional,
        extra_statements=lambda dialect: {"presence": PRESENCE},
        tags=("analytics",),
    )
)


# -- change between two windows -------------------------------------------------------------

TWO_WINDOWS = (
    NETWORK,
    DateParam("before_start", str, "Earlier window start.", None),
    DateParam("before_end", str, "Earlier window end."),
    DateParam("after_start", str, "Later window start."),
    DateParam("after_end", str, "Later window end.", None),
    FLOOR,
    MIN_CREDIBILITY,
    DATASET,
    WEIGHT_BY,
    BETWEENNESS_K,
    SEED,
)


async def _two(
    store: GraphStore, params: dict[str, Any]
) -> tuple[measures.NetworkMeasures, measures.NetworkMeasures]:
    _, before = await _measured(store, params, "before_")
    _, after = await _measured(store, params, "after_")
    return before, after


class RankMoveRow(Row):
    network: str
    measure: str
    actor_id: str
    actor: str | None
    rank_before: int | None
    rank_after: int | None
    move: int | None
    value_before: float | None
    value_after: float | None


async def _run_rank_moves(store: GraphStore, params: dict[str, Any]) -> list[RankMoveRow]:
    before, after = await _two(store, params)
    moves = change.rank_moves(before, after)
    if params["measure"]:
        moves = [m for m in moves if m.measure == params["measure"]]
    rows = []
    for measure in measures.MEASURES:
        group = [m for m in moves if m.measure == measure]
        # Biggest moves first; actors entering or leaving the network come after them.
        group.sort(
            key=lambda m: (m.move is None, -abs(m.move or 0), m.rank_after or 10**9, m.actor_id)
        )
        for m in group[: params["limit"] or None]:
            rows.append(
                RankMoveRow(
                    network=params["network"],
                    measure=measure,
                    actor_id=m.actor_id,
                    actor=m.name,
                    rank_before=m.rank_before,
                    rank_after=m.rank_after,
                    move=m.move,
                    value_before=_r(m.value_before),
                    value_after=_r(m.value_after),
                )
            )
    return rows


register(
    CatalogQuery(
        name="influence_change",
        description="Rank moves on every influence measure between two windows, biggest "
        "moves first (constraint ranks low-first).",
        row=RankMoveRow,
        params=(
            *TWO_WINDOWS,
            Param("measure", str, "Only this measure.", None, (None, *measures.MEASURES)),
            Param("limit", int, "Rows per measure (0 = all).", 10),
        ),
        run=_run_rank_moves,
        extra_statements=_network_statements,
        tags=("analytics",),
    )
)


class BrokerChangeRow(Row):
    network: str
    actor_id: str
    actor: str | None
    change: str
    articulation_before: bool
    articulation_after: bool
    betweenness_before: float | None
    betweenness_after: float | None


async def _run_broker_change(store: GraphStore, params: dict[str, Any]) -> list[BrokerChangeRow]:
    before, after = await _two(store, params)
    return [
        BrokerChangeRow(
            network=params["network"],
            actor_id=c.actor_id,
            actor=c.name,
            change=c.change,
            articulation_before=c.articulation_before,
            articulation_after=c.articulation_after,
            betweenness_before=_r(c.betweenness_before),
            betweenness_after=_r(c.betweenness_after),
        )
        for c in change.broker_changes(before, after)
    ]


register(
    CatalogQuery(
        name="broker_change",
        description="Brokers gained and lost between two windows.",
        row=BrokerChangeRow,
        params=TWO_WINDOWS,
        run=_run_broker_change,
        extra_statements=_network_statements,
        tags=("analytics",),
    )
)


class CommunityChangeRow(Row):
    network: str
    change: str
    before: list[list[str]]
    after: list[list[str]]


async def _run_community_change(
    store: GraphStore, params: dict[str, Any]
) -> list[CommunityChangeRow]:
    before, after = await _two(store, params)
    return [
        CommunityChangeRow(
            network=params["network"],
            change=c.change,
            before=[list(g) for g in c.before],
            after=[list(g) for g in c.after],
        )
        for c in change.community_changes(before.communities, after.communities)
    ]


register(
    CatalogQuery(
        name="community_change",
        description="Communities that split or merged between two windows (matched by "
        "members, among actors present in both).",
        row=CommunityChangeRow,
        params=TWO_WINDOWS,
        run=_run_community_change,
        extra_statements=_network_statements,
        tags=("analytics",),
    )
)


# -- what-if --------------------------------------------------------------------------------

ALLIANCE_MEMBERS = (
    "MATCH (m:Actor)-[:MEMBER_OF]->(al:Alliance) WHERE al.id IN $alliance_ids "
    "RETURN al.id AS alliance_id, m.id AS member_id, m.name AS member "
    "ORDER BY alliance_id, member_id"
)
ACTOR_NAMES = "MATCH (a:Actor) WHERE a.id IN $ids RETURN a.id AS id, a.name AS name"


class WhatIfRow(Row):
    """One measure of one actor before and after the scenario; `gained`/`lost` list the
    regions (reach) or community peers that changed."""

    network: str
    actor_id: str
    actor: str | None
    measure: str
    before: float | None
    after: float | None
    change: float | None
    gained: list[str]
    lost: list[str]


async def build_scenario(
    store: GraphStore, params: dict[str, Any]
) -> tuple[whatif.Scenario, dict[str, str | None]]:
    """The scenario from parameters; every id must name a stored alliance or actor."""
    alliance_ids = sorted(set(params["add_alliances"] or []))
    members: dict[str, list[str]] = {a: [] for a in alliance_ids}
    names: dict[str, str | None] = {}
    if alliance_ids:
        for row in await store.read(ALLIANCE_MEMBERS, {"alliance_ids": alliance_ids}):
            members[row["alliance_id"]].append(row["member_id"])
            names[row["member_id"]] = row["member"]
        empty = [a for a, m in members.items() if len(m) < 2]
        if empty:
            raise ValueError(f"add_alliances: {', '.join(empty)} has fewer than two members")

    def edits(key: str) -> list[whatif.EdgeEdit]:
        return [whatif.EdgeEdit.parse(text) for text in params[key] or []]

    scenario = whatif.Scenario(
        add_alliances=members,
        remove_alliances=list(params["remove_alliances"] or []),
        add_cooperation=edits("add_edges"),
        remove_cooperation=edits("remove_edges"),
        add_hostility=edits("add_hostile"),
        remove_hostility=edits("remove_hostile"),
    )
    wanted = sorted(scenario.actors() - names.keys())
    if wanted:
        for row in await store.read(ACTOR_NAMES, {"ids": wanted}):
            names[row["id"]] = row["name"]
        unknown = sorted(set(wanted) - names.keys())
        if unknown:
            raise ValueError(f"unknown actor ids in the scenario: {', '.join(unknown)}")
    return scenario, names


async def whatif_changes(store: GraphStore, params: dict[str, Any]) -> list[whatif.MeasureChange]:
    """Read both networks and presence once, apply the scenario in memory, compare."""
    scenario, names = await build_scenario(store, params)
    filters = filters_of(params)
    k, seed = _k(params), params.get("seed", measures.DEFAULT_SEED)
    found: list[whatif.MeasureChange] = []
    graphs: dict[str, tuple[nx.Graph, nx.Graph]] = {}
    for network in NETWORKS:
        base = await read_network(store, network, filters, params.get("weight_by", "incidents"))
        edited = whatif.apply(base, scenario, network, names)
        graphs[network] = (base, edited)
        found += whatif.measure_changes(
            network,
            measures.measure(base, betweenness_k=k, seed=seed),
            measures.measure(edited, betweenness_k=k, seed=seed),
        )
    presence = await read_presence(store, filters)
    present = {a: presence.regions_of(a) for a in presence.actor_names}
    base, edited = graphs["cooperation"]
    actors = set(base) | set(edited) | set(present)
    all_names = {**presence.actor_names, **{n: base.nodes[n].get("name") for n in base}, **names}
    found += whatif.reach_changes(
        whatif.reach(base, present, actors), whatif.reach(edited, present, actors), all_names
    )
    return found


async def _run_whatif(store: GraphStore, params: dict[str, Any]) -> list[WhatIfRow]:
    found = await whatif_changes(store, params)
    if params["changed_only"]:
        found = whatif.only_changed(found)
    if params["actor_id"]:
        found = [c for c in found if c.actor_id == params["actor_id"]]
    return [
        WhatIfRow(
            network=c.network,
            actor_id=c.actor_id,
            actor=c.name,
            measure=c.measure,
            before=_r(c.before),
            after=_r(c.after),
            change=_r(c.change),
            gained=list(c.gained),
            lost=list(c.lost),
        )
        for c in found
    ]


register(
    CatalogQuery(
        name="whatif",
        description="What if alliances or edges were added or removed (e.g. the possible "
        "JNIM–CMA alignment): the change in every influence measure and in regional reach. "
        "Computed in memory; nothing is written.",
        row=WhatIfRow,
        params=(
            Param("add_alliances", list, "Alliance ids whose members become allied.", None),
            Param("remove_alliances", list, "Alliance ids to take out.", None),
            Param("add_edges", list, "Cooperation edges ACTOR~ACTOR[~WEIGHT] to add.", None),
            Param("remove_edges", list, "Cooperation edges ACTOR~ACTOR to remove.", None),
            Param("add_hostile", list, "Hostility edges ACTOR~ACTOR[~WEIGHT] to add.", None),
            Param("remove_hostile", list, "Hostility edges ACTOR~ACTOR to remove.", None),
            Param("actor_id", str, "Only rows about this actor.", None),
            Param("changed_only", bool, "Only rows that changed.", True),
            *WINDOW,
            LEVEL,
            WEIGHT_BY,
            BETWEENNESS_K,
            SEED,
        ),
        run=_run_whatif,
        extra_statements=lambda dialect: {
            **STATEMENTS,
            "names": NAMES,
            "alliance_members": ALLIANCE_MEMBERS,
            "actor_names": ACTOR_NAMES,
        },
        tags=("analytics",),
    )
)
