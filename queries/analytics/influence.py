"""Influence entries over one window: every measure per actor, communities, brokers, and
each actor's share of the incidents in each region."""

from __future__ import annotations

from pydantic import Field

from graph.store.base import GraphStore
from queries.analytics import change, measures
from queries.analytics.inputs import (
    AnalyticsWindow,
    Network,
    NetworkParams,
    actor_ref,
    compiled_network,
    filters,
    measured,
    network_statements,
    rounded,
)
from queries.analytics.presence import PRESENCE, read_presence
from queries.catalog import CatalogQuery, register
from queries.params import Limit, RegionId
from queries.readcache import cached
from queries.types import NodeRef, Result


class ActorInfluence(Result):
    """Every influence measure for one actor in one network and window (a measure table row)."""

    network: Network
    actor: NodeRef
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


async def _run_influence(store: GraphStore, params: NetworkParams) -> list[ActorInfluence]:
    window = filters(params, params.start, params.end)
    _, found = await measured(store, params.network, window, params)
    rows = [
        ActorInfluence(
            network=params.network,
            actor=actor_ref(actor, m.name),
            degree=m.degree,
            weighted_degree=m.weighted_degree,
            pagerank=round(m.pagerank, 6),
            betweenness=round(m.betweenness, 6),
            eigenvector=rounded(m.eigenvector),
            constraint=rounded(m.constraint),
            community=m.community,
            articulation=m.articulation,
            broker=m.broker,
            betweenness_k=found.betweenness_k,
        )
        for actor, m in found.nodes.items()
    ]
    rows.sort(key=lambda r: (-r.pagerank, r.actor.id))
    return rows


influence = register(
    CatalogQuery(
        name="influence",
        description="Influence of every actor in the cooperation or hostility network of a "
        "window: degree, weighted degree, PageRank, betweenness, eigenvector, Burt's "
        "constraint, Louvain community, articulation point, broker.",
        params=NetworkParams,
        result=ActorInfluence,
        run=_run_influence,
        extra_statements=network_statements,
        tags=("analytics",),
    )
)


class Community(Result):
    """A Louvain community: its members (id order) and the weight of its internal ties."""

    network: Network
    community: int
    size: int
    members: list[NodeRef]
    internal_weight: float


async def _run_communities(store: GraphStore, params: NetworkParams) -> list[Community]:
    window = filters(params, params.start, params.end)
    graph, found = await measured(store, params.network, window, params, measures.COMMUNITY_PARTS)
    _, compiled = await compiled_network(store, params.network, window, params.weight_by.value)
    rows = []
    weights = compiled.internal_weights(found.communities)
    for number, (members, inside) in enumerate(zip(found.communities, weights, strict=True), 1):
        rows.append(
            Community(
                network=params.network,
                community=number,
                size=len(members),
                members=[actor_ref(m, graph.nodes[m].get("name")) for m in members],
                internal_weight=inside,
            )
        )
    return rows


communities = register(
    CatalogQuery(
        name="communities",
        description="Louvain communities (fixed seed) of the cooperation or hostility network "
        "of a window, largest first.",
        params=NetworkParams,
        result=Community,
        run=_run_communities,
        extra_statements=network_statements,
        tags=("analytics",),
    )
)


class Broker(Result):
    """An articulation point or a top-betweenness actor, with Burt's constraint."""

    network: Network
    actor: NodeRef
    articulation: bool
    betweenness: float
    betweenness_rank: int
    constraint: float | None
    betweenness_k: int | None


async def _run_brokers(store: GraphStore, params: NetworkParams) -> list[Broker]:
    window = filters(params, params.start, params.end)
    _, found = await measured(store, params.network, window, params, measures.BROKER_PARTS)
    rank = change.ranks({a: m.betweenness for a, m in found.nodes.items()}, "betweenness")
    rows = [
        Broker(
            network=params.network,
            actor=actor_ref(actor, m.name),
            articulation=m.articulation,
            betweenness=round(m.betweenness, 6),
            betweenness_rank=rank[actor],
            constraint=rounded(m.constraint),
            betweenness_k=found.betweenness_k,
        )
        for actor, m in found.nodes.items()
        if m.broker
    ]
    rows.sort(key=lambda r: (r.betweenness_rank, r.actor.id))
    return rows


brokers = register(
    CatalogQuery(
        name="brokers",
        description="Brokers of a network: articulation points and the top actors by "
        "betweenness, with Burt's constraint (low = spans structural holes).",
        params=NetworkParams,
        result=Broker,
        run=_run_brokers,
        extra_statements=network_statements,
        tags=("analytics",),
    )
)


# -- regional influence ---------------------------------------------------------------------


class RegionalShare(Result):
    """An actor's share of the incidents in a region."""

    region: NodeRef
    region_incidents: int
    rank: int
    actor: NodeRef
    incidents: int
    fatalities: int
    share: float
    fatality_share: float | None
    possible_incidents: int = Field(
        default=0,
        description="Incidents in the region the actor is named in only as a candidate of an "
        '"A and/or B" attribution: not in incidents nor shares (unless min_status=possible).',
    )


class RegionalParams(AnalyticsWindow):
    region_id: RegionId | None = Field(default=None, description="Only this region.")
    level: int = Field(default=1, ge=1, le=3, description="Admin level of regions (1-3).")
    limit: Limit = 10


async def _run_regional(store: GraphStore, params: RegionalParams) -> list[RegionalShare]:
    window = filters(params, params.start, params.end, params.level)
    presence = await read_presence(store, window)

    async def compute() -> dict[str, list[measures.RegionalShare]]:
        return measures.regional_shares(
            presence.incidents, presence.fatalities, presence.totals, presence.total_fatalities
        )

    shares = await cached(store, ("regional_shares", window), compute)
    rows = []
    for region in sorted(shares, key=lambda r: presence.region_names.get(r) or r):
        if params.region_id and region != params.region_id:
            continue
        for rank, share in enumerate(shares[region][: params.limit], start=1):
            rows.append(
                RegionalShare(
                    region=NodeRef(
                        id=region, label="Region", name=presence.region_names.get(region)
                    ),
                    region_incidents=presence.totals.get(region, 0),
                    rank=rank,
                    actor=actor_ref(share.actor_id, presence.actor_names.get(share.actor_id)),
                    incidents=share.incidents,
                    fatalities=share.fatalities,
                    share=round(share.share, 4),
                    fatality_share=rounded(share.fatality_share),
                    possible_incidents=presence.possible.get(share.actor_id, {}).get(region, 0),
                )
            )
    return rows


regional_influence = register(
    CatalogQuery(
        name="regional_influence",
        description="Each actor's share of the incidents in each region in a window (an "
        "incident with several actors counts for each); incidents an actor is only a possible "
        'party to ("A and/or B") are shown beside, not counted.',
        params=RegionalParams,
        result=RegionalShare,
        run=_run_regional,
        extra_statements=lambda dialect: {"presence": PRESENCE},
        ids={"region_id": ("Region",)},
        tags=("analytics",),
    )
)
