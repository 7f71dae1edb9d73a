"""The real UCDP actor list (data/third_party/ucdp/ucdp-actor-221.csv, CC BY 4.0) loads whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.store import GraphStore
from loaders.acled import load_acled
from loaders.curated import load_paths
from loaders.eventload import LoadOptions
from loaders.ucdp import load_ucdp_actors, load_ucdp_ged
from queries.stats import graph_counts

REPO = Path(__file__).resolve().parents[3]
ACTOR_LIST = REPO / "data" / "third_party" / "ucdp" / "ucdp-actor-221.csv"
FIXTURES = REPO / "tests" / "fixtures"


@pytest.fixture
def actor_list() -> Path:
    if not ACTOR_LIST.is_file():
        pytest.fail(
            f"the real UCDP actor list is missing: expected {ACTOR_LIST} "
            "(committed under data/third_party/ucdp); these tests need it"
        )
    return ACTOR_LIST


async def _edges(store: GraphStore, ucdp_id: int, rel_type: str) -> set[str]:
    rows = await store.read(
        "MATCH (a:Actor {ucdp_id: $ucdp})-[r]->(b) WHERE type(r) = $type "
        "AND $source IN r.source_ids RETURN b.id AS id",
        {"ucdp": ucdp_id, "type": rel_type, "source": "source:ucdp-actor-22-1"},
    )
    return {row["id"] for row in rows}


async def test_every_actor_loads_with_its_names(
    store: GraphStore, actor_list: Path, tmp_path: Path
) -> None:
    summary = await load_ucdp_actors(store, actor_list, rejects_dir=tmp_path)
    assert (summary.rows_read, summary.rows_rejected) == (1725, 0)
    counts = await graph_counts(store)
    nodes = counts[0]
    with_ids = await store.read(
        "MATCH (a:Actor) WHERE a.ucdp_id IS NOT NULL RETURN count(DISTINCT a.ucdp_id) AS n"
    )
    # 1,725 listed actors plus 4 that rows point at but the list does not contain
    # (2658, 6493 as previous actors; 7610, 7611 as joined groups)
    assert with_ids == [{"n": 1729}]
    assert nodes["Actor"] == 1729
    flm = await store.read("MATCH (a:Actor {ucdp_id: 6267}) RETURN a.id AS id, a.name AS name, "
                           "a.aliases AS aliases")  # fmt: skip
    assert flm[0]["id"] == "actor:ucdp-6267" and flm[0]["name"] == "FLM"
    assert flm[0]["aliases"] == ["Front de Libération du Macina", "Macina Liberation Front"]
    again = await load_ucdp_actors(store, actor_list, rejects_dir=tmp_path)
    assert again.actors_created == 0
    assert await graph_counts(store) == counts


async def test_sahel_lineage_holds_on_the_seed_knowledge_base(
    store: GraphStore, actor_list: Path, tmp_path: Path
) -> None:
    await load_paths(store, [REPO / "data"])
    await load_ucdp_actors(store, actor_list, rejects_dir=tmp_path)
    # FLM (= Katiba Macina) is a splinter of Ansar Dine and joined Ansar Dine and JNIM
    assert await _edges(store, 6267, "SPLINTER_OF") == {"actor:ansar-dine"}
    assert await _edges(store, 6267, "PART_OF") == {"actor:ansar-dine"}
    assert await _edges(store, 6267, "MEMBER_OF") == {"alliance:jnim-coalition"}
    # MSA is a splinter of the CMA; MUJAO of AQIM
    assert await _edges(store, 6836, "SPLINTER_OF") == {"actor:cma"}
    assert await _edges(store, 1161, "SPLINTER_OF") == {"actor:aqim"}
    # Ansar Dine is in the JNIM alliance, which UCDP also lists as the actor JNIM
    assert await _edges(store, 1157, "MEMBER_OF") == {"alliance:jnim-coalition"}
    coalition = await store.read(
        "MATCH (:Alliance {id: 'alliance:jnim-coalition'})-[r:AFFILIATED_WITH]->(a:Actor) "
        "WHERE 'source:ucdp-actor-22-1' IN r.source_ids RETURN a.id AS id"
    )
    assert coalition == [{"id": "actor:jnim"}]
    ids = await store.read("MATCH (a:Actor) WHERE a.ucdp_id IN [6716, 6267, 1158, 1157, 1161, 6836] "
                           "RETURN a.ucdp_id AS u, a.id AS id ORDER BY u")  # fmt: skip
    assert [(r["u"], r["id"]) for r in ids] == [
        (1157, "actor:ansar-dine"), (1158, "actor:cma"), (1161, "actor:mujao"),
        (6267, "actor:katiba-macina"), (6716, "actor:jnim"), (6836, "actor:msa"),
    ]  # fmt: skip


async def test_without_the_seed_the_lineage_holds_between_ucdp_actors(
    store: GraphStore, actor_list: Path, tmp_path: Path
) -> None:
    await load_ucdp_actors(store, actor_list, rejects_dir=tmp_path)
    assert await _edges(store, 6267, "SPLINTER_OF") == {"actor:ucdp-1157"}
    assert await _edges(store, 6267, "MEMBER_OF") == {"alliance:ucdp-6716"}
    assert await _edges(store, 1157, "MEMBER_OF") == {"alliance:ucdp-6716"}
    assert await _edges(store, 6836, "SPLINTER_OF") == {"actor:ucdp-1158"}
    assert await _edges(store, 1161, "SPLINTER_OF") == {"actor:ucdp-539"}


async def test_country_filter_and_event_names_resolve_to_ucdp_actors(
    store: GraphStore, actor_list: Path, tmp_path: Path
) -> None:
    summary = await load_ucdp_actors(store, actor_list, country="Mali", rejects_dir=tmp_path)
    assert 30 < summary.actors_upserted < 200
    options = LoadOptions(rejects_dir=tmp_path, decision_files=())
    await load_ucdp_ged(store, [FIXTURES / "ucdp" / "ged_mali.csv"], options)
    await load_acled(store, [FIXTURES / "acled" / "acled_legacy.csv"], options)
    rows = await store.read(
        "MATCH (a:Actor)-[:PARTICIPATED_IN]->(i:Incident) WHERE a.ucdp_id IN [1157, 6716, 5880] "
        "RETURN a.id AS id, collect(i.external_id) AS events ORDER BY id"
    )
    found = {row["id"]: sorted(row["events"]) for row in rows}
    assert found["actor:ucdp-1157"] == ["MLI100", "MLI104"]  # ACLED "Ansar Dine"
    assert found["actor:ucdp-6716"] == ["190001"]  # GED side id 6716
    assert found["actor:ucdp-5880"] == ["190002"]  # GED side "GATIA, MSA", by name
