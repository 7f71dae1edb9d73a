"""Regional activity: monthly series, hotspots, top actors, footprints, neighbour exposure.

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
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.dates import end_bound, shift_month, start_bound
from graph.store.base import GraphStore, Record
from queries.catalog import CatalogQuery, Param, Row, register
from queries.relationships import MIN_CREDIBILITY, MIN_STATUS, DateParam, graded

ROLL_UP = "(i:Incident)-[:OCCURRED_IN]->()-[:PART_OF|LOCATED_IN*0..3]->(r:Region)"
"""An incident and every region it lies in (itself included when it names a region)."""

INCIDENT_SERIES = (
    f"MATCH {ROLL_UP} "
    "WHERE i.date >= $from_date AND i.date <= $to_date "
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

ACTOR_INCIDENTS = (
    "UNWIND $actor_ids AS actor_id "
    "MATCH (a:Actor {id: actor_id})-[:PARTICIPATED_IN]->"
    f"{ROLL_UP} "
    "WHERE r.level = $level AND i.date >= $from_date AND i.date <= $to_date "
    "WITH DISTINCT r, i "
    "RETURN r.id AS region_id, r.name AS region, i.dataset AS dataset, i.month AS month, "
    "count(i) AS value, sum(coalesce(i.fatalities, 0)) AS fatalities"
)

TOP_ACTORS = (
    "MATCH (a:Actor)-[:PARTICIPATED_IN]->"
    f"{ROLL_UP} "
    "WHERE i.date >= $from_date AND i.date <= $to_date "
    "AND (($region_ids IS NULL AND r.level = $level) OR r.id IN $region_ids) "
    "AND ($dataset IS NULL OR i.dataset = $dataset) "
    "WITH DISTINCT r, i, a "
    "RETURN r.id AS region_id, r.name AS region, i.dataset AS dataset, a.id AS actor_id, "
    "a.name AS actor, count(i) AS incidents, sum(coalesce(i.fatalities, 0)) AS fatalities"
)

ACTOR_FAMILY = (
    "MATCH (a:Actor)-[:PART_OF*0..3]->(root:Actor {id: $actor_id}) "
    "WHERE $include_subunits OR a.id = $actor_id "
    "RETURN DISTINCT a.id AS actor_id ORDER BY actor_id"
)

ACTOR_CLAIMED_REGIONS = (
    "UNWIND $actor_ids AS actor_id "
    "MATCH (a:Actor {id: actor_id})-[c:OPERATES_IN]->()-[:PART_OF|LOCATED_IN*0..3]->(r:Region) "
    f"WHERE r.level = $level AND {graded('c')} "
    "RETURN DISTINCT r.id AS region_id, r.name AS region, c.valid_from AS valid_from, "
    "c.valid_to AS valid_to"
)

BORDER_REGIONS = (
    "UNWIND $countries AS country_id "
    "MATCH (c:Country {id: country_id}) "
    "MATCH (r:Region)-[:BORDERS]-(x) "
    "WHERE r.level = $level AND r.country <> c.iso3 "
    "AND (x.id = c.id OR (x:Region AND x.country = c.iso3)) "
    "RETURN DISTINCT c.id AS country_id, c.name AS country, r.id AS region_id, r.name AS region "
    "ORDER BY country_id, region_id"
)

STATEMENTS = {
    "incident_series": INCIDENT_SERIES,
    "report_series": REPORT_SERIES,
    "actor_incidents": ACTOR_INCIDENTS,
    "top_actors": TOP_ACTORS,
    "actor_family": ACTOR_FAMILY,
    "actor_claimed_regions": ACTOR_CLAIMED_REGIONS,
    "border_regions": BORDER_REGIONS,
}

QUALIFIER_PRIORITY = {"exact": 3, "at_least": 2, None: 1, "derived": 0}
"""Several reports for one region, month and metric: the most direct count wins."""

NEIGHBOURS = ["country:sen", "country:mrt", "country:gin", "country:civ"]


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

    @property
    def months(self) -> list[str]:
        found, month = [], self.first
        while month <= self.last:
            found.append(month)
            month = shift_month(month, 1)
        return found

    def previous(self) -> Window:
        """The window of the same length just before this one."""
        n = len(self.months)
        return Window(shift_month(self.first, -n), shift_month(self.first, -1))

    def with_lead(self) -> Window:
        """One extra month in front, so the first month has a month-over-month change."""
        return Window(shift_month(self.first, -1), self.last)

    def date_params(self) -> dict[str, str]:
        return {
            "from_date": start_bound(self.first),
            "to_date": end_bound(self.last),
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


def _window(params: dict[str, Any], required: bool = False) -> Window:
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
        months = window.months
        if window == ALL_TIME:
            known = sorted(series.points[key])
            if not known:
                continue
            months = Window(known[0], known[-1]).months
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
    window = _window(params)
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
DATASET = Param("dataset", str, "Only incidents of this dataset (acled, ucdp, curated).", None)

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
        extra_statements=lambda dialect: {
            "incident_series": INCIDENT_SERIES,
            "report_series": REPORT_SERIES,
        },
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
    window = _window(params, required=True)
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
        extra_statements=lambda dialect: {
            "incident_series": INCIDENT_SERIES,
            "report_series": REPORT_SERIES,
        },
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
    window = _window(params)
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


# -- actor footprint and spread -------------------------------------------------------------


async def _family(store: GraphStore, params: dict[str, Any]) -> list[str]:
    rows = await store.read(
        ACTOR_FAMILY,
        {"actor_id": params["actor_id"], "include_subunits": params["include_subunits"]},
    )
    return [row["actor_id"] for row in rows]


async def read_footprint(
    store: GraphStore, actor_ids: list[str], window: Window, level: int
) -> SeriesSet:
    """The actors' incident series and actor-specific report series per region."""
    values = {
        **window.date_params(),
        "actor_ids": actor_ids,
        "level": level,
        "region_ids": None,
        "metric": None,
    }
    series = SeriesSet().add_incidents(await store.read(ACTOR_INCIDENTS, values))
    return series.add_reports(await store.read(REPORT_SERIES, values))


