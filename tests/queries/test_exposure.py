"""Exposure of neighbouring countries on the fixture graph: Kayes borders Senegal and
Mauritania, Timbuktu borders Mauritania (tests/queries/conftest.py)."""

from __future__ import annotations

from typing import Any

from graph.store import GraphStore
from queries.catalog import load_catalog
from queries.tabular import table_rows

CATALOG = load_catalog()


async def run(store: GraphStore, name: str, **params: Any) -> list[dict[str, Any]]:
    return table_rows(await CATALOG[name].execute(store, **params))


def brief(rows: list[dict[str, Any]], *keys: str) -> list[tuple[Any, ...]]:
    return [tuple(row[k] for k in keys) for row in rows]


async def test_monthly_exposure_of_mauritania(kg: GraphStore) -> None:
    rows = await run(kg, "neighbour_exposure", countries="country:mrt", start="2023-06",
                     end="2023-07")  # fmt: skip
    assert brief(rows, "series", "month", "value", "change", "regions") == [
        ("incidents:acled", "2023-06", 1, 0, ["region:mli-kayes", "region:mli-timbuktu"]),
        ("incidents:acled", "2023-07", 1, 0, ["region:mli-kayes", "region:mli-timbuktu"]),
        ("incidents:ucdp-ged", "2023-06", 1, 1, ["region:mli-kayes"]),
        ("incidents:ucdp-ged", "2023-07", 0, -1, ["region:mli-kayes"]),
        ("reports:security_incidents", "2023-06", 37, 6, ["region:mli-kayes"]),
    ]


async def test_exposure_trend_for_the_default_neighbours(kg: GraphStore) -> None:
    rows = await run(kg, "neighbour_exposure_trend", start="2023-06", end="2023-07")
    assert brief(rows, "country_id", "series", "current", "previous", "change",
                 "slope_per_month", "trend") == [
        ("country:sen", "incidents:acled", 1, 1, 0, -1.0, "flat"),
        ("country:sen", "incidents:ucdp-ged", 1, 0, 1, -1.0, "rising"),
        ("country:sen", "reports:security_incidents", 37, 31, 6, None, "rising"),
        ("country:mrt", "incidents:acled", 2, 1, 1, 0.0, "rising"),
        ("country:mrt", "incidents:ucdp-ged", 1, 0, 1, -1.0, "rising"),
        ("country:mrt", "reports:security_incidents", 37, 31, 6, None, "rising"),
    ]  # fmt: skip
    assert rows[3]["border_regions"] == ["region:mli-kayes", "region:mli-timbuktu"]
