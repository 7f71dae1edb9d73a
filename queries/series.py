"""Monthly series machinery: whole-month windows, incident and report series, their reads.

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
from enum import StrEnum
from typing import Any

from pydantic import Field

from graph.dates import end_bound, shift_month, start_bound
from graph.store.base import GraphStore, Record
from queries.claims import date_window, dated_within
from queries.errors import InvalidParameter
from queries.params import Dataset, Params, PartialDate
from queries.place_rollup import incidents_by_region
from queries.readcache import cached_read
from queries.types import NodeRef

INCIDENTS_IN_WINDOW = f"{dated_within('i.date')} AND ($dataset IS NULL OR i.dataset = $dataset)"


def _incident_series(region_first: bool) -> str:
    return (
        f"{incidents_by_region(INCIDENTS_IN_WINDOW, region_first)}"
        "WITH region_id, i.dataset AS dataset, i.month AS month, count(i) AS value, "
        "sum(coalesce(i.fatalities, 0)) AS fatalities "
        "MATCH (r:Region {id: region_id}) "
        "RETURN r.id AS region_id, r.name AS region, dataset, month, value, fatalities"
    )


INCIDENT_SERIES = _incident_series(region_first=False)
"""Incidents per region of `$level`, dataset and month: each incident counts for the regions
its place lies in (queries.place_rollup)."""
INCIDENT_SERIES_IN_REGIONS = _incident_series(region_first=True)
"""The same for the regions in `$region_ids` (any level), read region first."""


def incident_series_for(values: dict[str, Any]) -> str:
    """The series statement for these parameters: region first when regions are named."""
    return INCIDENT_SERIES if values.get("region_ids") is None else INCIDENT_SERIES_IN_REGIONS


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


QUALIFIER_PRIORITY = {"exact": 3, "at_least": 2, None: 1, "derived": 0}
"""Several reports for one region, month and metric: the most direct count wins."""


# -- windows and series (pure) --------------------------------------------------------------


@dataclass(frozen=True)
class MonthWindow:
    """A run of whole months."""

    first: str
    last: str

    @classmethod
    def of(cls, start: str, end: str) -> MonthWindow:
        first, last = start_bound(start)[:7], end_bound(end)[:7]
        if last < first:
            raise InvalidParameter(f"window ends ({end}) before it starts ({start})", field="end")
        return cls(first, last)

    def __len__(self) -> int:
        (y0, m0), (y1, m1) = (map(int, month.split("-")) for month in (self.first, self.last))
        return (y1 - y0) * 12 + (m1 - m0) + 1

    @property
    def months(self) -> list[str]:
        return [shift_month(self.first, i) for i in range(len(self))]

    def previous(self) -> MonthWindow:
        """The window of the same length just before this one."""
        return MonthWindow(shift_month(self.first, -len(self)), shift_month(self.first, -1))

    def with_lead(self) -> MonthWindow:
        """One extra month in front, so the first month has a month-over-month change."""
        return MonthWindow(shift_month(self.first, -1), self.last)

    def date_params(self) -> dict[str, str]:
        return {
            **date_window(self.first, self.last),
            "from_month": self.first,
            "to_month": self.last,
        }


ALL_TIME = MonthWindow("0001-01", "9999-12")


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

    def total(self, key: SeriesKey, window: MonthWindow) -> tuple[int, int]:
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


def window_of(start: str | None, end: str | None, required: bool = False) -> MonthWindow:
    """The whole-month window [start, end]; all time when both are open and that is allowed."""
    if start is None and end is None and not required:
        return ALL_TIME
    if start is None or end is None:
        raise InvalidParameter(
            "give both start and end (YYYY-MM or YYYY-MM-DD)", field="start" if not start else "end"
        )
    return MonthWindow.of(start, end)


async def read_series(
    store: GraphStore,
    window: MonthWindow,
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
        series.add_incidents(await cached_read(store, incident_series_for(values), values))
    if source in ("both", "reports"):
        series.add_reports(await cached_read(store, REPORT_SERIES, values))
    return series


def region_ref(region_id: str, name: str | None) -> NodeRef:
    return NodeRef(id=region_id, label="Region", name=name)


class SeriesSource(StrEnum):
    """Which numbers: counted incidents, published reports, or both (kept apart)."""

    BOTH = "both"
    INCIDENTS = "incidents"
    REPORTS = "reports"


class MonthsParams(Params):
    """A window of whole months (a date means its month)."""

    start: PartialDate | None = Field(default=None, description="First month of the window.")
    end: PartialDate | None = Field(default=None, description="Last month of the window.")
    level: int = Field(default=1, ge=1, le=3, description="Admin level incidents roll up to (1-3).")
    dataset: Dataset | None = Field(
        default=None, description="Only incidents of this dataset (acled, ucdp-ged, curated)."
    )
