"""The Sahel admin tables: date-valid admin-1 names, the old↔new crosswalk, admin-2 variants."""

from __future__ import annotations

from pathlib import Path

from graph.store import GraphStore
from loaders.acled import load_acled
from loaders.admins import (
    admin1_on,
    admin_units,
    last_day_before,
    predecessors,
    region_validity,
    successors,
)
from loaders.curated import load_paths
from loaders.eventload import LoadOptions
from queries.nodes import NodeFilter, list_nodes
from tests.support.eventfiles import write_short_acled

REPO = Path(__file__).resolve().parents[2]


def test_burkina_faso_2025_regions_replace_the_13_old_ones() -> None:
    new = [u for u in admin_units() if u.country == "BFA" and u.valid_from == "2025-07-02"]
    old = [u for u in admin_units() if u.country == "BFA" and u.valid_to == "2025-07-02"]
    assert (len(new), len(old)) == (17, 13)
    assert all(successors(region.id) for region in old)  # every old region has a successor
    assert [u.id for u in successors("region:bfa-sahel")] == [
        "region:bfa-liptako", "region:bfa-soum"
    ]  # fmt: skip
    liptako = admin1_on("BFA", "Liptako", "2025-09-01")
    assert liptako is not None and liptako.id == "region:bfa-liptako"
    assert admin1_on("BFA", "Sahel", "2025-09-01") is None  # renamed by then
    sahel = admin1_on("BFA", "Sahel", "2024-03-01")
    assert sahel is not None and sahel.id == "region:bfa-sahel"
    assert admin1_on("BFA", "Liptako", "2024-03-01") is None  # not yet


def test_mali_has_19_regions_and_bamako_since_2023() -> None:
    valid = [u for u in admin_units() if u.country == "MLI" and u.level == 1
             and u.valid_on("2024-01-01")]  # fmt: skip
    assert len(valid) == 20
    assert [u.id for u in predecessors("region:mli-bandiagara")] == ["region:mli-mopti"]
    assert [u.id for u in successors("region:mli-mopti")] == [
        "region:mli-douentza", "region:mli-bandiagara"
    ]  # fmt: skip
    before = [u for u in admin_units() if u.country == "MLI" and u.level == 1
              and u.valid_on("2015-06-01")]  # fmt: skip
    assert len(before) == 9  # eight regions and the Bamako district
    timbuktu = admin1_on("MLI", "Timbuktu")
    assert timbuktu is not None and timbuktu.id == "region:mli-timbuktu"


async def _load_rows(store: GraphStore, tmp_path: Path, rows: list[list[str]]) -> None:
    """Load ACLED rows (SHORT_ACLED_HEADER's columns but the last two) from `tmp_path`."""
    path = write_short_acled(tmp_path / "acled.csv", rows)
    summary = await load_acled(store, [path], LoadOptions(rejects_dir=tmp_path))
    assert summary.rows_rejected == 0


async def test_admin2_spelling_variants_and_a_moved_cercle_are_one_region_each(
    store: GraphStore, tmp_path: Path
) -> None:
    rows = [
        ["MLI1", "2023-01-02", "Battles", "A", "B", "Mali", "466", "Ségou", "Baraoueli", "", ""],
        ["MLI2", "2023-01-03", "Battles", "A", "B", "Mali", "466", "Segou", "Baroueli", "", ""],
        ["MLI3", "2023-01-04", "Battles", "A", "B", "Mali", "466", "Gao", "Ménaka", "", ""],
        ["MLI4", "2023-01-05", "Battles", "A", "B", "Mali", "466", "Ménaka", "Menaka", "", ""],
    ]
    await _load_rows(store, tmp_path, rows)
    placed = await store.read(
        "MATCH (i:Incident)-[:OCCURRED_IN]->(r2:Region)-[:PART_OF]->(r1:Region) "
        "RETURN i.external_id AS event, r2.id AS admin2, r1.id AS admin1, i.admin1 AS name "
        "ORDER BY event"
    )
    assert [(r["event"], r["admin2"], r["admin1"], r["name"]) for r in placed] == [
        ("MLI1", "region:mli-segou-baroueli", "region:mli-segou", "Ségou"),
        ("MLI2", "region:mli-segou-baroueli", "region:mli-segou", "Ségou"),
        ("MLI3", "region:mli-menaka-menaka", "region:mli-menaka", "Ménaka"),
        ("MLI4", "region:mli-menaka-menaka", "region:mli-menaka", "Ménaka"),
    ]
    node = await store.read(
        "MATCH (r:Region {id: 'region:mli-segou-baroueli'}) RETURN r.name AS name, "
        "r.aliases AS aliases, r.level AS level"
    )
    assert node == [{"name": "Barouéli", "aliases": ["Baroueli", "Baraoueli", "Baraouéli"],
                     "level": 2}]  # fmt: skip


