"""The explorer's bulk fields, `egoNetwork` and `graph`, equal the catalog's ego network.

Each edge is a claim the catalog's `ego_network` entry returns for the same parameters
(type, ends, evidence); each node is an end of one, at its smallest depth.
"""

from __future__ import annotations

from typing import Any

import pytest

from queries.catalog import load_catalog
from tests.api.graphql.conftest import Api
from tests.conftest import ENGINES

pytestmark = pytest.mark.asyncio(loop_scope="module")
API_ENGINES = ENGINES  # every test here runs on embedded FalkorDB and on Neo4j

SUBGRAPH = """nodes { id label depth degree } edges { type source target
  evidence { status credibility validFrom validTo } evidenceSummary }
  truncated nodeCount edgeCount"""


async def _catalog_edges(api: Api, **params: Any) -> list[tuple[str, str, str, str, int]]:
    rows = await load_catalog()["ego_network"].execute(api.store, params)
    return sorted(
        (r.type, r.source.id, r.target.id, str(r.evidence.status).upper(), r.evidence.credibility)
        for r in rows
    )


def _edges(subgraph: dict[str, Any]) -> list[tuple[str, str, str, str, int]]:
    return sorted(
        (e["type"], e["source"], e["target"], e["evidence"]["status"], e["evidence"]["credibility"])
        for e in subgraph["edges"]
    )


async def test_ego_network_equals_the_catalogs(api: Api) -> None:
    data = await api.data(
        f'{{ egoNetwork(actorId: "actor:wagner", depth: 1, asOf: "2023-10") {{ {SUBGRAPH} }} }}'
    )
    ego = data["egoNetwork"]
    expected = await _catalog_edges(api, actor_id="actor:wagner", depth=1, as_of="2023-10")
    assert _edges(ego) == expected
    assert [(n["id"], n["depth"]) for n in ego["nodes"]] == [
        ("actor:wagner", 0), ("actor:fama", 1), ("actor:government-of-mali", 1),
        ("actor:jnim", 1),
    ]  # fmt: skip
    assert {(e["type"], e["source"], e["target"]) for e in ego["edges"]} == {
        ("ALLIED_WITH", "actor:fama", "actor:wagner"),
        ("SUPPORTS", "actor:wagner", "actor:government-of-mali"),
        ("HOSTILE_TO", "actor:jnim", "actor:wagner"),
        # claims among the neighbours themselves belong to the ego network too
        ("PART_OF", "actor:fama", "actor:government-of-mali"),
        ("HOSTILE_TO", "actor:jnim", "actor:fama"),
    }
    assert (ego["truncated"], ego["nodeCount"], ego["edgeCount"]) == (False, 4, 5)
    wagner = next(n for n in ego["nodes"] if n["id"] == "actor:wagner")
    assert (wagner["label"], wagner["degree"]) == ("Actor", 3)
    assert {n["id"]: n["degree"] for n in ego["nodes"]} == {
        "actor:wagner": 3, "actor:fama": 3, "actor:government-of-mali": 2, "actor:jnim": 2,
    }  # fmt: skip


async def test_graph_caps_nodes_and_says_so(api: Api) -> None:
    data = await api.data(
        f'{{ graph(centerIds: ["actor:wagner"], maxNodes: 2, asOf: "2023-10") {{ {SUBGRAPH} }} }}'
    )
    graph = data["graph"]
    assert [n["id"] for n in graph["nodes"]] == ["actor:wagner", "actor:fama"]
    assert [(e["source"], e["target"]) for e in graph["edges"]] == [("actor:fama", "actor:wagner")]
    assert (
        graph["edges"][0]["evidenceSummary"] == "confirmed, credibility 1, 2021-12 to …, 1 source"
    )
    assert (graph["truncated"], graph["nodeCount"], graph["edgeCount"]) == (True, 4, 5)
