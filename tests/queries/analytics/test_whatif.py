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
