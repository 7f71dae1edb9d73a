"""Exposure of Mali's neighbours: activity in the regions that border them, and its trend.

The newsletters watch Senegal, Mauritania, Guinea and Côte d'Ivoire: what happens in the
Malian regions on their borders (Kayes, Koulikoro, Sikasso, …) reaches them first. A
border region is a region of the chosen level, outside the country, that BORDERS the
country itself or one of its regions. Series stay labelled and apart (queries.activity).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from graph.dates import shift_month
from graph.store.base import GraphStore
from queries.catalog import CatalogQuery, register
from queries.params import CountryIds, PartialDate
from queries.series import (
    INCIDENT_SERIES,
    INCIDENT_SERIES_IN_REGIONS,
    REPORT_SERIES,
    MonthsParams,
    MonthWindow,
    SeriesSet,
    month_over_month,
    read_series,
    slope,
    window_of,
)
from queries.types import NodeRef, Result, SeriesPoint

NEIGHBOURS = ["country:sen", "country:mrt", "country:gin", "country:civ"]

BORDER_REGIONS = (
    "UNWIND $countries AS country_id "
    "MATCH (c:Country {id: country_id}) "
    "MATCH (r:Region)-[:BORDERS]-(x) "
    "WHERE r.level = $level AND r.country <> c.iso3 "
    "AND (x.id = c.id OR (x:Region AND x.country = c.iso3)) "
    "RETURN DISTINCT c.id AS country_id, c.name AS country, r.id AS region_id, r.name AS region "
    "ORDER BY country_id, region_id"
)

# -- neighbour exposure ---------------------------------------------------------------------


class ExposureMonth(SeriesPoint, Result):
    """Activity in a month in the regions bordering a neighbouring country."""

    country: NodeRef
    series: str
    change: int | None
    regions: list[str]


class ExposureTrend(Result):
    """The trend of activity in the regions bordering a country over a window."""

    country: NodeRef
    series: str
    border_regions: list[str]
    current: int
    previous: int
    change: int
    change_pct: float | None
    slope_per_month: float | None
    trend: Literal["rising", "falling", "flat"]


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


class ExposureParams(MonthsParams):
    countries: CountryIds | None = Field(
        default=None,
        description="Neighbouring country ids (comma-separated); default Senegal, Mauritania, "
        "Guinea, Côte d'Ivoire.",
    )
    start: PartialDate = Field(description="First month of the window.")
    end: PartialDate = Field(description="Last month of the window.")


def _country(exposure: Exposure, country_id: str) -> NodeRef:
    return NodeRef(id=country_id, label="Country", name=exposure.country_names[country_id])


async def read_exposure(store: GraphStore, params: ExposureParams, span: MonthWindow) -> Exposure:
    countries = params.countries or NEIGHBOURS
    border_rows = await store.read(BORDER_REGIONS, {"countries": countries, "level": params.level})
    borders: dict[str, list[str]] = {c: [] for c in countries}
    names: dict[str, str | None] = {c: None for c in countries}
    for row in border_rows:
        borders[row["country_id"]].append(row["region_id"])
        names[row["country_id"]] = row["country"]
    region_ids = sorted({r for regions in borders.values() for r in regions})
    series = await read_series(
        store, span, region_ids=region_ids, level=params.level, dataset=params.dataset
    )
    return Exposure(borders, names, series)


def exposure_months(exposure: Exposure, window: MonthWindow) -> list[ExposureMonth]:
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
                    ExposureMonth(
                        country=_country(exposure, country_id),
                        series=label,
                        month=month,
                        value=value,
                        change=change,
                        regions=regions,
                    )
                )
    return rows


def exposure_trends(exposure: Exposure, window: MonthWindow) -> list[ExposureTrend]:
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
                ExposureTrend(
                    country=_country(exposure, country_id),
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


async def _run_exposure(store: GraphStore, params: ExposureParams) -> list[ExposureMonth]:
    window = window_of(params.start, params.end, required=True)
    exposure = await read_exposure(store, params, window.with_lead())
    return exposure_months(exposure, window)


async def _run_exposure_trend(store: GraphStore, params: ExposureParams) -> list[ExposureTrend]:
    window = window_of(params.start, params.end, required=True)
    span = MonthWindow(window.previous().first, window.last)
    return exposure_trends(await read_exposure(store, params, span), window)


EXPOSURE_STATEMENTS = {
    "border_regions": BORDER_REGIONS,
    "incident_series": INCIDENT_SERIES,
    "incident_series_in_regions": INCIDENT_SERIES_IN_REGIONS,
    "report_series": REPORT_SERIES,
}

neighbour_exposure = register(
    CatalogQuery(
        name="neighbour_exposure",
        description="Monthly activity in the regions bordering Senegal, Mauritania, Guinea and "
        "Côte d'Ivoire (or chosen countries), per country and series, with monthly change.",
        params=ExposureParams,
        result=ExposureMonth,
        ids={"countries": ("Country",)},
        run=_run_exposure,
        extra_statements=lambda dialect: EXPOSURE_STATEMENTS,
        tags=("activity",),
    )
)

neighbour_exposure_trend = register(
    CatalogQuery(
        name="neighbour_exposure_trend",
        description="Trend of activity in the regions bordering each neighbouring country: the "
        "window against the one before it, and the monthly slope.",
        params=ExposureParams,
        result=ExposureTrend,
        ids={"countries": ("Country",)},
        run=_run_exposure_trend,
        extra_statements=lambda dialect: EXPOSURE_STATEMENTS,
        tags=("activity",),
    )
)
