"""Actor footprints and spread on the fixture graph (tests/queries/conftest.py)."""

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


async def test_footprint_of_jnim_with_its_subunits(kg: GraphStore) -> None:
    rows = await run(kg, "actor_footprint", actor_id="actor:jnim", include_subunits=True)
    assert brief(rows, "month", "region_id", "series", "value", "fatalities", "first") == [
        ("2023-05", "region:mli-kayes", "incidents:acled", 1, 3, True),
        ("2023-05", "region:mli-kayes", "reports:attacks", 4, None, False),
        ("2023-06", "region:mli-kayes", "incidents:acled", 1, 5, False),
        ("2023-06", "region:mli-kayes", "incidents:ucdp-ged", 1, 5, False),
        ("2023-06", "region:mli-kayes", "reports:attacks", 7, None, False),
        ("2023-06", "region:mli-koulikoro", "incidents:acled", 1, 2, True),
        ("2023-07", "region:mli-koulikoro", "incidents:acled", 1, 0, False),
        ("2023-07", "region:mli-timbuktu", "incidents:acled", 1, 4, True),
    ]


async def test_footprint_of_jnim_alone_in_a_window(kg: GraphStore) -> None:
    rows = await run(kg, "actor_footprint", actor_id="actor:jnim", start="2023-07", end="2023-07")
    assert brief(rows, "month", "region_id", "value", "first") == [
        ("2023-07", "region:mli-koulikoro", 1, True),
        ("2023-07", "region:mli-timbuktu", 1, True),
    ]


async def test_katiba_macina_spreads_into_koulikoro(kg: GraphStore) -> None:
    rows = await run(kg, "actor_spread", actor_id="actor:katiba-macina", start="2023-06",
                     end="2023-06")  # fmt: skip
    assert brief(rows, "region_id", "change", "current_incidents", "previous_incidents",
                 "current_reported", "previous_reported", "current_claims",
                 "previous_claims") == [
        ("region:mli-koulikoro", "new", 1, 0, 0, 0, 0, 0),
        ("region:mli-kayes", "continuing", 2, 1, 7, 4, 1, 0),
    ]  # fmt: skip


async def test_jnim_spreads_into_timbuktu_and_leaves_nothing(kg: GraphStore) -> None:
    rows = await run(kg, "actor_spread", actor_id="actor:jnim", start="2023-07", end="2023-07")
    assert brief(rows, "region_id", "change", "current_incidents", "current_claims") == [
        ("region:mli-timbuktu", "new", 1, 0),
        ("region:mli-koulikoro", "continuing", 1, 1),
    ]
    rows = await run(kg, "actor_spread", actor_id="actor:katiba-macina", start="2023-07",
                     end="2023-07")  # fmt: skip
    assert brief(rows, "region_id", "change", "previous_incidents", "current_claims") == [
        ("region:mli-kayes", "continuing", 2, 1),
        ("region:mli-koulikoro", "gone", 1, 0),
    ]
