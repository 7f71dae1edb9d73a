"""Monthly series, hotspots and top actors on the fixture graph (tests/queries/conftest.py).

Incidents roll up: i1 happened in the Nioro cercle, which is PART_OF Kayes, so it counts
for Kayes at level 1. ACLED and UCDP stay separate series (u1 is i2 seen by UCDP).
"""

from __future__ import annotations

from typing import Any

import pytest

from graph.store import GraphStore
from queries.catalog import load_catalog
from queries.errors import InvalidParameter
from queries.series import MonthWindow, SeriesSet, month_over_month, slope
from queries.tabular import table_rows

CATALOG = load_catalog()


async def run(store: GraphStore, name: str, **params: Any) -> list[dict[str, Any]]:
    return table_rows(await CATALOG[name].execute(store, **params))


def brief(rows: list[dict[str, Any]], *keys: str) -> list[tuple[Any, ...]]:
    return [tuple(row[k] for k in keys) for row in rows]


def test_windows_are_whole_months() -> None:
    window = MonthWindow.of("2023-06-18", "2023-08")
    assert window.months == ["2023-06", "2023-07", "2023-08"]
    assert window.previous() == MonthWindow("2023-03", "2023-05")
    assert window.with_lead() == MonthWindow("2023-05", "2023-08")
    assert window.date_params()["to_date"] == "2023-08-31"
    with pytest.raises(InvalidParameter) as caught:
        MonthWindow.of("2023-06", "2023-05")
    assert (caught.value.code, caught.value.field) == ("invalid_parameter", "end")
    assert str(caught.value) == "window ends (2023-05) before it starts (2023-06)"


def test_change_and_slope() -> None:
    assert month_over_month(37, 31) == (6, 19.4)
    assert month_over_month(1, 0) == (1, None)
    assert month_over_month(5, None) == (None, None)
    assert slope([1.0, 2.0, 3.0]) == 1.0
    assert slope([4.0]) is None


def test_several_reports_for_one_month_keep_the_most_direct() -> None:
    series = SeriesSet().add_reports(
        [
            {"region_id": "r", "region": "R", "metric": "m", "month": "2023-05", "value": 31,
             "qualifier": "derived", "direction": None, "source_ids": ["source:b"]},
            {"region_id": "r", "region": "R", "metric": "m", "month": "2023-05", "value": 30,
             "qualifier": "exact", "direction": None, "source_ids": ["source:a"]},
        ]
    )  # fmt: skip
    point = series.points[("r", "reports:m")]["2023-05"]
    assert (point.value, point.qualifier, point.source_ids) == (
        30,
        "exact",
        ["source:a", "source:b"],
    )


async def test_activity_series_for_kayes(kg: GraphStore) -> None:
    rows = await run(kg, "activity_series", region_id="region:mli-kayes", start="2023-05",
                     end="2023-07")  # fmt: skip
    assert brief(rows, "series", "month", "value", "fatalities", "change", "change_pct",
                 "qualifier") == [
        ("incidents:acled", "2023-05", 1, 3, 1, None, None),
        ("incidents:acled", "2023-06", 1, 5, 0, 0.0, None),
        ("incidents:acled", "2023-07", 0, 0, -1, -100.0, None),
        ("incidents:ucdp-ged", "2023-05", 0, 0, 0, None, None),
        ("incidents:ucdp-ged", "2023-06", 1, 5, 1, None, None),
        ("incidents:ucdp-ged", "2023-07", 0, 0, -1, -100.0, None),
        ("reports:security_incidents", "2023-05", 31, None, None, None, "derived"),
        ("reports:security_incidents", "2023-06", 37, None, 6, 19.4, "exact"),
    ]  # fmt: skip


async def test_activity_series_filters(kg: GraphStore) -> None:
    rows = await run(kg, "activity_series", source="reports", start="2023-06", end="2023-06")
    assert brief(rows, "region_id", "value", "change") == [
        ("region:mli-kayes", 37, 6),
        ("region:mli-koulikoro", 51, 30),
    ]
    rows = await run(kg, "activity_series", source="incidents", dataset="ucdp-ged")
    assert brief(rows, "region_id", "month", "value") == [("region:mli-kayes", "2023-06", 1)]
    rows = await run(kg, "activity_series", region_id="region:mli-nioro", source="incidents")
    assert brief(rows, "month", "value", "fatalities") == [("2023-05", 1, 3)]


async def test_hotspots(kg: GraphStore) -> None:
    rows = await run(kg, "hotspots", start="2023-06", end="2023-06")
    assert brief(rows, "series", "rank", "region_id", "current", "previous", "rise") == [
        ("incidents:acled", 1, "region:mli-kidal", 1, 0, 1),
        ("incidents:acled", 2, "region:mli-koulikoro", 1, 0, 1),
        ("incidents:ucdp-ged", 1, "region:mli-kayes", 1, 0, 1),
        ("reports:security_incidents", 1, "region:mli-koulikoro", 51, 21, 30),
        ("reports:security_incidents", 2, "region:mli-kayes", 37, 31, 6),
    ]
    rows = await run(kg, "hotspots", start="2023-07", end="2023-07", source="incidents")
    assert brief(rows, "region_id", "current", "previous") == [("region:mli-timbuktu", 1, 0)]


async def test_top_actors(kg: GraphStore) -> None:
    rows = await run(kg, "top_actors", region_id="region:mli-koulikoro", start="2023-06",
                     end="2023-07")  # fmt: skip
    assert brief(rows, "rank", "actor_id", "incidents", "fatalities", "incident_share",
                 "fatality_share") == [
        (1, "actor:fama", 2, 2, 1.0, 1.0),
        (2, "actor:jnim", 2, 2, 1.0, 1.0),
        (3, "actor:katiba-macina", 1, 2, 0.5, 1.0),
        (4, "actor:wagner", 1, 0, 0.5, 0.0),
    ]  # fmt: skip
    rows = await run(kg, "top_actors", start="2023-06", end="2023-06", by="fatalities", limit=1)
    assert brief(rows, "region_id", "dataset", "actor_id", "fatalities") == [
        ("region:mli-kayes", "acled", "actor:fama", 5),
        ("region:mli-kayes", "ucdp-ged", "actor:fama", 5),
        ("region:mli-kidal", "acled", "actor:cma", 10),
        ("region:mli-koulikoro", "acled", "actor:fama", 2),
    ]
