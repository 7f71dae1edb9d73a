"""The places' region roll-up (queries.place_rollup): what it holds, that every writer keeps
it in step with the hierarchy, and that a store without it gets it back."""

from __future__ import annotations

from typing import Any

from graph.model import Location, Relationship
from graph.store import GraphStore
from queries.catalog import load_catalog
from queries.nodes import nodes_by_ids
from queries.place_rollup import PLACE_LABELS, ROLLUP_PROPERTIES, refresh_place_rollup
from queries.tabular import table_rows
from queries.writes import upsert_nodes, upsert_relationships
from tests.queries.conftest import CITE, INCIDENTS

CATALOG = load_catalog()


async def rollup(store: GraphStore, place_id: str) -> dict[str, list[str]]:
    _, props = (await nodes_by_ids(store, [place_id]))[place_id]
    return {name: sorted(props[name]) for name in ROLLUP_PROPERTIES}


async def series_total(store: GraphStore, region_id: str) -> int:
    """The region's incidents May-July 2023, read both ways: for every admin-1 region (from
    the places' roll-up) and for that region alone (region first, down the hierarchy). They
    must agree."""
    window = {"start": "2023-05", "end": "2023-07", "source": "incidents"}
    entry = CATALOG["activity_series"]
    every = table_rows(await entry.execute(store, **window))
    alone = table_rows(await entry.execute(store, region_id=region_id, **window))
    from_rollup = sum(row["value"] or 0 for row in every if row["region_id"] == region_id)
    assert from_rollup == sum(row["value"] or 0 for row in alone)
    return from_rollup


def fixture_incidents_in(*place_ids: str) -> int:
    return sum(1 for _, _, _, place, _, _ in INCIDENTS if place in place_ids)


async def test_a_place_lists_the_regions_it_lies_in(kg: GraphStore) -> None:
    assert await rollup(kg, "region:mli-nioro") == {
        "admin1_ids": ["region:mli-kayes"],
        "admin2_ids": ["region:mli-nioro"],
        "admin3_ids": [],
        "within_ids": ["country:mli", "region:mli-kayes", "region:mli-nioro"],
    }
    assert await rollup(kg, "country:mli") == {
        "admin1_ids": [], "admin2_ids": [], "admin3_ids": [], "within_ids": ["country:mli"],
    }  # fmt: skip


async def test_a_new_location_and_a_moved_region_are_counted_where_they_now_lie(
    kg: GraphStore,
) -> None:
    """Nioro's incidents count for Kayes; once Nioro is also placed in Koulikoro (an edit of
    the hierarchy), they count for Koulikoro too, and a new location under Nioro is counted
    in both."""
    kayes, koulikoro = "region:mli-kayes", "region:mli-koulikoro"
    in_kayes = fixture_incidents_in(kayes, "region:mli-nioro")
    in_koulikoro = fixture_incidents_in(koulikoro)
    assert await series_total(kg, kayes) == in_kayes
    assert await series_total(kg, koulikoro) == in_koulikoro

    await upsert_relationships(
        kg,
        [
            Relationship(
                type="PART_OF", from_id="region:mli-nioro", to_id=koulikoro, source_ids=CITE
            )
        ],
    )
    moved = fixture_incidents_in("region:mli-nioro")
    assert await series_total(kg, koulikoro) == in_koulikoro + moved
    assert await series_total(kg, kayes) == in_kayes

    await upsert_nodes(kg, [Location(id="location:nioro-town", name="Nioro du Sahel",
                                     source_ids=CITE)])  # fmt: skip
    await upsert_relationships(
        kg,
        [
            Relationship(
                type="LOCATED_IN",
                from_id="location:nioro-town",
                to_id="region:mli-nioro",
                source_ids=CITE,
            )
        ],
    )
    assert (await rollup(kg, "location:nioro-town"))["admin1_ids"] == [kayes, koulikoro]


async def test_a_store_written_without_the_rollup_gets_it_back(kg: GraphStore) -> None:
    """A store from before the roll-up existed: regional entries see no region until it is
    refreshed (`sahelkg schema --ensure`, or any load), then answer as before."""
    kayes = "region:mli-kayes"
    expected = fixture_incidents_in(kayes, "region:mli-nioro")
    for label in PLACE_LABELS:
        await kg.write(
            f"MATCH (l:{label}) REMOVE " + ", ".join(f"l.{name}" for name in ROLLUP_PROPERTIES)
        )
    every = await CATALOG["activity_series"].execute(
        kg, start="2023-05", end="2023-07", source="incidents"
    )
    assert [row for row in table_rows(every) if row["region_id"] == kayes] == []

    await refresh_place_rollup(kg, missing_only=True)
    assert await series_total(kg, kayes) == expected
    before: dict[str, Any] = await rollup(kg, kayes)
    await refresh_place_rollup(kg, missing_only=True)  # nothing missing: changes nothing
    assert await rollup(kg, kayes) == before