class FootprintRow(Row):
    """Where an actor was active in a month, by labelled source; `first` marks a region's
    first month with activity inside the window."""

    actor_id: str
    month: str
    region_id: str
    region: str | None
    series: str
    value: int | None
    fatalities: int | None
    direction: str | None
    first: bool
    source_ids: list[str]


def footprint_rows(actor_id: str, series: SeriesSet) -> list[FootprintRow]:
    rows = []
    for key in series.series_keys():
        region_id, label = key
        for month, point in sorted(series.points[key].items()):
            if not point.value and point.direction is None:
                continue
            rows.append(
                FootprintRow(
                    actor_id=actor_id,
                    month=month,
                    region_id=region_id,
                    region=series.names.get(region_id),
                    series=label,
                    value=point.value,
                    fatalities=point.fatalities,
                    direction=point.direction,
                    first=False,
                    source_ids=point.source_ids,
                )
            )
    rows.sort(key=lambda r: (r.month, r.region or r.region_id, r.series))
    seen: set[str] = set()
    for row in rows:
        row.first = row.region_id not in seen
        seen.add(row.region_id)
    return rows


async def _run_footprint(store: GraphStore, params: dict[str, Any]) -> list[FootprintRow]:
    window = _window(params)
    series = await read_footprint(store, await _family(store, params), window, params["level"])
    return footprint_rows(params["actor_id"], series)


SUBUNITS = Param("include_subunits", bool, "Count the actor's sub-units (PART_OF) too.", False)
ACTOR = Param("actor_id", str, "Actor id, e.g. actor:katiba-macina.")

register(
    CatalogQuery(
        name="actor_footprint",
        description="An actor's footprint over time: per month and region, its incidents (per "
        "dataset) and the activity sources report for it.",
        row=FootprintRow,
        params=(ACTOR, START, END, LEVEL, SUBUNITS),
        run=_run_footprint,
        extra_statements=lambda dialect: {
            "actor_family": ACTOR_FAMILY,
            "actor_incidents": ACTOR_INCIDENTS,
            "report_series": REPORT_SERIES,
        },
        tags=("activity",),
    )
)


class SpreadRow(Row):
    """A region's standing in an actor's footprint: new, continuing, or gone."""

    actor_id: str
    region_id: str
    region: str | None
    change: str
    current_incidents: int
    previous_incidents: int
    current_reported: int
    previous_reported: int
    current_claims: int
    previous_claims: int


def _period_overlaps(valid_from: str | None, valid_to: str | None, window: Window) -> bool:
    starts_in_time = valid_from is None or start_bound(valid_from) <= end_bound(window.last)
    lasts_long_enough = valid_to is None or end_bound(valid_to) >= start_bound(window.first)
    return starts_in_time and lasts_long_enough


