"""ACLED loads: idempotence, updates, rejects, --strict, --dry-run, the seed KB's JNIM."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graph.model import Incident
from graph.store import GraphStore
from loaders.acled import load_acled
from loaders.curated import load_paths
from loaders.eventload import LoadOptions
from loaders.problems import ValidationFailed
from queries.eventdata.incidents import incident_row
from queries.stats import graph_counts

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "acled"
REPO = Path(__file__).resolve().parents[3]
ALL_LAYOUTS = ["acled_legacy.csv", "acled_2019.csv", "acled_2023.csv", "acled_monadic.csv"]


def _options(tmp_path: Path, **kwargs: object) -> LoadOptions:
    return LoadOptions(rejects_dir=tmp_path, decision_files=(), **kwargs)  # type: ignore[arg-type]


async def _snapshot(store: GraphStore) -> tuple[object, ...]:
    nodes, rels = await graph_counts(store)
    props = await store.read("MATCH (n) RETURN n ORDER BY n.id")
    edges = await store.read("MATCH (a)-[r]->(b) RETURN a.id AS a, r, b.id AS b ORDER BY r.id")
    return nodes, rels, props, edges


async def test_loading_the_same_files_twice_gives_the_same_graph(
    store: GraphStore, tmp_path: Path
) -> None:
    paths = [FIXTURES / name for name in ALL_LAYOUTS]
    await load_acled(store, paths, _options(tmp_path, batch_size=2))
    first = await _snapshot(store)
    second_summary = await load_acled(store, paths, _options(tmp_path, batch_size=3))
    assert await _snapshot(store) == first
    assert second_summary.actors_created == 0
    nodes, _ = await graph_counts(store)
    assert nodes["Incident"] == 5 + 5 + 4 + 3


async def test_an_updated_export_updates_incidents_and_their_edges(
    store: GraphStore, tmp_path: Path
) -> None:
    original = FIXTURES / "acled_2019.csv"
    await load_acled(store, [original], _options(tmp_path))
    with original.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    first = rows[1]
    first[header.index("fatalities")] = "6"
    first[header.index("actor2")] = "Military Forces of Mali (2021-)"
    first[header.index("assoc_actor_2")] = "Wagner Group"
    first[header.index("location")] = "Sevare"
    first[header.index("timestamp")] = "1620000000"  # the corrected record is newer
    first[header.index("notes")] = ""
    updated = tmp_path / "acled_2019_v2.csv"
    with updated.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, first])
    await load_acled(store, [updated], _options(tmp_path))
    incident = (await store.read("MATCH (i:Incident {id: 'incident:acled-mli5001'}) RETURN i"))[0][
        "i"
    ]
    assert incident["fatalities"] == 6 and "notes" not in incident
    rows_after = await store.read(
        "MATCH (a:Actor)-[r:PARTICIPATED_IN]->(:Incident {id: 'incident:acled-mli5001'}) "
        "RETURN a.name AS name, r.role AS role ORDER BY role"
    )
    assert rows_after == [
        {"name": "JNIM: Group for Support of Islam and Muslims", "role": "actor1"},
        {"name": "Military Forces of Mali", "role": "actor2"},
        {"name": "Wagner Group", "role": "assoc_actor_2"},
    ]
    places = await store.read(
        "MATCH (:Incident {id: 'incident:acled-mli5001'})-[:OCCURRED_IN]->(l) RETURN l.name AS name"
    )
    assert places == [{"name": "Sevare"}]


async def test_bad_rows_go_to_the_rejects_file_and_the_rest_loads(
    store: GraphStore, tmp_path: Path
) -> None:
    summary = await load_acled(store, [FIXTURES / "acled_rejects.csv"], _options(tmp_path))
    assert (summary.rows_read, summary.rows_rejected, summary.incidents_upserted) == (8, 5, 3)
    with (tmp_path / "acled_rejects.rejects.csv").open(encoding="utf-8", newline="") as handle:
        rejects = list(csv.DictReader(handle))
    assert [(r["line"], r["field"]) for r in rejects] == [
        ("3", "event_id_cnty"),
        ("4", "event_date"),
        ("5", "fatalities"),
        ("6", "latitude"),
        ("10", "longitude"),  # after a quoted note spanning lines 7-8
    ]
    assert rejects[1]["reason"].startswith("'31 Febtember 2021' is not a date")
    assert rejects[2]["reason"] == "'many' is not a number"
    assert rejects[3]["raw"].startswith("MLI7005,2021-04-05,")
    nodes, _ = await graph_counts(store)
    assert nodes["Incident"] == 3
    notes = await store.read(
        "MATCH (i:Incident {id: 'incident:acled-mli7006'}) RETURN i.notes AS n"
    )
    assert notes == [{"n": "A note on\ntwo lines."}]


async def test_a_file_of_unknown_layout_is_rejected_whole(
    store: GraphStore, tmp_path: Path
) -> None:
    paths = [FIXTURES / "not_acled.csv", FIXTURES / "acled_2023.csv"]
    summary = await load_acled(store, paths, _options(tmp_path))
    assert summary.rows_rejected == 1 and summary.incidents_upserted == 4
    text = (tmp_path / "not_acled.rejects.csv").read_text(encoding="utf-8")
    assert "unknown layout: not an ACLED export: the header lacks event_id_cnty" in text


async def test_strict_rejects_the_whole_file_and_writes_nothing(
    store: GraphStore, tmp_path: Path
) -> None:
    paths = [FIXTURES / "acled_2019.csv", FIXTURES / "acled_rejects.csv"]
    with pytest.raises(ValidationFailed) as caught:
        await load_acled(store, paths, _options(tmp_path, strict=True))
    message = str(caught.value)
    assert "acled_rejects.csv:3: event_id_cnty: is empty" in message
    assert "acled_rejects.csv:10: longitude: '200.0000' is out of range" in message
    assert "--strict: the whole file is rejected" in message
    nodes, rels = await graph_counts(store)
    assert sum(nodes.values()) == 0 and sum(rels.values()) == 0
    summary = await load_acled(
        store, [FIXTURES / "acled_2019.csv"], _options(tmp_path, strict=True)
    )
    assert summary.incidents_upserted == 5


async def test_dry_run_validates_and_counts_without_writing(
    store: GraphStore, tmp_path: Path
) -> None:
    paths = [FIXTURES / "acled_2019.csv", FIXTURES / "acled_rejects.csv"]
    summary = await load_acled(store, paths, _options(tmp_path, dry_run=True))
    assert (summary.rows_read, summary.incidents_upserted, summary.rows_rejected) == (13, 8, 5)
    assert summary.actors_created == 13
    nodes, rels = await graph_counts(store)
    assert sum(nodes.values()) == 0 and sum(rels.values()) == 0


async def test_incident_rows_match_the_model(store: GraphStore, tmp_path: Path) -> None:
    """The loader's fast row equals what the model's own serialisation would give."""
    await load_acled(store, [FIXTURES / "acled_2023.csv"], _options(tmp_path))
    stored = (await store.read("MATCH (i:Incident {id: 'incident:acled-mli6002'}) RETURN i"))[0][
        "i"
    ]
    stored.pop("_labels")
    model = Incident(**{k: v for k, v in stored.items() if k != "search_text"})
    assert stored == model.to_properties()
    assert incident_row(model.to_properties(), [], None)[0] == "incident:acled-mli6002"


async def test_acled_jnim_is_the_seed_knowledge_bases_jnim(
    store: GraphStore, tmp_path: Path
) -> None:
    await load_paths(store, [REPO / "data"])
    jnim_before = await store.read("MATCH (a:Actor {id: 'actor:jnim'}) RETURN a.name AS name")
    assert jnim_before == [{"name": "JNIM"}], "the seed knowledge base must define actor:jnim"
    await load_acled(store, [FIXTURES / "acled_2019.csv"], _options(tmp_path))
    rows = await store.read(
        "MATCH (a:Actor)-[r:PARTICIPATED_IN]->(:Incident {id: 'incident:acled-mli5001'}) "
        "RETURN a.id AS id, r.role AS role ORDER BY role"
    )
    assert rows == [{"id": "actor:jnim", "role": "actor1"}, {"id": "actor:fama", "role": "actor2"}]
    unresolved = await store.read(
        "MATCH (a:Actor) WHERE a.name STARTS WITH 'JNIM' AND a.id <> 'actor:jnim' RETURN a.id AS id"
    )
    assert unresolved == []


async def test_monadic_rows_of_one_event_need_not_be_adjacent(
    store: GraphStore, tmp_path: Path
) -> None:
    with (FIXTURES / "acled_monadic.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    shuffled = tmp_path / "monadic_shuffled.csv"
    with shuffled.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([rows[0], rows[1], rows[3], rows[5], rows[2], rows[4]])
    for batch_size in (100, 1):  # one batch, then every row in its own batch
        await store.clear()
        await load_acled(store, [shuffled], _options(tmp_path, batch_size=batch_size))
        nodes, rels = await graph_counts(store)
        assert (nodes["Incident"], rels["PARTICIPATED_IN"]) == (3, 7)
