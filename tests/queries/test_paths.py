"""Paths and ego networks on the fixture graph; confidences worked out by hand.

Claim confidence = status weight × credibility weight: confirmed/1 = 1.0, reported/2 =
0.8 × 0.8 = 0.64, reported/3 = 0.8 × 0.6 = 0.48, possible/2 = 0.3 × 0.8 = 0.24.
FAMa–CMA carries two reported/2 claims (ALLIED_WITH to 2023-08, HOSTILE_TO from 2023-09):
noisy-OR 1 − 0.36 × 0.36 = 0.8704.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from graph.store import GraphStore
from queries.catalog import load_catalog
from queries.claim_graph import StoredClaim, best_paths, hop_confidence
from queries.errors import InvalidParameter, NotFound, TooExpensive
from queries.tabular import table_rows

CATALOG = load_catalog()


async def run(store: GraphStore, name: str, **params: Any) -> list[dict[str, Any]]:
    return table_rows(await CATALOG[name].execute(store, **params))


def paths(rows: list[dict[str, Any]]) -> list[tuple[int, float, list[str]]]:
    """(rank, confidence, node ids) per path, from the flat rows."""
    found: dict[int, tuple[int, float, list[str]]] = {}
    for row in rows:
        rank, conf, nodes = found.get(row["path"], (row["path"], row["path_confidence"], []))
        if not nodes:
            nodes.append(row["from_id"])
        if nodes[-1] != row["to_id"]:
            nodes.append(row["to_id"])
        found[row["path"]] = (rank, conf, nodes)
    return list(found.values())


async def test_shortest_path_with_evidence(kg: GraphStore) -> None:
    rows = await run(kg, "shortest_path", from_id="actor:katiba-macina", to_id="actor:wagner")
    assert [
        (r["step"], r["from_id"], r["to_id"], r["type"], r["direction"], r["status"],
         r["credibility"], r["claim_confidence"], r["source_ids"])
        for r in rows
    ] == [
        (1, "actor:katiba-macina", "actor:jnim", "PART_OF", "forward", "confirmed", 1, 1.0,
         ["source:test"]),
        (2, "actor:jnim", "actor:wagner", "HOSTILE_TO", "forward", "reported", 2, 0.64,
         ["source:test"]),
    ]  # fmt: skip
    assert {r["path_confidence"] for r in rows} == {0.64}


async def test_k_shortest_paths_rank_by_hops_then_confidence(kg: GraphStore) -> None:
    rows = await run(kg, "k_shortest_paths", from_id="actor:katiba-macina", to_id="actor:cma")
    assert paths(rows) == [
        (1, 0.8704, ["actor:katiba-macina", "actor:jnim", "actor:fama", "actor:cma"]),
        (2, 0.0576, ["actor:katiba-macina", "actor:jnim", "alliance:jnim-cma", "actor:cma"]),
        (3, 0.557056,
         ["actor:katiba-macina", "actor:jnim", "actor:wagner", "actor:fama", "actor:cma"]),
    ]  # fmt: skip
    last_hop = [(r["type"], r["hop_confidence"]) for r in rows if r["path"] == 1 and r["step"] == 3]
    assert last_hop == [("ALLIED_WITH", 0.8704), ("HOSTILE_TO", 0.8704)]


async def test_path_filters(kg: GraphStore) -> None:
    ends = {"from_id": "actor:katiba-macina", "to_id": "actor:cma"}
    # As of October 2023 the FAMa–CMA alliance has ended: only the hostility remains.
    rows = await run(kg, "shortest_path", **ends, as_of="2023-10")
    assert paths(rows) == [
        (1, 0.64, ["actor:katiba-macina", "actor:jnim", "actor:fama", "actor:cma"])
    ]
    rows = await run(kg, "shortest_path", **ends, types="PART_OF,MEMBER_OF")
    assert paths(rows) == [
        (1, 0.0576, ["actor:katiba-macina", "actor:jnim", "alliance:jnim-cma", "actor:cma"])
    ]
    rows = await run(kg, "k_shortest_paths", **ends, min_status="assessed", k=5)
    assert [p[2][2] for p in paths(rows)] == [
        "actor:fama", "actor:wagner", "actor:isgs"
    ]  # fmt: skip
    assert paths(rows)[2][1] == round(1.0 * 0.48 * 0.64 * 0.8704, 6)
    assert await run(kg, "shortest_path", **ends, max_hops=2) == []
    with pytest.raises(NotFound, match=r"^no actor with id actor:nobody$"):
        await run(kg, "shortest_path", from_id="actor:cma", to_id="actor:nobody")


async def test_path_parameters_are_checked(kg: GraphStore) -> None:
    with pytest.raises(InvalidParameter) as caught:
        await run(kg, "shortest_path", from_id="actor:cma", to_id="actor:jnim", max_hops=0)
    assert (caught.value.code, caught.value.field) == ("invalid_parameter", "max_hops")
    assert str(caught.value) == (
        "shortest_path: parameter max_hops: Input should be greater than or equal to 1"
    )
    with pytest.raises(InvalidParameter, match="not actor claim types"):
        await run(kg, "shortest_path", from_id="actor:cma", to_id="actor:jnim", types="BORDERS")


def test_best_paths_breaks_ties_by_confidence() -> None:
    graph = nx.Graph()
    weak = StoredClaim("a", "b", "ALLIED_WITH", "possible", 6, None, None, ())
    strong = StoredClaim("a", "c", "ALLIED_WITH", "confirmed", 1, None, None, ())
    graph.add_edge("a", "b", claims=[weak])
    graph.add_edge("b", "d", claims=[strong])
    graph.add_edge("a", "c", claims=[strong])
    graph.add_edge("c", "d", claims=[strong])
    ranked = best_paths(graph, "a", "d", k=2, max_hops=3)
    assert [(p, round(c, 9)) for p, c in ranked] == [
        (["a", "c", "d"], 1.0),
        (["a", "b", "d"], 0.15),
    ]
    assert hop_confidence([weak, weak]) == pytest.approx(1 - 0.85**2)


async def test_ego_network(kg: GraphStore) -> None:
    rows = await run(kg, "ego_network", actor_id="actor:cma", depth=2,
                     types="HOSTILE_TO,ALLIED_WITH", as_of="2023-06")  # fmt: skip
    assert [
        (r["source_id"], r["target_id"], r["type"], r["source_depth"], r["target_depth"])
        for r in rows
    ] == [
        ("actor:cma", "actor:fama", "ALLIED_WITH", 0, 1),
        ("actor:fama", "actor:wagner", "ALLIED_WITH", 1, 2),
        ("actor:isgs", "actor:fama", "HOSTILE_TO", 2, 1),
        ("actor:jnim", "actor:fama", "HOSTILE_TO", 2, 1),
        ("actor:isgs", "actor:jnim", "HOSTILE_TO", 2, 2),
        ("actor:jnim", "actor:wagner", "HOSTILE_TO", 2, 2),
    ]
    rows = await run(kg, "ego_network", actor_id="actor:cma", depth=1)
    assert [(r["target_id"], r["type"]) for r in rows] == [
        ("actor:fama", "ALLIED_WITH"),
        ("actor:fama", "HOSTILE_TO"),
        ("alliance:jnim-cma", "MEMBER_OF"),
        ("region:mli-kidal", "OPERATES_IN"),
        ("region:mli-timbuktu", "OPERATES_IN"),
    ]


def test_too_many_tied_paths_are_too_expensive() -> None:
    """50 × 50 routes of three hops tie: past MAX_ENUMERATED candidates the ranking of the
    best k cannot be guaranteed, so the request is refused with its code."""
    graph = nx.Graph()
    claim = StoredClaim("x", "y", "ALLIED_WITH", "confirmed", 1, None, None, ())
    for i in range(50):
        graph.add_edge("s", f"a{i}", claims=[claim])
        for j in range(50):
            graph.add_edge(f"a{i}", f"b{j}", claims=[claim])
    for j in range(50):
        graph.add_edge(f"b{j}", "t", claims=[claim])
    with pytest.raises(TooExpensive) as caught:
        best_paths(graph, "s", "t", k=3, max_hops=3)
    assert caught.value.code == "too_expensive"
    assert str(caught.value) == (
        "more than 2000 paths of up to 3 hops tie for the 3 best; ask for fewer hops, "
        "fewer relationship types or a later date"
    )
    assert best_paths(graph, "s", "a1", k=3, max_hops=2) == [(["s", "a1"], 1.0)]
