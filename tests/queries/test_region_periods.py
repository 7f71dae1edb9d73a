"""Region dates and lineage filled in for a store written before Regions carried them
(queries.region_periods, through loaders.older_stores as `schema --ensure` and the event
loads run it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph.store import GraphStore
from loaders.curated import load_paths
from loaders.older_stores import complete_older_store
from queries.catalog import run_named
from queries.nodes import nodes_by_ids
from queries.tabular import table_rows
from tests.support.regionrows import CARVED_REGION_ROWS, load_short_acled

REPO = Path(__file__).resolve().parents[2]
EXPECTED = {  # data/gazetteer/admin1.csv, valid_to as the graph's inclusive last day
    "region:bfa-liptako": ("2025-07-02", None, ["region:bfa-sahel"]),
    "region:bfa-sahel": (None, "2025-07-01", None),
    "region:bfa-soum": ("2025-07-02", None, ["region:bfa-sahel"]),
    "region:mli-bandiagara": ("2023", None, ["region:mli-mopti"]),
    "region:mli-kita": ("2023", None, ["region:mli-kayes"]),
    "region:mli-menaka": ("2016", None, ["region:mli-gao"]),
    "region:mli-taoudenni": ("2016", None, ["region:mli-timbuktu"]),
}
"""Every Region of the loaded store the table dates or derives; the rest carry none."""
UNDATED = ("region:mli-gao", "region:mli-mopti", "region:mli-kayes", "region:mli-timbuktu")
FORGET = "MATCH (r:Region) REMOVE r.valid_from, r.valid_to, r.carved_from"
"""What a store written before Regions carried their dates and lineage looks like."""


async def _seeded(store: GraphStore, tmp_path: Path) -> list[dict[str, Any]]:
    """The reference data and CARVED_REGION_ROWS loaded; returns the crosswalk `region_changes` reads."""
    await load_paths(store, [REPO / "data" / "reference"])
    await load_short_acled(store, tmp_path, CARVED_REGION_ROWS)
    changes = table_rows(await run_named(store, "region_changes"))
    assert len(changes) == 6
    return changes


async def lineage(store: GraphStore) -> dict[str, tuple[Any, Any, Any]]:
    found = await nodes_by_ids(store, [*EXPECTED, *UNDATED])
    assert sorted(found) == sorted([*EXPECTED, *UNDATED])
    periods = {
        node_id: (props.get("valid_from"), props.get("valid_to"), props.get("carved_from"))
        for node_id, (_, props) in found.items()
    }
    return {node_id: period for node_id, period in periods.items() if period != (None,) * 3}


async def test_a_store_without_region_lineage_gets_it_back(
    store: GraphStore, tmp_path: Path
) -> None:
    changes = await _seeded(store, tmp_path)
    assert await lineage(store) == EXPECTED
    await store.write(FORGET)
    assert await lineage(store) == {}
    assert await run_named(store, "region_changes") == []

    assert await complete_older_store(store) == len(EXPECTED)
    assert await lineage(store) == EXPECTED
    assert table_rows(await run_named(store, "region_changes")) == changes

    version = await store.version()
    assert await complete_older_store(store) == 0  # nothing missing: nothing written
    assert await store.version() == version
    assert await lineage(store) == EXPECTED


async def test_what_a_region_has_is_kept_and_only_the_rest_filled(
    store: GraphStore, tmp_path: Path
) -> None:
    """A period of its own (a curated file gave Bandiagara a day) stays; its missing lineage
    is filled; Menaka, which lacks only its lineage, keeps its date and gets the lineage."""
    await _seeded(store, tmp_path)
    await store.write(
        "MATCH (r:Region {id: $id}) SET r.valid_from = $day REMOVE r.carved_from",
        {"id": "region:mli-bandiagara", "day": "2023-02-15"},
    )
    await store.write(
        "MATCH (r:Region {id: $id}) REMOVE r.carved_from", {"id": "region:mli-menaka"}
    )

    assert await complete_older_store(store) == 2
    assert await lineage(store) == {
        **EXPECTED,
        "region:mli-bandiagara": ("2023-02-15", None, ["region:mli-mopti"]),
    }


async def test_an_event_load_fills_them_in_first(store: GraphStore, tmp_path: Path) -> None:
    await _seeded(store, tmp_path)
    await store.write(FORGET)
    await load_short_acled(store, tmp_path, [["MLI3", "2024-02-01", "Battles", "A", "B", "Mali", "466",
                                   "Gao", "", "", ""]])  # fmt: skip
    assert await lineage(store) == EXPECTED
