"""Hotspots: the regions whose activity rose most from the window before to this one, per
series (incidents per dataset, reported counts per metric, kept apart)."""

from __future__ import annotations

from collections import defaultdict

from pydantic import Field

from graph.store.base import GraphStore
from queries.activity import series_statements
from queries.catalog import CatalogQuery, register
from queries.params import Limit, PartialDate
from queries.series import (
    MonthsParams,
    MonthWindow,
    SeriesSet,
    SeriesSource,
    read_series,
    region_ref,
    window_of,
)
from queries.types import NodeRef, Result


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
        extra_statements=series_statements,
        tags=("activity",),
    )
)
