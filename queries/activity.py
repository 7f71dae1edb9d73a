"""Regional activity: monthly series with month-over-month change, hotspots, top actors.

Two kinds of numbers are kept apart and labelled everywhere, because they answer
different questions and must never be added together:
- `incidents:<dataset>` — Incident nodes counted per month (ACLED and UCDP record many of
  the same events, so each dataset is its own series);
- `reports:<metric>` — what a source published for a region and month (ActivityReport),
  e.g. the newsletter's "37 security incidents in Kayes in June".

Windows are whole months: `start=2023-06-18` means June 2023. Incidents roll up the
place hierarchy (a Location or cercle counts for the region it lies in, via LOCATED_IN /
PART_OF) to regions of the chosen admin `level`; reports stay with the region they name.
A month without incidents is 0; a month without a report is unknown (no row, no change).
Actor footprints and spread are in queries.footprint, neighbour exposure in
queries.exposure; both build on the windows and series here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.dates import end_bound, shift_month, start_bound
from graph.dialect import Dialect
from graph.store.base import GraphStore, Record
from queries.attribution import NOT_ONLY_POSSIBLE
from queries.catalog import CatalogQuery, Param, Row, register
from queries.relationships import DateParam, date_window, dated_within

ROLL_UP = "(i:Incident)-[:OCCURRED_IN]->()-[:PART_OF|LOCATED_IN*0..3]->(r:Region)"
"""An incident and every region it lies in (itself included when it names a region)."""

INCIDENT_SERIES = (
    f"MATCH {ROLL_UP} "
    f"WHERE {dated_within('i.date')} "
    "AND (($region_ids IS NULL AND r.level = $level) OR r.id IN $region_ids) "
    "AND ($dataset IS NULL OR i.dataset = $dataset) "
    "WITH DISTINCT r, i "
    "RETURN r.id AS region_id, r.name AS region, i.dataset AS dataset, i.month AS month, "
    "count(i) AS value, sum(coalesce(i.fatalities, 0)) AS fatalities"
)

REPORT_SERIES = (
    "MATCH (rep:ActivityReport) "
    "WHERE rep.month >= $from_month AND rep.month <= $to_month AND rep.region_id IS NOT NULL "
    "AND (($actor_ids IS NULL AND rep.actor_id IS NULL) OR rep.actor_id IN $actor_ids) "
    "AND ($region_ids IS NULL OR rep.region_id IN $region_ids) "
    "AND ($metric IS NULL OR rep.metric = $metric) "
    "OPTIONAL MATCH (r:Region {id: rep.region_id}) "
    "RETURN rep.region_id AS region_id, r.name AS region, rep.metric AS metric, "
    "rep.month AS month, rep.value AS value, rep.qualifier AS qualifier, "
    "rep.direction AS direction, rep.source_ids AS source_ids ORDER BY rep.id"
)


TOP_ACTORS = (
    "MATCH (a:Actor)-[p:PARTICIPATED_IN]->"
    f"{ROLL_UP} "
    f"WHERE {dated_within('i.date')} AND {NOT_ONLY_POSSIBLE} "
    "AND (($region_ids IS NULL AND r.level = $level) OR r.id IN $region_ids) "
    "AND ($dataset IS NULL OR i.dataset = $dataset) "
    "WITH DISTINCT r, i, a "
    "RETURN r.id AS region_id, r.name AS region, i.dataset AS dataset, a.id AS actor_id, "
    "a.name AS actor, count(i) AS incidents, sum(coalesce(i.fatalities, 0)) AS fatalities"
)


QUALIFIER_PRIORITY = {"exact": 3, "at_least": 2, None: 1, "derived": 0}
"""Several reports for one region, month and metric: the most direct count wins."""


# -- windows and series (pure) --------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """A run of whole months."""

    first: str
    last: str

    @classmethod
    def of(cls, start: str, end: str) -> Window:
        first, last = start_bound(start)[:7], end_bound(end)[:7]
        if last < first:
            raise ValueError(f"window ends ({end}) before it starts ({start})")
        return cls(first, last)

    def __len__(self) -> int:
        (y0, m0), (y1, m1) = (map(int, month.split("-")) for month in (self.first, self.last))
        return (y1 - y0) * 12 + (m1 - m0) + 1

    @property
    def months(self) -> list[str]:
        return [shift_month(self.first, i) for i in range(len(self))]

    def previous(self) -> Window:
        """The window of the same length just before this one."""
        return Window(shift_month(self.first, -len(self)), shift_month(self.first, -1))

    def with_lead(self) -> Window:
        """One extra month in front, so the first month has a month-over-month change."""
        return Window(shift_month(self.first, -1), self.last)

    def date_params(self) -> dict[str, str]:
        return {
            **date_window(self.first, self.last),
            "from_month": self.first,
            "to_month": self.last,
        }


ALL_TIME = Window("0001-01", "9999-12")


@dataclass
class Point:
    """One month of one series."""

    value: int | None = None
    fatalities: int | None = None
    qualifier: str | None = None
    direction: str | None = None
    source_ids: list[str] = field(default_factory=list)
    priority: int = -1


SeriesKey = tuple[str, str]
"""(region id, series label)."""


@dataclass
class SeriesSet:
    """Monthly series by (region, label), with region names."""

    points: dict[SeriesKey, dict[str, Point]] = field(default_factory=lambda: defaultdict(dict))
    names: dict[str, str | None] = field(default_factory=dict)
    counted: set[SeriesKey] = field(default_factory=set)
    """Incident series: a month missing from them is a zero, not an unknown."""

    def add_incidents(self, records: Iterable[Record]) -> SeriesSet:
        for rec in records:
            key = (rec["region_id"], f"incidents:{rec['dataset']}")
            self.names[rec["region_id"]] = rec["region"]
            self.counted.add(key)
            if rec["month"] is None:
                continue
            point = self.points[key].setdefault(rec["month"], Point(0, 0))
            point.value = (point.value or 0) + int(rec["value"])
            point.fatalities = (point.fatalities or 0) + int(rec["fatalities"])
        return self

    def add_reports(self, records: Iterable[Record]) -> SeriesSet:
        for rec in records:
            key = (rec["region_id"], f"reports:{rec['metric']}")
            self.names.setdefault(rec["region_id"], rec["region"])
            point = self.points[key].setdefault(rec["month"], Point())
            priority = QUALIFIER_PRIORITY.get(rec["qualifier"], 1)
            better = (priority, rec["value"] or -1) > (point.priority, point.value or -1)
            if better:
                point.value, point.qualifier = rec["value"], rec["qualifier"]
                point.direction, point.priority = rec["direction"], priority
            point.source_ids = sorted({*point.source_ids, *(rec["source_ids"] or [])})
        return self

    def has(self, key: SeriesKey) -> bool:
        return key in self.counted or key in self.points

    def value(self, key: SeriesKey, month: str) -> int | None:
        point = self.points.get(key, {}).get(month)
        if point is not None and point.value is not None:
            return point.value
        return 0 if key in self.counted else None

    def total(self, key: SeriesKey, window: Window) -> tuple[int, int]:
        """(sum of known values, months with a known value) over the window."""
        values = [v for m in window.months if (v := self.value(key, m)) is not None]
        return sum(values), len(values)

    def series_keys(self) -> list[SeriesKey]:
        return sorted(self.points.keys() | self.counted)


def month_over_month(current: int | None, previous: int | None) -> tuple[int | None, float | None]:
    """(change, change in % of the previous month); None where either side is unknown."""
    if current is None or previous is None:
        return None, None
    change = current - previous
    return change, (round(100.0 * change / previous, 1) if previous else None)


def slope(values: Sequence[float]) -> float | None:
    """Least-squares slope per month of a sequence of monthly values."""
    n = len(values)
    if n < 2:
        return None
    mean_x, mean_y = (n - 1) / 2, sum(values) / n
    num = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(values))
    den = sum((x - mean_x) ** 2 for x in range(n))
    return round(num / den, 4)


# -- store reads ----------------------------------------------------------------------------


def window_of(params: dict[str, Any], required: bool = False) -> Window:
    start, end = params.get("start"), params.get("end")
    if start is None and end is None and not required:
        return ALL_TIME
    if start is None or end is None:
        raise ValueError("give both start and end (YYYY-MM or YYYY-MM-DD)")
    return Window.of(start, end)


async def read_series(
    store: GraphStore,
    window: Window,
    *,
    region_ids: list[str] | None = None,
    level: int = 1,
    dataset: str | None = None,
    metric: str | None = None,
    source: str = "both",
) -> SeriesSet:
    """Incident and report series over `window` (two reads at most)."""
    series = SeriesSet()
    values: dict[str, Any] = {
        **window.date_params(),
        "region_ids": region_ids,
        "level": level,
        "dataset": dataset,
        "metric": metric,
        "actor_ids": None,
    }
    if source in ("both", "incidents"):
        series.add_incidents(await store.read(INCIDENT_SERIES, values))
    if source in ("both", "reports"):
        series.add_reports(await store.read(REPORT_SERIES, values))
    return series


# -- monthly series -------------------------------------------------------------------------


class SeriesRow(Row):
    """One month of one labelled series for one region."""

    region_id: str
    region: str | None
    series: str
    month: str
    value: int | None
    fatalities: int | None
    change: int | None
    change_pct: float | None
    qualifier: str | None
    direction: str | None
    source_ids: list[str]


def series_rows(series: SeriesSet, window: Window) -> list[SeriesRow]:
    """Rows for every month of every series inside `window` (month-over-month included)."""
    rows = []
    for key in series.series_keys():
        region_id, label = key
        if window == ALL_TIME:
            known = sorted(series.points.get(key, {}))
            if not known:
                continue
            months = Window(known[0], known[-1]).months
        else:
            months = window.months
        for month in months:
            point = series.points[key].get(month)
            value = series.value(key, month)
            if point is None and value is None:
                continue
            change, pct = month_over_month(value, series.value(key, shift_month(month, -1)))
            rows.append(
                SeriesRow(
                    region_id=region_id,
                    region=series.names.get(region_id),
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
                    source_ids=point.source_ids if point else [],
                )
            )
    rows.sort(key=lambda r: (r.region or r.region_id, r.series, r.month))
    return rows


async def _run_series(store: GraphStore, params: dict[str, Any]) -> list[SeriesRow]:
    window = window_of(params)
    lead = window if window == ALL_TIME else window.with_lead()
    region_ids = [params["region_id"]] if params["region_id"] else None
    series = await read_series(
        store,
        lead,
        region_ids=region_ids,
        level=params["level"],
        dataset=params["dataset"],
        metric=params["metric"],
        source=params["source"],
    )
    return series_rows(series, window)


START = DateParam(
    "start", str, "First month of the window (YYYY-MM; a date means its month).", None
)
END = DateParam("end", str, "Last month of the window (YYYY-MM; a date means its month).", None)
START_REQUIRED = DateParam("start", str, "First month of the window (YYYY-MM).")
END_REQUIRED = DateParam("end", str, "Last month of the window (YYYY-MM).")
LEVEL = Param("level", int, "Admin level incidents roll up to (1 region, 2 cercle, 3 commune).", 1)
DATASET = Param("dataset", str, "Only incidents of this dataset (acled, ucdp-ged, curated).", None)


def _series_statements(dialect: Dialect) -> dict[str, str]:
    """The two series reads behind activity_series and hotspots (same on both engines)."""
    return {"incident_series": INCIDENT_SERIES, "report_series": REPORT_SERIES}


register(
    CatalogQuery(
        name="activity_series",
        description="Monthly activity per region with month-over-month change, from incidents "
        "(per dataset) and from published activity reports (per metric), kept apart.",
        row=SeriesRow,
        params=(
            Param("region_id", str, "Only this region (and places inside it).", None),
            START,
            END,
            Param("source", str, "Which numbers.", "both", ("both", "incidents", "reports")),
            LEVEL,
            DATASET,
            Param("metric", str, "Only reports of this metric (e.g. security_incidents).", None),
        ),
        run=_run_series,
        extra_statements=_series_statements,
        tags=("activity",),
    )
)


# -- hotspots -------------------------------------------------------------------------------


class HotspotRow(Row):
    """A region whose activity rose from the previous window to this one."""

    series: str
    rank: int
    region_id: str
    region: str | None
    current: int
    previous: int
    rise: int
    rise_pct: float | None
    current_months: int
    previous_months: int


def hotspot_rows(series: SeriesSet, window: Window, limit: int) -> list[HotspotRow]:
    """Per series label, the regions with the largest rise (ties by region id)."""
    by_label: dict[str, list[HotspotRow]] = defaultdict(list)
    before = window.previous()
    for key in series.series_keys():
        region_id, label = key
        current, current_months = series.total(key, window)
        previous, previous_months = series.total(key, before)
        if current - previous <= 0:
            continue
        by_label[label].append(
            HotspotRow(
                series=label,
                rank=0,
                region_id=region_id,
                region=series.names.get(region_id),
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
        ranked = sorted(by_label[label], key=lambda r: (-r.rise, r.region_id))[:limit]
        for rank, row in enumerate(ranked, start=1):
            rows.append(row.model_copy(update={"rank": rank}))
    return rows


async def _run_hotspots(store: GraphStore, params: dict[str, Any]) -> list[HotspotRow]:
    window = window_of(params, required=True)
    span = Window(window.previous().first, window.last)
    series = await read_series(
        store, span, level=params["level"], dataset=params["dataset"], source=params["source"]
    )
    return hotspot_rows(series, window, params["limit"])


LIMIT = Param("limit", int, "Rows per group.", 10)

register(
    CatalogQuery(
        name="hotspots",
        description="Regions with the largest rise in activity over a window compared with the "
        "window of equal length before it, ranked per series.",
        row=HotspotRow,
        params=(
            START_REQUIRED,
            END_REQUIRED,
            Param("source", str, "Which numbers.", "both", ("both", "incidents", "reports")),
            LEVEL,
            DATASET,
            LIMIT,
        ),
        run=_run_hotspots,
        extra_statements=_series_statements,
        tags=("activity",),
    )
)


# -- top actors -----------------------------------------------------------------------------


class TopActorRow(Row):
    """An actor's incidents and fatalities in a region, and its share of the region's."""

    region_id: str
    region: str | None
    dataset: str
    rank: int
    actor_id: str
    actor: str | None
    incidents: int
    fatalities: int
    incident_share: float
    fatality_share: float | None


def top_actor_rows(
    actors: Sequence[Record], totals: SeriesSet, by: str, limit: int
) -> list[TopActorRow]:
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
                TopActorRow(
                    region_id=region_id,
                    region=rec["region"],
                    dataset=dataset,
                    rank=rank,
                    actor_id=rec["actor_id"],
                    actor=rec["actor"],
                    incidents=int(rec["incidents"]),
                    fatalities=int(rec["fatalities"]),
                    incident_share=round(int(rec["incidents"]) / total_incidents, 4),
                    fatality_share=round(int(rec["fatalities"]) / total_fatalities, 4)
                    if total_fatalities
                    else None,
                )
            )
    return rows


async def _run_top_actors(store: GraphStore, params: dict[str, Any]) -> list[TopActorRow]:
    window = window_of(params)
    region_ids = [params["region_id"]] if params["region_id"] else None
    values = {
        **window.date_params(),
        "region_ids": region_ids,
        "level": params["level"],
        "dataset": params["dataset"],
    }
    actors = await store.read(TOP_ACTORS, values)
    totals = SeriesSet().add_incidents(await store.read(INCIDENT_SERIES, values))
    return top_actor_rows(actors, totals, params["by"], params["limit"])


register(
    CatalogQuery(
        name="top_actors",
        description="Top actors per region by incidents or by fatalities in a window, with "
        "their share of the region's incidents and fatalities (per dataset).",
        row=TopActorRow,
        params=(
            Param("region_id", str, "Only this region.", None),
            START,
            END,
            Param("by", str, "Rank by.", "incidents", ("incidents", "fatalities")),
            LEVEL,
            DATASET,
            Param("limit", int, "Actors per region.", 5),
        ),
        run=_run_top_actors,
        extra_statements=lambda dialect: {
            "top_actors": TOP_ACTORS,
            "incident_series": INCIDENT_SERIES,
        },
        tags=("activity",),
    )
)
