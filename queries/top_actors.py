"""Top actors per region: incidents and fatalities in a window, and each actor's share of
the region's distinct incidents and deaths (per dataset)."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Sequence
from enum import StrEnum

from pydantic import Field

from graph.store.base import GraphStore, Record
from queries.activity import REGION_IDS
from queries.attribution import POSSIBLE_RANK
from queries.catalog import CatalogQuery, register
from queries.params import Limit, RegionId
from queries.place_rollup import incidents_by_region
from queries.readcache import cached, cached_read, params_key
from queries.series import (
    INCIDENT_SERIES,
    INCIDENT_SERIES_IN_REGIONS,
    INCIDENTS_IN_WINDOW,
    MonthsParams,
    SeriesSet,
    incident_series_for,
    region_ref,
    window_of,
)
from queries.types import NodeRef, Result


def _top_actors(region_first: bool) -> str:
    return (
        f"{incidents_by_region(INCIDENTS_IN_WINDOW, region_first)}"
        "MATCH (a:Actor)-[p:PARTICIPATED_IN]->(i) "
        f"WITH region_id, i, a, max(coalesce(p.status_rank, {POSSIBLE_RANK + 1})) AS firmest "
        f"WITH region_id, i, a, firmest > {POSSIBLE_RANK} AS counted "
        "WITH region_id, i.dataset AS dataset, a, "
        "sum(CASE WHEN counted THEN 1 ELSE 0 END) AS incidents, "
        "sum(CASE WHEN counted THEN coalesce(i.fatalities, 0) ELSE 0 END) AS fatalities, "
        "sum(CASE WHEN counted THEN 0 ELSE 1 END) AS possible_incidents "
        "MATCH (r:Region {id: region_id}) "
        "RETURN r.id AS region_id, r.name AS region, dataset, a.id AS actor_id, "
        "a.name AS actor, a.kind AS actor_kind, incidents, fatalities, possible_incidents"
    )


TOP_ACTORS = _top_actors(region_first=False)
TOP_ACTORS_IN_REGION = _top_actors(region_first=True)
"""Per region, dataset and actor: incidents it is a confirmed or reported party to (counted),
and incidents it is named in only as a candidate of an "A and/or B" attribution (beside)."""


class TopActor(Result):
    """An actor's incidents and fatalities in a region, and its share of the region's.

    Counts leave out incidents the actor is only a possible party to (an ACLED "A and/or B"
    attribution); `possible_incidents` says how many there are, beside them.
    """

    region: NodeRef
    dataset: str
    rank: int
    actor: NodeRef
    incidents: int = Field(
        description="Incidents the actor is a confirmed or reported party to (ranked on)."
    )
    fatalities: int = Field(description="Deaths in those incidents.")
    incident_share: float
    fatality_share: float | None
    possible_incidents: int = Field(
        default=0,
        description="Incidents the actor is named in only as one candidate of an ambiguous "
        '"A and/or B" attribution: not counted in incidents, fatalities or shares.',
    )


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
        first = heapq.nsmallest(
            limit, recs, key=lambda r: (-int(r[by]), -int(r["incidents"]), r["actor_id"])
        )
        for rank, rec in enumerate(first, start=1):
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
                    possible_incidents=int(rec["possible_incidents"]),
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

    async def ranked() -> list[TopActor]:
        statement = TOP_ACTORS_IN_REGION if params.region_id else TOP_ACTORS
        actors = await cached_read(store, statement, values)
        totals = SeriesSet().add_incidents(
            await cached_read(store, incident_series_for(values), values)
        )
        return rank_top_actors(actors, totals, params.by, params.limit)

    # Ranking tens of thousands of actor-region rows costs more than reading them again
    # from the cache: the ranked rows are kept too (a copy of the list is handed out).
    key = ("top_actors", params_key(values), params.by.value, params.limit)
    return list(await cached(store, key, ranked))


top_actors = register(
    CatalogQuery(
        name="top_actors",
        description="Top actors per region by incidents or by fatalities in a window, with "
        "their share of the region's incidents and fatalities (per dataset); incidents an "
        'actor is only a possible party to ("A and/or B") are shown beside, not counted.',
        params=TopActorParams,
        result=TopActor,
        run=_run_top_actors,
        extra_statements=lambda dialect: {
            "top_actors": TOP_ACTORS,
            "top_actors_in_region": TOP_ACTORS_IN_REGION,
            "incident_series": INCIDENT_SERIES,
            "incident_series_in_regions": INCIDENT_SERIES_IN_REGIONS,
        },
        ids=REGION_IDS,
        tags=("activity",),
    )
)
