"""Every catalog entry runs on the embedded engine and returns its typed results, on the
fixture graph; the results survive a JSON round trip unchanged.

The entries tagged `seed` (the analysts' standing questions) are exercised by their own
tests on data/ (tests/data/); every other entry must have a sample call here.
"""

from __future__ import annotations

from typing import Any

import pytest

from graph.store import GraphStore
from queries.catalog import load_catalog

CATALOG = load_catalog()
JUNE_JULY = {"start": "2023-06", "end": "2023-07"}
TWO = {"before_start": "2023-06", "before_end": "2023-06", "after_start": "2023-07",
       "after_end": "2023-07"}  # fmt: skip

SAMPLES: dict[str, dict[str, Any]] = {
    "alliance_members": {"alliance_id": "alliance:aes", "as_of": "2023-10"},
    "alliance_timeline": {"alliance_id": "alliance:aes"},
    "actor_relations": {"actor_id": "actor:jnim"},
    "actor_profile": {"actor_id": "actor:jnim", "as_of": "2023-06"},
    "common_allies": {"actor_a": "actor:wagner", "actor_b": "actor:cma"},
    "common_enemies": {"actor_a": "actor:jnim", "actor_b": "actor:isgs"},
    "operates_where": {"place_id": "region:mli-kayes"},
    "shortest_path": {"from_id": "actor:katiba-macina", "to_id": "actor:cma"},
    "k_shortest_paths": {"from_id": "actor:katiba-macina", "to_id": "actor:cma", "k": 2},
    "ego_network": {"actor_id": "actor:cma", "depth": 2},
    "activity_series": {"region_id": "region:mli-kayes", **JUNE_JULY},
    "hotspots": JUNE_JULY,
    "top_actors": JUNE_JULY,
    "actor_footprint": {"actor_id": "actor:katiba-macina"},
    "actor_spread": {"actor_id": "actor:katiba-macina", "start": "2023-06", "end": "2023-06"},
    "neighbour_exposure": JUNE_JULY,
    "neighbour_exposure_trend": JUNE_JULY,
    "influence": {"network": "hostility", **JUNE_JULY},
    "communities": JUNE_JULY,
    "brokers": JUNE_JULY,
    "regional_influence": JUNE_JULY,
    "influence_change": {"network": "hostility", **TWO},
    "broker_change": {"network": "hostility", **TWO},
    "community_change": {"network": "hostility", **TWO},
    "whatif": {"add_alliances": "alliance:jnim-cma", **JUNE_JULY},
}


def test_every_entry_has_a_sample() -> None:
    ours = {name for name, entry in CATALOG.items() if "seed" not in entry.tags}
    assert ours == set(SAMPLES)


@pytest.mark.parametrize("name", sorted(SAMPLES))
async def test_entry_runs_and_returns_typed_rows(kg: GraphStore, name: str) -> None:
    entry = CATALOG[name]
    rows = await entry.execute(kg, **SAMPLES[name])
    assert rows, f"{name} returned nothing on the fixture"
    assert all(isinstance(row, entry.result) for row in rows)
    for row in rows:
        assert entry.result.model_validate(row.model_dump(mode="json")) == row