def test_table_ends_become_the_last_day_the_unit_exists() -> None:
    assert [last_day_before(end) for end in ("2025-07-02", "2023-01", "2023", "2024-03-01")] == [
        "2025-07-01", "2022-12", "2022", "2024-02-29"
    ]  # fmt: skip
    assert region_validity("region:bfa-sahel") == {"valid_to": "2025-07-01"}
    assert region_validity("region:bfa-liptako") == {
        "valid_from": "2025-07-02",
        "carved_from": ["region:bfa-sahel"],
    }
    assert region_validity("region:mli-bandiagara") == {
        "valid_from": "2023",
        "carved_from": ["region:mli-mopti"],
    }
    assert region_validity("region:mli-mopti") == {}  # Mopti lives on, smaller
    assert region_validity("region:mli-segou-baroueli") == {}  # admin-2: undated


async def _regions_on(store: GraphStore, country: str, day: str) -> list[str]:
    where = NodeFilter(country=country, level=1, active_from=day, active_to=day)
    return [str(row["id"]) for row, _ in await list_nodes(store, "Region", where, limit=50)]


async def test_regions_carry_their_period_and_an_as_of_list_picks_those_valid(
    store: GraphStore, tmp_path: Path
) -> None:
    await load_paths(store, [REPO / "data" / "reference"])  # Ménaka, Taoudénit from 2016
    rows = [  # Burkina Faso's Sahel region before July 2025, Liptako and Soum after
        ["BFA1", "2024-03-05", "Battles", "A", "B", "Burkina Faso", "854", "Sahel", "", "", ""],
        ["BFA2", "2025-09-01", "Battles", "A", "B", "Burkina Faso", "854", "Liptako", "", "", ""],
        ["BFA3", "2025-09-02", "Battles", "A", "B", "Burkina Faso", "854", "Soum", "", "", ""],
        ["MLI1", "2024-01-05", "Battles", "A", "B", "Mali", "466", "Bandiagara", "", "", ""],
    ]
    await _load_rows(store, tmp_path, rows)
    periods = await store.read(
        "MATCH (r:Region) WHERE r.id IN ['region:bfa-sahel', 'region:bfa-liptako', "
        "'region:mli-bandiagara', 'region:mli-menaka', 'region:mli-gao'] "
        "RETURN r.id AS id, r.valid_from AS valid_from, r.valid_to AS valid_to ORDER BY id"
    )
    assert [(r["id"], r["valid_from"], r["valid_to"]) for r in periods] == [
        ("region:bfa-liptako", "2025-07-02", None),
        ("region:bfa-sahel", None, "2025-07-01"),
        ("region:mli-bandiagara", "2023", None),
        ("region:mli-gao", None, None),
        ("region:mli-menaka", "2016", None),
    ]
    assert await _regions_on(store, "BFA", "2024-03-05") == ["region:bfa-sahel"]
    assert await _regions_on(store, "BFA", "2025-07-01") == ["region:bfa-sahel"]
    assert await _regions_on(store, "BFA", "2025-07-02") == [
        "region:bfa-liptako", "region:bfa-soum"
    ]  # fmt: skip
    assert await _regions_on(store, "BFA", "2025") == [  # some day of 2025: old and new
        "region:bfa-liptako", "region:bfa-sahel", "region:bfa-soum"
    ]  # fmt: skip
    mali_2015 = await _regions_on(store, "MLI", "2015-06-01")
    mali_2024 = await _regions_on(store, "MLI", "2024-01-05")
    # the seed's 11 regions: 9 in 2015 (no Ménaka, no Taoudénit); Bandiagara too in 2024
    assert (len(mali_2015), len(mali_2024)) == (9, 12)
    assert set(mali_2024) - set(mali_2015) == {
        "region:mli-bandiagara", "region:mli-menaka", "region:mli-taoudenni"
    }  # fmt: skip
