"""Regional activity entries: monthly series with month-over-month change, hotspots, top
actors, and the counts sources report (series machinery: queries.series).

Actor footprints and spread are in queries.footprint, neighbour exposure in
queries.exposure; both build on the windows and series of queries.series.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from enum import StrEnum

from pydantic import Field

from graph.dates import shift_month
from graph.dialect import Dialect
from graph.store.base import GraphStore, Record
from graph.vocab import Direction
from queries.attribution import NOT_ONLY_POSSIBLE
from queries.catalog import CatalogQuery, register
from queries.claims import dated_within
from queries.params import Limit, PartialDate, RegionId
from queries.readcache import cached_read
from queries.series import (
    ALL_TIME,
    INCIDENT_SERIES,
    REPORT_SERIES,
    ROLL_UP,
    MonthsParams,
    MonthWindow,
    SeriesSet,
    SeriesSource,
    month_over_month,
    read_series,
    region_ref,
    window_of,
)
from queries.types import NodeRef, Result, SeriesPoint, SourceRef

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


# -- monthly series -------------------------------------------------------------------------


class ActivityPoint(SeriesPoint, Result):
    """One month of one labelled series for one region, with month-over-month change."""

    region: NodeRef
    series: str
    fatalities: int | None
    change: int | None
    change_pct: float | None
    qualifier: str | None
    direction: Direction | None
    sources: list[SourceRef]


def series_points(series: SeriesSet, window: MonthWindow) -> list[ActivityPoint]:
    """Points for every month of every series inside `window` (month-over-month included)."""
    rows = []
    for key in series.series_keys():
        region_id, label = key
        if window == ALL_TIME:
            known = sorted(series.points.get(key, {}))
            if not known:
                continue
            months = MonthWindow(known[0], known[-1]).months
        else:
            months = window.months
        for month in months:
            point = series.points[key].get(month)
            value = series.value(key, month)
            if point is None and value is None:
                continue
            change, pct = month_over_month(value, series.value(key, shift_month(month, -1)))
            rows.append(
                ActivityPoint(
                    region=region_ref(region_id, series.names.get(region_id)),
                    series=label,
                    month=month,
                    value=value,
                    fatalities=(point.fatalities if point else 0)
                    if key in series.counted
                    else None,
                    change=change,
                    change_pct=pct,
                    qualifier=point.qualifier if point else None,
                    direction=point.direction if point else None,
                    sources=[SourceRef(id=s) for s in (point.source_ids if point else [])],
                )
            )
    rows.sort(key=lambda r: (r.region.name or r.region.id, r.series, r.month))
    return rows


class SeriesParams(MonthsParams):
    region_id: RegionId | None = Field(
        default=None, description="Only this region (and places inside it)."
    )
    source: SeriesSource = Field(default=SeriesSource.BOTH, description="Which numbers.")
    metric: str | None = Field(
        default=None, description="Only reports of this metric (e.g. security_incidents)."
    )


async def _run_series(store: GraphStore, params: SeriesParams) -> list[ActivityPoint]:
    window = window_of(params.start, params.end)
    lead = window if window == ALL_TIME else window.with_lead()
    series = await read_series(
        store,
        lead,
        region_ids=[params.region_id] if params.region_id else None,
        level=params.level,
        dataset=params.dataset,
        metric=params.metric,
        source=params.source,
    )
    return series_points(series, window)


def _series_statements(dialect: Dialect) -> dict[str, str]:
    """The two series reads behind activity_series and hotspots (same on both engines)."""
    return {"incident_series": INCIDENT_SERIES, "report_series": REPORT_SERIES}


REGION_IDS = {"region_id": ("Region",)}

activity_series = register(
    CatalogQuery(
        name="activity_series",
        description="Monthly activity per region with month-over-month change, from incidents "
        "(per dataset) and from published activity reports (per metric), kept apart.",
        params=SeriesParams,
        result=ActivityPoint,
        run=_run_series,
        extra_statements=_series_statements,
        ids=REGION_IDS,
        tags=("activity",),
    )
)


# -- hotspots -------------------------------------------------------------------------------


class Hotspot(Result):
    """A region whose activity rose from the previous window to this one."""

    series: str
    rank: int
    region: NodeRef
    current: int
    previous: int
    rise: int
    rise_pct: float | None
    current_months: int
    previous_months: int


def rank_hotspots(series: SeriesSet, window: MonthWindow, limit: int) -> list[Hotspot]:
    """Per series label, the regions with the largest rise (ties by region id)."""
    by_label: dict[str, list[Hotspot]] = defaultdict(list)
    before = window.previous()
    for key in series.series_keys():
        region_id, label = key
        current, current_months = series.total(key, window)
        previous, previous_months = series.total(key, before)
        if current - previous <= 0:
            continue
        by_label[label].append(
            Hotspot(
                series=label,
                rank=0,
                region=region_ref(region_id, series.names.get(region_id)),
                current=current,
                previous=previous,
                rise=current - previous,
                rise_pct=round(100.0 * (current - previous) / previous, 1) if previous else None,
                current_months=current_months,
                previous_months=previous_months,
            )
        )
    rows = []
    for label in sorted(by_label):
        ranked = sorted(by_label[label], key=lambda r: (-r.rise, r.region.id))[:limit]
        for rank, row in enumerate(ranked, start=1):
            rows.append(row.model_copy(update={"rank": rank}))
    return rows


class HotspotParams(MonthsParams):
    start: PartialDate = Field(description="First month of the window.")
    end: PartialDate = Field(description="Last month of the window.")
    source: SeriesSource = Field(default=SeriesSource.BOTH, description="Which numbers.")
    limit: Limit = 10


async def _run_hotspots(store: GraphStore, params: HotspotParams) -> list[Hotspot]:
    window = window_of(params.start, params.end, required=True)
    span = MonthWindow(window.previous().first, window.last)
    series = await read_series(
        store, span, level=params.level, dataset=params.dataset, source=params.source
    )
    return rank_hotspots(series, window, params.limit)


hotspots = register(
    CatalogQuery(
        name="hotspots",
        description="Regions with the largest rise in activity over a window compared with the "
        "window of equal length before it, ranked per series.",
        params=HotspotParams,
        result=Hotspot,
        run=_run_hotspots,
        extra_statements=_series_statements,
        tags=("activity",),
    )
)


# -- top actors -----------------------------------------------------------------------------


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
    actors = await cached_read(store, TOP_ACTORS, values)
    totals = SeriesSet().add_incidents(await cached_read(store, INCIDENT_SERIES, values))
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
