"""Louvain on arrays finds exactly networkx's communities: the same graph, the same seed.

The graphs are built in shuffled node and tie order (networkx's answer depends on both),
with fractional weights, self-loops and isolates, and big enough to need several levels.
"""

from __future__ import annotations

import random

import networkx as nx
import pytest

from queries.analytics import measures
from queries.analytics.compiled import Compiled


def shuffled_graph(seed: int) -> nx.Graph:
    rng = random.Random(seed)
    base = nx.gnm_random_graph(rng.randint(20, 150), rng.randint(30, 500), seed=seed)
    base.add_nodes_from(range(base.number_of_nodes(), base.number_of_nodes() + 3))  # isolates
    if seed % 3 == 0:
        base.add_edge(1, 1)
    nodes = list(base)
    rng.shuffle(nodes)
    ties = list(base.edges)
    rng.shuffle(ties)
    graph = nx.Graph()
    graph.add_nodes_from(f"actor:a{n:03d}" for n in nodes)
    graph.add_weighted_edges_from(
        (f"actor:a{u:03d}", f"actor:a{v:03d}", rng.random() if seed % 2 else rng.randint(1, 9))
        for u, v in ties
    )
    return graph


def as_sets(groups: list[list[str]]) -> list[list[str]]:
    return sorted(sorted(group) for group in groups)


@pytest.mark.parametrize("seed", range(12))
def test_the_same_communities_as_networkx(seed: int) -> None:
    graph = shuffled_graph(seed)
    for louvain_seed in (measures.DEFAULT_SEED, seed):
        theirs = nx.community.louvain_communities(graph, weight="weight", seed=louvain_seed)
        ours = Compiled.of(graph).communities(louvain_seed)
        assert as_sets(ours) == as_sets([list(c) for c in theirs])


def test_several_levels_are_followed() -> None:
    """A ring of 40 triangles: the first level finds the triangles, later levels join
    neighbours (networkx yields three levels; the answer is the last)."""
    graph = nx.relabel_nodes(nx.ring_of_cliques(40, 3), lambda n: f"actor:a{n:03d}")
    nx.set_edge_attributes(graph, 1.0, "weight")
    levels = list(nx.community.louvain_partitions(graph, weight="weight", seed=3))
    assert len(levels) == 3
    assert as_sets(Compiled.of(graph).communities(3)) == as_sets([list(c) for c in levels[-1]])


def test_graphs_without_weight_are_every_node_alone() -> None:
    assert Compiled.of(nx.Graph()).communities(7) == []
    edgeless = nx.Graph()
    edgeless.add_nodes_from(["b", "a"])
    assert Compiled.of(edgeless).communities(7) == [["b"], ["a"]]
    weightless = nx.Graph()
    weightless.add_edge("a", "b", weight=0.0)
    assert Compiled.of(weightless).communities(7) == [["a"], ["b"]]


def test_internal_weights_are_networkx_subgraph_sizes() -> None:
    graph = shuffled_graph(4)
    groups = measures.communities(graph)
    assert Compiled.of(graph).internal_weights(groups) == pytest.approx(
        [graph.subgraph(group).size(weight="weight") for group in groups], abs=1e-9
    )
