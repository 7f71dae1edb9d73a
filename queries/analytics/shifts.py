"""Change between two windows: rank moves on every measure, brokers gained and lost,
communities that split or merged."""

from __future__ import annotations

from pydantic import Field

from graph.store.base import GraphStore
from queries.analytics import change, measures
from queries.analytics.inputs import (
    Network,
    TwoWindowParams,
    actor_ref,
    filters,
    measured,
    network_statements,
    rounded,
)
from queries.catalog import CatalogQuery, register
from queries.types import NodeRef, Result


async def _two(
    store: GraphStore, params: TwoWindowParams, parts: frozenset[str] = measures.PARTS
) -> tuple[measures.NetworkMeasures, measures.NetworkMeasures]:
    """Both windows' measures, only the `parts` the entry returns."""
    before = filters(params, params.before_start, params.before_end)
    after = filters(params, params.after_start, params.after_end)
    _, measured_before = await measured(store, params.network, before, params, parts)
    _, measured_after = await measured(store, params.network, after, params, parts)
    return measured_before, measured_after


class RankMove(Result):
    """An actor's rank on one measure in the earlier and the later window."""

    network: Network
    measure: str
    actor: NodeRef
    rank_before: int | None
    rank_after: int | None
    move: int | None
    value_before: float | None
    value_after: float | None


class RankMoveParams(TwoWindowParams):
    measure: str | None = Field(default=None, description="Only this measure.")
    limit: int = Field(default=10, ge=0, le=1000, description="Rows per measure (0 = all).")


async def _run_rank_moves(store: GraphStore, params: RankMoveParams) -> list[RankMove]:
    from queries.errors import InvalidParameter

    if params.measure is not None and params.measure not in measures.MEASURES:
        raise InvalidParameter(
            f"influence_change: parameter measure: {params.measure!r} is not one of "
            f"{', '.join(measures.MEASURES)}",
            field="measure",
        )
    before, after = await _two(store, params)
    moves = change.rank_moves(before, after)
    if params.measure:
        moves = [m for m in moves if m.measure == params.measure]
    rows = []
    for measure in measures.MEASURES:
        group = [m for m in moves if m.measure == measure]
        # Biggest moves first; actors entering or leaving the network come after them.
        group.sort(
            key=lambda m: (m.move is None, -abs(m.move or 0), m.rank_after or 10**9, m.actor_id)
        )
        for m in group[: params.limit or None]:
            rows.append(
                RankMove(
                    network=params.network,
                    measure=measure,
                    actor=actor_ref(m.actor_id, m.name),
                    rank_before=m.rank_before,
                    rank_after=m.rank_after,
                    move=m.move,
                    value_before=rounded(m.value_before),
                    value_after=rounded(m.value_after),
                )
            )
    return rows


influence_change = register(
    CatalogQuery(
        name="influence_change",
        description="Rank moves on every influence measure between two windows, biggest "
        "moves first (constraint ranks low-first).",
        params=RankMoveParams,
        result=RankMove,
        run=_run_rank_moves,
        extra_statements=network_statements,
        tags=("analytics",),
    )
)


class BrokerChange(Result):
    """A broker gained or lost between the windows."""

    network: Network
    actor: NodeRef
    change: str
    articulation_before: bool
    articulation_after: bool
    betweenness_before: float | None
    betweenness_after: float | None


async def _run_broker_change(store: GraphStore, params: TwoWindowParams) -> list[BrokerChange]:
    before, after = await _two(store, params, frozenset({"betweenness", "brokers"}))
    return [
        BrokerChange(
            network=params.network,
            actor=actor_ref(c.actor_id, c.name),
            change=c.change,
            articulation_before=c.articulation_before,
            articulation_after=c.articulation_after,
            betweenness_before=rounded(c.betweenness_before),
            betweenness_after=rounded(c.betweenness_after),
        )
        for c in change.broker_changes(before, after)
    ]


broker_change = register(
    CatalogQuery(
        name="broker_change",
        description="Brokers gained and lost between two windows.",
        params=TwoWindowParams,
        result=BrokerChange,
        run=_run_broker_change,
        extra_statements=network_statements,
        tags=("analytics",),
    )
)


class CommunityChange(Result):
    """Communities that split (one before, several after) or merged (the reverse)."""

    network: Network
    change: str
    before: list[list[str]]
    after: list[list[str]]


async def _run_community_change(
    store: GraphStore, params: TwoWindowParams
) -> list[CommunityChange]:
    before, after = await _two(store, params, measures.COMMUNITY_PARTS)
    return [
        CommunityChange(
            network=params.network,
            change=c.change,
            before=[list(g) for g in c.before],
            after=[list(g) for g in c.after],
        )
        for c in change.community_changes(before.communities, after.communities)
    ]


community_change = register(
    CatalogQuery(
        name="community_change",
        description="Communities that split or merged between two windows (matched by "
        "members, among actors present in both).",
        params=TwoWindowParams,
        result=CommunityChange,
        run=_run_community_change,
        extra_statements=network_statements,
        tags=("analytics",),
    )
)