def spread_rows(
    actor_id: str, series: SeriesSet, claims: Sequence[Record], window: Window
) -> list[SpreadRow]:
    """Compare the window with the one before: regions new to the actor, kept, or left."""
    before = window.previous()
    tally: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    names = dict(series.names)
    for key in series.series_keys():
        region_id, label = key
        kind = "incidents" if label.startswith("incidents:") else "reported"
        for name, span in (("current", window), ("previous", before)):
            values = [p.value for m, p in series.points[key].items() if m in span.months]
            tally[region_id][f"{name}_{kind}"] += sum(v for v in values if v)
    for claim in claims:
        names.setdefault(claim["region_id"], claim["region"])
        for name, span in (("current", window), ("previous", before)):
            if _period_overlaps(claim["valid_from"], claim["valid_to"], span):
                tally[claim["region_id"]][f"{name}_claims"] += 1
    rows = []
    for region_id, counts in tally.items():
        now = sum(v for k, v in counts.items() if k.startswith("current_"))
        then = sum(v for k, v in counts.items() if k.startswith("previous_"))
        if not now and not then:
            continue
        change = "continuing" if now and then else ("new" if now else "gone")
        rows.append(
            SpreadRow(
                actor_id=actor_id,
                region_id=region_id,
                region=names.get(region_id),
                change=change,
                current_incidents=counts["current_incidents"],
                previous_incidents=counts["previous_incidents"],
                current_reported=counts["current_reported"],
                previous_reported=counts["previous_reported"],
                current_claims=counts["current_claims"],
                previous_claims=counts["previous_claims"],
            )
        )
    order = {"new": 0, "continuing": 1, "gone": 2}
    rows.sort(key=lambda r: (order[r.change], r.region or r.region_id))
    return rows


async def _run_spread(store: GraphStore, params: dict[str, Any]) -> list[SpreadRow]:
    window = _window(params, required=True)
    span = Window(window.previous().first, window.last)
    actor_ids = await _family(store, params)
    series = await read_footprint(store, actor_ids, span, params["level"])
    claims = await store.read(
        ACTOR_CLAIMED_REGIONS,
        {
            "actor_ids": actor_ids,
            "level": params["level"],
            "min_status": params["min_status"],
            "max_credibility": params["max_credibility"],
        },
    )
    return spread_rows(params["actor_id"], series, claims, window)


register(
    CatalogQuery(
        name="actor_spread",
        description="An actor's spread: regions new to it in a window compared with the window "
        "of equal length before (incidents, reported activity, OPERATES_IN claims).",
        row=SpreadRow,
        params=(ACTOR, START_REQUIRED, END_REQUIRED, LEVEL, SUBUNITS, MIN_STATUS, MIN_CREDIBILITY),
        run=_run_spread,
        extra_statements=lambda dialect: {
            "actor_family": ACTOR_FAMILY,
            "actor_incidents": ACTOR_INCIDENTS,
            "report_series": REPORT_SERIES,
            "actor_claimed_regions": ACTOR_CLAIMED_REGIONS,
        },
        tags=("activity",),
    )
)


# -- neighbour exposure ---------------------------------------------------------------------


class ExposureRow(Row):
    """Activity in a month in the regions bordering a neighbouring country."""

    country_id: str
    country: str | None
    series: str
    month: str
    value: int | None
    change: int | None
    regions: list[str]


class ExposureTrendRow(Row):
    """The trend of activity in the regions bordering a country over a window."""

    country_id: str
    country: str | None
    series: str
    border_regions: list[str]
    current: int
    previous: int
    change: int
    change_pct: float | None
    slope_per_month: float | None
    trend: str


@dataclass
class Exposure:
    """Border regions per neighbouring country and their series."""

    borders: dict[str, list[str]]
    country_names: dict[str, str | None]
    series: SeriesSet

    def labels(self) -> list[str]:
        return sorted({label for _, label in self.series.series_keys()})

    def monthly(self, country_id: str, label: str, month: str) -> tuple[int | None, list[str]]:
        """Sum over the border regions with a known value that month (None if none)."""
        found = [
            (region_id, value)
            for region_id in self.borders[country_id]
            if self.series.has((region_id, label))
            and (value := self.series.value((region_id, label), month)) is not None
        ]
        if not found:
            return None, []
        return sum(v for _, v in found), [r for r, _ in found]


