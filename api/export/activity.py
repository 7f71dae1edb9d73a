"""Monthly regional activity for maps and charts, from the catalog's `activity_series`:
incidents (from event data, per dataset) and published report counts kept apart, with the
sources each came from."""

from __future__ import annotations

from dataclasses import dataclass

from graph.store.base import GraphStore
from queries.activity import ActivityPoint
from queries.catalog import run_named
from queries.subgraph import SourceInfo, read_sources

DATASET_SOURCES = {"acled": "source:acled", "ucdp-ged": "source:ucdp-ged"}
"""The Source node of each event dataset (written by its loader)."""
REPORT_METRIC = "security_incidents"


@dataclass(frozen=True)
class Activity:
    start: str
    end: str
    rows: list[ActivityPoint]
    sources: list[SourceInfo]

    @property
    def event_sources(self) -> list[SourceInfo]:
        return [s for s in self.sources if s.id in DATASET_SOURCES.values()]

    @property
    def report_sources(self) -> list[SourceInfo]:
        return [s for s in self.sources if s.id not in DATASET_SOURCES.values()]

    def incidents(self) -> list[ActivityPoint]:
        return [r for r in self.rows if r.series.startswith("incidents:")]

    def reports(self, metric: str = REPORT_METRIC) -> list[ActivityPoint]:
        return [r for r in self.rows if r.series == f"reports:{metric}" and r.value is not None]

    def by_region(self, metric: str) -> dict[str, float]:
        """Per region id over the window: `incidents` or `fatalities` from event data, or
        `reported` (security incidents published reports counted; derived months too)."""
        totals: dict[str, float] = {}
        if metric == "reported":
            for row in self.reports():
                totals[row.region.id] = totals.get(row.region.id, 0) + (row.value or 0)
            return totals
        for row in self.incidents():
            value = row.fatalities if metric == "fatalities" else row.value
            totals[row.region.id] = totals.get(row.region.id, 0) + (value or 0)
        return totals

    def names(self) -> dict[str, str]:
        return {r.region.id: r.region.name or r.region.id for r in self.rows}


async def read_activity(
    store: GraphStore, start: str, end: str, region_id: str | None = None
) -> Activity:
    rows = await run_named(
        store, "activity_series", start=start, end=end, region_id=region_id, source="both"
    )
    typed = [r for r in rows if isinstance(r, ActivityPoint)]
    citations = [s.id for r in typed for s in r.sources]
    citations += [
        DATASET_SOURCES[r.series.split(":", 1)[1]]
        for r in typed
        if r.series.startswith("incidents:") and r.series.split(":", 1)[1] in DATASET_SOURCES
        and (r.value or 0) > 0
    ]  # fmt: skip
    return Activity(start, end, typed, await read_sources(store, citations))
