"""Regional activity: monthly series per region with month-over-month change, from
incidents and from the counts sources report (series machinery: queries.series).

Hotspots are in queries.hotspots, top actors in queries.top_actors, actor footprints and
spread in queries.footprint, neighbour exposure in queries.exposure; all build on the
windows and series of queries.series.
"""

from __future__ import annotations

from pydantic import Field

from graph.dates import shift_month
from graph.dialect import Dialect
from graph.store.base import GraphStore
from graph.vocab import Direction
from queries.catalog import CatalogQuery, register
from queries.params import RegionId
from queries.series import (
    ALL_TIME,
    INCIDENT_SERIES,
    INCIDENT_SERIES_IN_REGIONS,
    REPORT_SERIES,
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


def series_statements(dialect: Dialect) -> dict[str, str]:
    """The two series reads behind activity_series and hotspots (same on both engines)."""
    return {
        "incident_series": INCIDENT_SERIES,
        "incident_series_in_regions": INCIDENT_SERIES_IN_REGIONS,
        "report_series": REPORT_SERIES,
    }


REGION_IDS = {"region_id": ("Region",)}

activity_series = register(
    CatalogQuery(
        name="activity_series",
        description="Monthly activity per region with month-over-month change, from incidents "
        "(per dataset) and from published activity reports (per metric), kept apart.",
        params=SeriesParams,
        result=ActivityPoint,
        run=_run_series,
        extra_statements=series_statements,
        ids=REGION_IDS,
        tags=("activity",),
    )
)