async def read_exposure(store: GraphStore, params: dict[str, Any], span: Window) -> Exposure:
    countries = params["countries"] or NEIGHBOURS
    border_rows = await store.read(
        BORDER_REGIONS, {"countries": countries, "level": params["level"]}
    )
    borders: dict[str, list[str]] = {c: [] for c in countries}
    names: dict[str, str | None] = {c: None for c in countries}
    for row in border_rows:
        borders[row["country_id"]].append(row["region_id"])
        names[row["country_id"]] = row["country"]
    region_ids = sorted({r for regions in borders.values() for r in regions})
    series = await read_series(
        store, span, region_ids=region_ids, level=params["level"], dataset=params["dataset"]
    )
    return Exposure(borders, names, series)


def exposure_rows(exposure: Exposure, window: Window) -> list[ExposureRow]:
    rows = []
    for country_id in exposure.borders:
        for label in exposure.labels():
            for month in window.months:
                value, regions = exposure.monthly(country_id, label, month)
                if value is None:
                    continue
                previous, _ = exposure.monthly(country_id, label, shift_month(month, -1))
                change, _ = month_over_month(value, previous)
                rows.append(
                    ExposureRow(
                        country_id=country_id,
                        country=exposure.country_names[country_id],
                        series=label,
                        month=month,
                        value=value,
                        change=change,
                        regions=regions,
                    )
                )
    return rows


def exposure_trend_rows(exposure: Exposure, window: Window) -> list[ExposureTrendRow]:
    rows = []
    before = window.previous()
    for country_id, regions in exposure.borders.items():
        for label in exposure.labels():
            now = [exposure.monthly(country_id, label, m)[0] for m in window.months]
            then = [exposure.monthly(country_id, label, m)[0] for m in before.months]
            known_now = [v for v in now if v is not None]
            if not known_now and all(v is None for v in then):
                continue
            current, previous = sum(known_now), sum(v for v in then if v is not None)
            change = current - previous
            rows.append(
                ExposureTrendRow(
                    country_id=country_id,
                    country=exposure.country_names[country_id],
                    series=label,
                    border_regions=regions,
                    current=current,
                    previous=previous,
                    change=change,
                    change_pct=round(100.0 * change / previous, 1) if previous else None,
                    slope_per_month=slope([float(v) for v in known_now]),
                    trend="rising" if change > 0 else ("falling" if change < 0 else "flat"),
                )
            )
    return rows


async def _run_exposure(store: GraphStore, params: dict[str, Any]) -> list[ExposureRow]:
    window = _window(params, required=True)
    exposure = await read_exposure(store, params, window.with_lead())
    return exposure_rows(exposure, window)


async def _run_exposure_trend(store: GraphStore, params: dict[str, Any]) -> list[ExposureTrendRow]:
    window = _window(params, required=True)
    exposure = await read_exposure(store, params, Window(window.previous().first, window.last))
    return exposure_trend_rows(exposure, window)


COUNTRIES = Param(
    "countries",
    list,
    "Neighbouring country ids (comma-separated); default Senegal, Mauritania, Guinea, "
    "Côte d'Ivoire.",
    None,
)
EXPOSURE_STATEMENTS = {
    "border_regions": BORDER_REGIONS,
    "incident_series": INCIDENT_SERIES,
    "report_series": REPORT_SERIES,
}

register(
    CatalogQuery(
        name="neighbour_exposure",
        description="Monthly activity in the regions bordering Senegal, Mauritania, Guinea and "
        "Côte d'Ivoire (or chosen countries), per country and series, with monthly change.",
        row=ExposureRow,
        params=(COUNTRIES, START_REQUIRED, END_REQUIRED, LEVEL, DATASET),
        run=_run_exposure,
        extra_statements=lambda dialect: EXPOSURE_STATEMENTS,
        tags=("activity",),
    )
)

register(
    CatalogQuery(
        name="neighbour_exposure_trend",
        description="Trend of activity in the regions bordering each neighbouring country: the "
        "window against the one before it, and the monthly slope.",
        row=ExposureTrendRow,
        params=(COUNTRIES, START_REQUIRED, END_REQUIRED, LEVEL, DATASET),
        run=_run_exposure_trend,
        extra_statements=lambda dialect: EXPOSURE_STATEMENTS,
        tags=("activity",),
    )
)
