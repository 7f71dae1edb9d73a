"""Top actors per region: incidents and fatalities in a window, and each actor's share of
the region's distinct incidents and deaths (per dataset)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from enum import StrEnum

from pydantic import Field

from graph.store.base import GraphStore, Record
from queries.activity import REGION_IDS
from queries.attribution import NOT_ONLY_POSSIBLE
from queries.catalog import CatalogQuery, register
from queries.claims import dated_within
from queries.params import Limit, RegionId
from queries.series import INCIDENT_SERIES, ROLL_UP, MonthsParams, SeriesSet, region_ref, window_of
from queries.types import NodeRef, Result

TOP_ACTORS = (
    "MATCH (a:Actor)-[p:PARTICIPATED_IN]->"
    f"{ROLL_UP} "
    f"WHERE {dated_within('i.date')} AND {NOT_ONLY_POSSIBLE} "
    "AND (($region_ids IS NULL AND r.level = $level) OR r.id IN $region_ids) "
    "AND ($dataset IS NULL OR i.dataset = $dataset) "
    "WITH DISTINCT r, i, a "
    "RETURN r.id AS region_id, r.name AS region, i.dataset AS dataset, a.id AS actor_id, "
    "a.name AS actor, a.kind AS actor_kind, count(i) AS incidents, "
    "sum(coalesce(i.fatalities, 0)) AS fatalities"
)


class TopActor(Result):
    """An actor's incidents and fatalities in a region, and its share of the region's."""

    region: NodeRef
    dataset: str
    rank: int
    actor: NodeRef
    incidents: int
    fatalities: int
    incident_share: float
    fatality_share: float | None


class RankBy(StrEnum):
    INCIDENTS = "incidents"
    FATALITIES = "fatalities"


def rank_top_actors(
    actors: Sequence[Record], totals: SeriesSet, by: str, limit: int
) -> list[TopActor]:
    """Rank actors per (region, dataset); shares are of the region's distinct incidents."""
    groups: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for rec in actors:
        groups[(rec["region_id"], rec["dataset"])].append(rec)
    rows = []
    for (region_id, dataset), recs in sorted(groups.items()):
        points = totals.points[(region_id, f"incidents:{dataset}")].values()
        total_incidents = sum(p.value or 0 for p in points)
        total_fatalities = sum(p.fatalities or 0 for p in points)
        recs.sort(key=lambda r: (-int(r[by]), -int(r["incidents"]), r["actor_id"]))
        for rank, rec in enumerate(recs[:limit], start=1):
            rows.append(
                TopActor(
                    region=region_ref(region_id, rec["region"]),
                    dataset=dataset,
                    rank=rank,
                    actor=NodeRef(
                        id=rec["actor_id"], label="Actor", name=rec["actor"], kind=rec["actor_kind"]
                    ),
                    incidents=int(rec["incidents"]),
                    fatalities=int(rec["fatalities"]),
                    incident_share=round(int(rec["incidents"]) / total_incidents, 4),
                    fatality_share=round(int(rec["fatalities"]) / total_fatalities, 4)
                    if total_fatalities
                    else None,
                )
            )
    return rows


class TopActorParams(MonthsParams):
    region_id: RegionId | None = Field(default=None, description="Only this region.")
    by: RankBy = Field(default=RankBy.INCIDENTS, description="Rank by.")
    limit: Limit = 5


async def _run_top_actors(store: GraphStore, params: TopActorParams) -> list[TopActor]:
    window = window_of(params.start, params.end)
    values = {
        **window.date_params(),
        "region_ids": [params.region_id] if params.region_id else None,
        "level": params.level,
        "dataset": params.dataset,
    }
    actors = await store.read(TOP_ACTORS, values)
    totals = SeriesSet().add_incidents(await store.read(INCIDENT_SERIES, values))
    return rank_top_actors(actors, totals, params.by, params.limit)


top_actors = register(
    CatalogQuery(
        name="top_actors",
        description="Top actors per region by incidents or by fatalities in a window, with "
        "their share of the region's incidents and fatalities (per dataset).",
        params=TopActorParams,
        result=TopActor,
        run=_run_top_actors,
        extra_statements=lambda dialect: {
            "top_actors": TOP_ACTORS,
            "incident_series": INCIDENT_SERIES,
        },
        ids=REGION_IDS,
        tags=("activity",),
    )
)
