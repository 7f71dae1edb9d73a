"""Catalog queries over the real UCDP actor list loaded onto the seed knowledge base."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from graph.store import GraphStore
from loaders.curated import load_paths
from loaders.ucdp import load_ucdp_actors
from queries.catalog import run_named

REPO = Path(__file__).resolve().parents[2]
ACTOR_LIST = REPO / "data" / "third_party" / "ucdp" / "ucdp-actor-221.csv"
UCDP = "source:ucdp-actor-22-1"


@pytest.fixture
async def ucdp_store(store: GraphStore, tmp_path: Path) -> AsyncIterator[GraphStore]:
    assert ACTOR_LIST.is_file(), f"the real UCDP actor list is missing: {ACTOR_LIST}"
    await load_paths(store, [REPO / "data"])
    await load_ucdp_actors(store, ACTOR_LIST, rejects_dir=tmp_path)
    yield store


async def test_jnim_coalition_members_with_ucdp_evidence(ucdp_store: GraphStore) -> None:
    rows = await run_named(ucdp_store, "alliance_members", alliance_id="alliance:jnim-coalition")
    claims = {(r.member.id, r.evidence.status, tuple(r.evidence.source_ids)) for r in rows}
    assert claims == {
        ("actor:aqim-sahara-emirate", "confirmed", ("source:reference-armed-groups",)),
        ("actor:ansar-dine", "confirmed", ("source:reference-armed-groups",)),
        ("actor:ansar-dine", "reported", (UCDP,)),
        ("actor:katiba-macina", "confirmed", ("source:reference-armed-groups",)),
        ("actor:katiba-macina", "reported", (UCDP,)),
        ("actor:al-mourabitoun", "confirmed", ("source:reference-armed-groups",)),
    }


async def test_splinter_lineage_path_from_katiba_macina(ucdp_store: GraphStore) -> None:
    """FLM split from Ansar Dine (UCDP); one hop over SPLINTER_OF, sourced to UCDP."""
    rows = await run_named(
        ucdp_store, "shortest_path", from_id="actor:katiba-macina", to_id="actor:ansar-dine",
        types=["SPLINTER_OF"],
    )  # fmt: skip
    edges = [edge for path in rows for hop in path.hops for edge in hop.edges]
    steps = [(e.source.id, e.type, e.target.id, e.evidence.source_ids) for e in edges]
    assert steps == [("actor:katiba-macina", "SPLINTER_OF", "actor:ansar-dine", [UCDP])]


async def test_katiba_macina_to_mujao_runs_through_the_coalition(ucdp_store: GraphStore) -> None:
    rows = await run_named(
        ucdp_store, "shortest_path", from_id="actor:katiba-macina", to_id="actor:mujao"
    )
    hops = sorted({(h.step, h.source.id, h.target.id) for path in rows for h in path.hops})
    assert hops == [
        (1, "actor:katiba-macina", "alliance:jnim-coalition"),
        (2, "alliance:jnim-coalition", "actor:al-mourabitoun"),
        (3, "actor:al-mourabitoun", "actor:mujao"),
    ]
    assert [path.confidence.value for path in rows] == [1.0]
