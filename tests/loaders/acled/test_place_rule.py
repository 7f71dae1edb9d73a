"""Overlapping exports (a dyadic and a monadic file of one period) in both orders: one answer.

`sahel_2023_monadic.csv` repeats three events of `sahel_2023.csv`, placed differently:
MLI7001 less precisely (admin-2 Bandiagara instead of the location Bankass), MLI7002 more
precisely (the location Gao instead of the admin-2 Gao), MLI7003 equally precisely
elsewhere (Hamzakoma instead of Ber, same timestamp). The rule (`loaders.placerule`):
the location Bankass, the location Gao, and Ber (the smaller place id) — in either order.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph.store import GraphStore
from loaders.acled import load_acled
from loaders.eventload import LoadOptions

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "acled"
DYADIC = FIXTURES / "sahel_2023.csv"
MONADIC = FIXTURES / "sahel_2023_monadic.csv"


async def _places(store: GraphStore) -> list[dict[str, Any]]:
    return await store.read(
        "MATCH (i:Incident) OPTIONAL MATCH (i)-[:OCCURRED_IN]->(p) "
        "RETURN i.external_id AS event, collect(p.id) AS places, i.admin1 AS admin1, "
        "i.admin2 AS admin2, i.admin3 AS admin3, i.location AS location ORDER BY event"
    )


async def _per_admin1(store: GraphStore) -> list[dict[str, Any]]:
    return await store.read(
        "MATCH (i:Incident)-[:OCCURRED_IN]->()-[:PART_OF|LOCATED_IN*0..3]->(r:Region {level: 1}) "
        "RETURN r.name AS region, count(DISTINCT i) AS incidents ORDER BY region"
    )


async def _load(store: GraphStore, tmp_path: Path, files: list[Path]) -> None:
    for path in files:
        await load_acled(store, [path], LoadOptions(rejects_dir=tmp_path))


async def test_overlapping_files_give_one_answer_in_both_orders(
    store: GraphStore, tmp_path: Path
) -> None:
    await _load(store, tmp_path, [DYADIC, MONADIC])
    forward = (await _places(store), await _per_admin1(store))
    await store.clear()
    await _load(store, tmp_path, [MONADIC, DYADIC])
    backward = (await _places(store), await _per_admin1(store))
    assert forward == backward
    places, per_region = forward
    by_event = {row["event"]: row for row in places}
    assert all(len(row["places"]) == 1 for row in places)  # one place per incident
    assert by_event["MLI7001"] == {
        "event": "MLI7001", "places": ["location:mli-mopti-bandiagara-bankass"],
        "admin1": "Mopti", "admin2": "Bandiagara", "admin3": "Bankass", "location": "Bankass",
    }  # fmt: skip
    assert by_event["MLI7002"] == {
        "event": "MLI7002", "places": ["location:mli-gao-gao-gao"],
        "admin1": "Gao", "admin2": "Gao", "admin3": "Gao", "location": "Gao",
    }  # fmt: skip
    assert by_event["MLI7003"] == {
        "event": "MLI7003", "places": ["location:mli-tombouctou-tombouctou-ber"],
        "admin1": "Tombouctou", "admin2": "Tombouctou", "admin3": "Ber", "location": "Ber",
    }  # fmt: skip
    # the 10 incidents of the dyadic file, counted once each under their admin-1 region
    assert sorted((r["region"], r["incidents"]) for r in per_region) == [
        ("Bamako", 1), ("Gao", 2), ("Kidal", 1), ("Mopti", 2), ("Ménaka", 1), ("Sahel", 1),
        ("Ségou", 1), ("Tombouctou", 1),
    ]  # fmt: skip


async def test_the_region_property_agrees_with_the_place_link(
    store: GraphStore, tmp_path: Path
) -> None:
    await _load(store, tmp_path, [DYADIC, MONADIC])
    disagree = await store.read(
        "MATCH (i:Incident)-[:OCCURRED_IN]->()-[:PART_OF|LOCATED_IN*0..3]->(r:Region {level: 1}) "
        "WHERE r.name <> i.admin1 RETURN i.external_id AS event"
    )
    assert disagree == []
