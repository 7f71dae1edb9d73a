"""UCDP GED: the 49-column layout, multi-line source_article, suffixed regions, two-actor sides."""

from __future__ import annotations

import csv
from pathlib import Path

from graph.store import GraphStore
from loaders.eventload import LoadOptions
from loaders.ucdp import load_ucdp_ged
from queries.stats import graph_counts

GED = Path(__file__).resolve().parents[2] / "fixtures" / "ucdp" / "ged_mali.csv"


async def _incident(store: GraphStore, ged_id: str) -> dict[str, object]:
    rows = await store.read(
        "MATCH (i:Incident {id: $id}) RETURN i", {"id": f"incident:ucdp-ged-{ged_id}"}
    )
    assert len(rows) == 1
    return dict(rows[0]["i"])


async def test_ged_rows_become_incidents_with_sides_deaths_and_precision(
    store: GraphStore, tmp_path: Path
) -> None:
    summary = await load_ucdp_ged(
        store, [GED], LoadOptions(rejects_dir=tmp_path, decision_files=())
    )
    assert (summary.rows_read, summary.incidents_upserted, summary.rows_rejected) == (5, 3, 2)
    nodes, rels = await graph_counts(store)
    assert (nodes["Incident"], nodes["Actor"], nodes["Location"]) == (3, 7, 3)
    assert rels["PARTICIPATED_IN"] == 7  # 2 + (1 + 2) + 2
    first = await _incident(store, "190001")
    assert first["date"] == "2018-01-11" and "end_date" not in first
    assert (first["fatalities"], first["deaths_low"], first["deaths_high"]) == (6, 6, 8)
    assert (first["deaths_a"], first["deaths_b"], first["deaths_civilians"]) == (4, 2, 0)
    assert (first["geo_precision"], first["time_precision"]) == (1, 1)
    assert first["event_type"] == "State-based conflict"
    assert (first["admin1"], first["admin2"]) == ("Mopti", "Douentza")
    notes = str(first["notes"])
    assert notes.startswith(
        '"Militants attack army post, killing four", AFP, 12 January 2018;\nReuters'
    )
    assert notes.count("\n") == 1
    second = await _incident(store, "190002")
    assert (second["date"], second["end_date"]) == ("2018-03-02", "2018-03-03")
    assert second["admin1"] == "Ménaka"
    sides = await store.read(
        "MATCH (a:Actor)-[r:PARTICIPATED_IN]->(:Incident {id: 'incident:ucdp-ged-190002'}) "
        "RETURN a.name AS name, a.ucdp_id AS ucdp, r.role AS role ORDER BY role, name"
    )
    assert sides == [
        {"name": "CMA", "ucdp": 1158, "role": "side_a"},
        {"name": "GATIA", "ucdp": None, "role": "side_b"},
        {"name": "MSA", "ucdp": None, "role": "side_b"},
    ]
    regions = await store.read(
        "MATCH (r:Region) RETURN r.name AS name, r.level AS level ORDER BY level, name"
    )
    # "Tenenkou cercle" is the gazetteer's admin-2 Ténenkou (data/gazetteer/admin2.csv)
    assert [(r["name"], r["level"]) for r in regions] == [
        ("Mopti", 1), ("Ménaka", 1), ("Douentza", 2), ("Ménaka", 2), ("Ténenkou", 2),
    ]  # fmt: skip
    with (tmp_path / "ged_mali.rejects.csv").open(encoding="utf-8", newline="") as handle:
        rejects = [(r["line"], r["field"]) for r in csv.DictReader(handle)]
    assert rejects == [("7", "date_start"), ("8", "best")]


async def test_ged_load_is_idempotent(store: GraphStore, tmp_path: Path) -> None:
    options = LoadOptions(rejects_dir=tmp_path, decision_files=())
    await load_ucdp_ged(store, [GED], options)
    first = await graph_counts(store)
    edges = await store.read("MATCH ()-[r]->() RETURN r.id AS id ORDER BY id")
    await load_ucdp_ged(store, [GED], options)
    assert await graph_counts(store) == first
    assert await store.read("MATCH ()-[r]->() RETURN r.id AS id ORDER BY id") == edges
