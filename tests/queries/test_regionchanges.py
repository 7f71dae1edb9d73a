"""The old↔new admin-1 crosswalk as a catalog entry: loaded regions say what they replaced."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.store import GraphStore
from loaders.curated import load_paths
from queries.catalog import run_named
from queries.errors import InvalidParameter
from queries.tabular import table_rows
from tests.support.regionrows import CARVED_REGION_ROWS, load_short_acled

REPO = Path(__file__).resolve().parents[2]


def _pairs(rows: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [(r["country"], r["old_id"], r["old"], r["new_id"], r["new"], r["new_from"],
             r["old_until"]) for r in rows]  # fmt: skip


async def test_each_new_region_names_the_old_one_with_both_dates(
    store: GraphStore, tmp_path: Path
) -> None:
    await load_paths(store, [REPO / "data" / "reference"])  # Mali's regions, Kayes among them
    await load_short_acled(store, tmp_path, CARVED_REGION_ROWS)
    rows = table_rows(await run_named(store, "region_changes"))
    assert _pairs(rows) == [
        ("BFA", "region:bfa-sahel", "Sahel", "region:bfa-liptako", "Liptako", "2025-07-02",
         "2025-07-01"),
        ("BFA", "region:bfa-sahel", "Sahel", "region:bfa-soum", "Soum", "2025-07-02",
         "2025-07-01"),
        ("MLI", "region:mli-gao", "Gao", "region:mli-menaka", "Menaka", "2016", None),
        ("MLI", "region:mli-timbuktu", "Timbuktu", "region:mli-taoudenni", "Taoudenni", "2016",
         None),
        ("MLI", "region:mli-kayes", "Kayes", "region:mli-kita", "Kita", "2023", None),
        ("MLI", "region:mli-mopti", "Mopti", "region:mli-bandiagara", "Bandiagara", "2023", None),
    ]  # fmt: skip
    assert {r["old_label"] for r in rows} == {"Region"}


async def test_one_country_and_an_old_region_the_store_lacks(
    store: GraphStore, tmp_path: Path
) -> None:
    await load_short_acled(
        store, tmp_path, CARVED_REGION_ROWS
    )  # no reference data: Kayes and Mopti were never loaded
    rows = table_rows(await run_named(store, "region_changes", country="country:mli"))
    assert _pairs(rows) == [
        ("MLI", "region:mli-kayes", None, "region:mli-kita", "Kita", "2023", None),
        ("MLI", "region:mli-mopti", None, "region:mli-bandiagara", "Bandiagara", "2023", None),
    ]  # fmt: skip
    assert table_rows(await run_named(store, "region_changes", country="NER")) == []


async def test_a_country_that_is_no_code_is_refused(store: GraphStore) -> None:
    with pytest.raises(InvalidParameter, match="country"):
        await run_named(store, "region_changes", country="Mali")
