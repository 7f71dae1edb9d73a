"""The Sahel admin tables: date-valid admin-1 names, the old↔new crosswalk, admin-2 variants."""

from __future__ import annotations

import csv
from pathlib import Path

from graph.store import GraphStore
from loaders.acled import load_acled
from loaders.admins import admin1_on, admin_units, predecessors, successors
from loaders.eventload import LoadOptions

HEADER = ["event_id_cnty", "event_date", "event_type", "actor1", "actor2", "country", "iso",
          "admin1", "admin2", "admin3", "location", "disorder_type", "timestamp"]  # fmt: skip


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


async def test_admin2_spelling_variants_and_a_moved_cercle_are_one_region_each(
    store: GraphStore, tmp_path: Path
) -> None:
    rows = [
        ["MLI1", "2023-01-02", "Battles", "A", "B", "Mali", "466", "Ségou", "Baraoueli", "", ""],
        ["MLI2", "2023-01-03", "Battles", "A", "B", "Mali", "466", "Segou", "Baroueli", "", ""],
        ["MLI3", "2023-01-04", "Battles", "A", "B", "Mali", "466", "Gao", "Ménaka", "", ""],
        ["MLI4", "2023-01-05", "Battles", "A", "B", "Mali", "466", "Ménaka", "Menaka", "", ""],
    ]
    path = tmp_path / "acled.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows([*row, "Political violence", "1"] for row in rows)
    summary = await load_acled(store, [path], LoadOptions(rejects_dir=tmp_path))
    assert summary.rows_rejected == 0
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
