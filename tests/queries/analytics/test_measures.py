"""Influence measures (computed on rustworkx) equal networkx's own, computed here on the
same edges, to the tolerance of each algorithm: exact betweenness and constraint to
rounding, PageRank and eigenvector centrality to their power iterations' tolerance.

The fixture's edges were worked out by hand in test_projection.py (tests/support/networks.py
holds them). PageRank is compared with `networkx.pagerank` when scipy is installed and
otherwise with networkx's pure-Python reference.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

import networkx as nx
import pytest

from graph.store import GraphStore
from queries.analytics import measures
from queries.analytics.compiled import Compiled
from queries.analytics.projection import Filters, read_network
from queries.catalog import load_catalog
from queries.tabular import table_rows
from tests.support.networks import COOPERATION_EDGES, reference_pagerank


def by_hand(edges: list[tuple[str, str, float]]) -> nx.Graph:
    graph = nx.Graph()
    graph.add_weighted_edges_from(edges)
    return graph


def random_graph(seed: int, n: int = 60, m: int = 170) -> nx.Graph:
    rng = random.Random(seed)
    graph = nx.gnm_random_graph(n, m, seed=seed)
    nx.set_edge_attributes(graph, {e: float(rng.randint(1, 9)) for e in graph.edges}, "weight")
    return nx.relabel_nodes(graph, {i: f"actor:a{i:03d}" for i in graph})


def assert_close(ours: Mapping[str, float | None], theirs: Mapping[str, float], tol: float) -> None:
    assert ours.keys() == theirs.keys()
    for node, value in theirs.items():
        assert ours[node] == pytest.approx(value, abs=tol), node


PAGERANK_TOL = 1e-5
"""Both stop when the L1 change is below n × 1e-6: they may stop an iteration apart."""


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_compiled_measures_equal_networkx(seed: int) -> None:
    graph = random_graph(seed)
    compiled = Compiled.of(graph)
    assert_close(compiled.pagerank(), reference_pagerank(graph), PAGERANK_TOL)
    assert_close(compiled.betweenness(), nx.betweenness_centrality(graph), 1e-12)
    theirs = nx.eigenvector_centrality(graph, max_iter=1000, weight="weight")
    assert_close(compiled.eigenvector() or {}, theirs, 1e-9)
    assert compiled.articulation_points() == set(nx.articulation_points(graph))
    assert_close(measures.constraint(graph), nx.constraint(graph, weight="weight"), 1e-12)


def test_eigenvector_that_does_not_converge_is_none() -> None:
    """networkx raises on a graph whose power iteration cannot converge in the steps given."""
    graph = random_graph(5)
    with pytest.raises(nx.PowerIterationFailedConvergence):
        nx.eigenvector_centrality(graph, max_iter=2, weight="weight")
    assert Compiled.of(graph).eigenvector(max_iter=2) is None


def test_sampled_betweenness_is_networkx_with_k_and_seed() -> None:
    graph = random_graph(4, n=200, m=700)
    between, k = measures.betweenness(graph, k=32)
    assert k == 32
    assert between == nx.betweenness_centrality(
        graph, k=32, normalized=True, seed=measures.DEFAULT_SEED
    )
    exact, k = measures.betweenness(graph)
    assert k is None
    assert_close(exact, nx.betweenness_centrality(graph), 1e-12)


async def test_every_measure_on_the_fixture_equals_networkx(kg: GraphStore) -> None:
    projected = await read_network(kg, "cooperation", Filters("2023-06", "2023-07"))
    graph = by_hand(COOPERATION_EDGES)
    assert sorted(projected.edges(data="weight")) == sorted(graph.edges(data="weight"))

    found = measures.measure(projected)
    assert found.betweenness_k is None
    nodes = found.nodes
    assert {n: m.degree for n, m in nodes.items()} == dict(graph.degree())
    assert {n: m.weighted_degree for n, m in nodes.items()} == dict(graph.degree(weight="weight"))
    assert_close({n: m.pagerank for n, m in nodes.items()}, reference_pagerank(graph), PAGERANK_TOL)
    assert_close(
        {n: m.betweenness for n, m in nodes.items()}, nx.betweenness_centrality(graph), 1e-12
    )
    assert_close(
        {n: m.eigenvector for n, m in nodes.items()},
        nx.eigenvector_centrality(graph, max_iter=1000, weight="weight"),
        1e-9,
    )
    assert_close(
        {n: m.constraint for n, m in nodes.items()}, nx.constraint(graph, weight="weight"), 1e-12
    )
    louvain = nx.community.louvain_communities(graph, weight="weight", seed=measures.DEFAULT_SEED)
    assert sorted(map(sorted, louvain)) == sorted(found.communities)
    assert {n for n, m in nodes.items() if m.articulation} == set(nx.articulation_points(graph))

    # By hand: FAMa is the one cut vertex (CMA hangs off it) and the only positive betweenness.
    assert found.communities == [
        ["actor:cma", "actor:fama", "actor:government-of-mali", "actor:wagner"],
        ["actor:ansar-dine", "actor:jnim", "actor:katiba-macina"],
    ]
    assert found.brokers == {"actor:fama"}
    assert nodes["actor:fama"].betweenness == pytest.approx(2 / 15)
    assert nodes["actor:cma"].constraint == 1.0


def test_measures_of_empty_and_edgeless_graphs() -> None:
    assert measures.measure(nx.Graph()).nodes == {}
    lonely = nx.Graph()
    lonely.add_node("actor:x", name="X")
    [(node, found)] = measures.measure(lonely).nodes.items()
    assert (node, found.degree, found.pagerank, found.eigenvector, found.constraint) == (
        "actor:x", 0, 1.0, None, None
    )  # fmt: skip


def test_regional_shares() -> None:
    shares = measures.regional_shares(
        {"a": {"r": 2}, "b": {"r": 1}}, {"a": {"r": 4}, "b": {"r": 0}}, {"r": 2}, {"r": 4}
    )
    assert [(s.actor_id, s.share, s.fatality_share) for s in shares["r"]] == [
        ("a", 1.0, 1.0),
        ("b", 0.5, 0.0),
    ]


async def test_influence_entries_report_the_measures(kg: GraphStore) -> None:
    catalog = load_catalog()
    window = {"start": "2023-06", "end": "2023-07"}
    rows = table_rows(await catalog["influence"].execute(kg, **window))
    assert [(r["actor_id"], r["degree"], r["weighted_degree"], r["community"]) for r in rows] == [
        ("actor:fama", 3, 7.0, 1),
        ("actor:wagner", 2, 6.0, 1),
        ("actor:jnim", 2, 3.0, 2),
        ("actor:katiba-macina", 2, 3.0, 2),
        ("actor:ansar-dine", 2, 2.0, 2),
        ("actor:government-of-mali", 2, 2.0, 1),
        ("actor:cma", 1, 1.0, 1),
    ]
    brokers = table_rows(await catalog["brokers"].execute(kg, **window))
    assert [(b["actor_id"], b["articulation"], b["betweenness_rank"]) for b in brokers] == [
        ("actor:fama", True, 1)
    ]
    communities = await catalog["communities"].execute(kg, network="hostility", **window)
    assert sum(c.size for c in communities) == 6
    regional = await catalog["regional_influence"].execute(
        kg, region_id="region:mli-koulikoro", dataset="acled", **window
    )
    assert [(r.actor.id, r.share) for r in regional] == [
        ("actor:fama", 1.0),
        ("actor:jnim", 1.0),
        ("actor:katiba-macina", 0.5),
        ("actor:wagner", 0.5),
    ]


@pytest.mark.parametrize("seed", [5, 6])
def test_dense_constraint_equals_the_loop_with_zero_weights_and_isolates(seed: int) -> None:
    graph = random_graph(seed)
    rng = random.Random(seed)
    for u, v in graph.edges:
        graph.edges[u, v]["weight"] = float(rng.choice([0, 0, 1, 3]))
    graph.add_edge("z1", "z2", weight=0.0)  # ties that all weigh 0: None
    graph.add_node("alone")
    dense, loop = measures._dense_constraint(graph, "weight"), measures._loop_constraint(graph)
    assert (
        {n for n, c in dense.items() if c is None}
        == {n for n, c in loop.items() if c is None}
        >= {"z1", "z2", "alone"}
    )
    assert_close({n: c for n, c in dense.items() if c is not None},
                 {n: c for n, c in loop.items() if c is not None}, 1e-12)  # fmt: skip
