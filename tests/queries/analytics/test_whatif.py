"""What-if on the fixture graph: the possible JNIM–CMA alignment, and edits of edges.

By hand, June–July 2023: JNIM is present in Koulikoro and Timbuktu; its cooperation
partners Katiba Macina (Kayes, Koulikoro) and Ansar Dine (nowhere) add Kayes: reach 3.
The alignment makes the CMA (Kidal, Timbuktu) a partner: reach 4, Kidal gained.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from graph.store import GraphStore
from queries.analytics import measures, whatif
from queries.analytics.compiled import Compiled
from queries.catalog import load_catalog
from queries.errors import InvalidParameter, NotFound
from queries.stats import graph_counts
from queries.tabular import table_rows
from tests.support.networks import COOPERATION_EDGES, reference_pagerank

CATALOG = load_catalog()
WINDOW = {"start": "2023-06", "end": "2023-07"}


async def run(store: GraphStore, **params: Any) -> list[dict[str, Any]]:
    return table_rows(await CATALOG["whatif"].execute(store, **params))


def by_measure(
    rows: list[dict[str, Any]], actor: str, network: str = "cooperation"
) -> dict[str, tuple[Any, Any]]:
    return {
        r["measure"]: (r["before"], r["after"])
        for r in rows
        if r["actor_id"] == actor and r["network"] == network
    }


async def test_jnim_cma_alignment_widens_jnim_reach_into_kidal(kg: GraphStore) -> None:
    before = await graph_counts(kg)
    rows = await run(kg, add_alliances="alliance:jnim-cma", changed_only=False, **WINDOW)
    assert await graph_counts(kg) == before  # nothing written

    reach = [r for r in rows if r["measure"] == "reach" and r["change"]]
    assert [(r["actor_id"], r["before"], r["after"], r["gained"]) for r in reach] == [
        ("actor:jnim", 3.0, 4.0, ["region:mli-kidal"])
    ]
    jnim = by_measure(rows, "actor:jnim")
    assert jnim["degree"] == (2.0, 3.0)
    assert jnim["weighted_degree"] == (3.0, 4.0)

    # Every measure after the scenario is networkx's on the edited edges.
    edited = nx.Graph()
    edited.add_weighted_edges_from([*COOPERATION_EDGES, ("actor:cma", "actor:jnim", 1.0)])
    pagerank = reference_pagerank(edited)
    between = nx.betweenness_centrality(edited)
    eigen = nx.eigenvector_centrality(edited, max_iter=1000, weight="weight")
    burt = nx.constraint(edited, weight="weight")
    for actor in edited:
        got = by_measure(rows, actor)
        assert got["pagerank"][1] == pytest.approx(pagerank[actor], abs=1e-5)
        assert got["betweenness"][1] == pytest.approx(between[actor], abs=1e-6)
        assert got["eigenvector"][1] == pytest.approx(eigen[actor], abs=1e-6)
        assert got["constraint"][1] == pytest.approx(burt[actor], abs=1e-6)
    # The new tie makes the graph one piece: FAMa, JNIM and the CMA become cut vertices.
    assert set(nx.articulation_points(edited)) == {"actor:fama", "actor:jnim", "actor:cma"}
    assert by_measure(rows, "actor:cma")["articulation"] == (0.0, 1.0)
    # The hostility network is untouched.
    assert all(r["change"] in (0.0, None) for r in rows if r["network"] == "hostility")


async def test_changed_only_and_focus(kg: GraphStore) -> None:
    rows = await run(kg, add_alliances="alliance:jnim-cma", actor_id="actor:jnim", **WINDOW)
    assert {r["measure"] for r in rows} >= {"degree", "weighted_degree", "reach"}
    assert all(r["actor_id"] == "actor:jnim" and r["change"] != 0 for r in rows if not r["gained"])


async def test_removing_an_alliance_and_editing_edges(kg: GraphStore) -> None:
    rows = await run(kg, remove_alliances="alliance:jnim-coalition", **WINDOW)
    assert by_measure(rows, "actor:ansar-dine")["degree"] == (2.0, 1.0)
    assert by_measure(rows, "actor:katiba-macina")["weighted_degree"] == (3.0, 2.0)

    rows = await run(kg, add_edges="actor:jnim~actor:cma~2", remove_edges="actor:fama~actor:cma",
                     **WINDOW)  # fmt: skip
    cma = by_measure(rows, "actor:cma")
    assert cma["weighted_degree"] == (1.0, 2.0)
    assert by_measure(rows, "actor:fama")["degree"] == (3.0, 2.0)

    rows = await run(kg, add_hostile="actor:cma~actor:isgs", **WINDOW)
    assert by_measure(rows, "actor:isgs", "hostility")["degree"] == (2.0, 3.0)
    assert not [r for r in rows if r["network"] == "cooperation"]


async def test_scenario_ids_are_checked(kg: GraphStore) -> None:
    with pytest.raises(
        NotFound, match=r"^no actor with id actor:nobody \(in the scenario's edges\)$"
    ):
        await run(kg, add_edges="actor:jnim~actor:nobody")
    with pytest.raises(NotFound, match=r"^no alliance with id alliance:nothing$"):
        await run(kg, add_alliances="alliance:nothing")
    with pytest.raises(InvalidParameter) as caught:
        await run(kg, add_edges="actor:jnim")
    assert caught.value.field == "add_edges"
    assert str(caught.value) == (
        "whatif: parameter add_edges: edge 'actor:jnim': expected ACTOR~ACTOR or ACTOR~ACTOR~WEIGHT"
    )
    with pytest.raises(ValueError, match="ACTOR~ACTOR"):
        whatif.EdgeEdit.parse("actor:jnim")


def test_adding_an_alliance_already_counted_changes_nothing() -> None:
    graph = nx.Graph()
    graph.add_edge("a", "b", weight=1.0, items=1, fatalities=0, kinds={"alliance": 1},
                   alliances=["alliance:x"])  # fmt: skip
    scenario = whatif.Scenario(add_alliances={"alliance:x": ["a", "b"]})
    edited = whatif.apply(graph, scenario, "cooperation", {})
    assert edited.edges["a", "b"]["weight"] == 1.0
    assert graph.edges["a", "b"]["alliances"] == ["alliance:x"]
    assert measures.measure(edited).nodes["a"].degree == 1


def test_the_compiled_edit_is_the_networkx_edit() -> None:
    """Removing and adding alliances and ties on the arrays gives the graph `apply` builds
    (nodes sorted, ties by smaller id), so every measure is the same."""
    graph = nx.Graph()
    tie: dict[str, Any] = {"items": 1, "fatalities": 0}
    graph.add_node("d", name="D")
    graph.add_edge("b", "a", weight=2.0, kinds={"alliance": 1, "operation": 1},
                   alliances=["alliance:x"], **{**tie, "items": 2})  # fmt: skip
    graph.add_edge("c", "b", weight=1.0, kinds={"alliance": 1}, alliances=["alliance:x"], **tie)
    graph.add_edge("a", "d", weight=3.0, kinds={"operation": 3}, alliances=[], **tie)
    nx.set_node_attributes(graph, {"a": "A", "b": "B", "c": "C"}, "name")
    scenario = whatif.Scenario(
        add_alliances={"alliance:y": ["a", "c", "e"]},
        remove_alliances=["alliance:x"],
        add_cooperation=[whatif.EdgeEdit("d", "f", 2.5)],
        remove_cooperation=[whatif.EdgeEdit("d", "a")],
    )
    names = {"e": "E", "f": "F"}
    reference = whatif.apply(graph, scenario, "cooperation", names)
    assert sorted(reference.edges(data="weight")) == [
        ("a", "b", 1.0), ("a", "c", 1.0), ("a", "e", 1.0), ("c", "e", 1.0), ("d", "f", 2.5)
    ]  # fmt: skip
    assert graph.edges["a", "b"]["alliances"] == ["alliance:x"]  # the base is untouched

    edited = whatif.apply_compiled(graph, Compiled.of(graph), scenario, "cooperation", names)
    compiled = Compiled.of(reference)
    assert edited.compiled.nodes == compiled.nodes == ["a", "b", "c", "d", "e", "f"]
    assert edited.compiled.heads.tolist() == compiled.heads.tolist()
    assert edited.compiled.tails.tolist() == compiled.tails.tolist()
    assert edited.compiled.values.tolist() == compiled.values.tolist()
    assert edited.names == dict(reference.nodes(data="name"))
    assert edited.touched == {"a", "b", "c", "d", "e", "f"}
    assert measures.measure_compiled(edited.compiled, edited.names) == measures.measure(reference)

    present = {"b": {"r1"}, "c": {"r2"}, "f": {"r3"}}
    assert whatif.reach(edited.compiled, present, ["a", "d", "g"]) == {
        "a": {"r1", "r2"}, "d": {"r3"}, "g": set()
    }  # fmt: skip
