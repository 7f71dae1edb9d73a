"""The influence measures in compiled code: rustworkx (Apache-2.0, Rust, multithreaded) and
scipy sparse matrices (BSD-3-Clause).

networkx stays the reference and the interchange: projections are networkx graphs, users
can get them, and the tests compare every measure here with networkx's own on the same
graph. This module converts a networkx graph once and runs the heavy measures — exact
betweenness, PageRank, eigenvector centrality, articulation points on rustworkx; sampled
betweenness and Burt's constraint as sparse matrix products; Louvain on numpy arrays
(louvain.py) — in compiled code (bench/bench_analytics.py measures both, side by side).
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import networkx as nx
import numpy as np
import rustworkx as rx
from scipy import sparse
from scipy.sparse import csgraph

from queries.analytics.louvain import louvain

SOURCES_PER_BATCH = 1 << 20
"""Sampled betweenness runs its breadth-first searches for several sources at once, as
(sources × nodes) matrices; a batch holds at most this many cells (8 MiB per matrix)."""


@dataclass(frozen=True)
class Compiled:
    """A networkx graph as arrays: its nodes in the graph's order and its ties in the order
    of `graph.edges()` (`heads[i]`–`tails[i]` weighing `values[i]`); the rustworkx graphs
    (undirected, and both-ways directed for PageRank) and the sparse weight matrix are
    built from them when first asked for."""

    nodes: list[str]
    heads: np.ndarray
    tails: np.ndarray
    values: np.ndarray

    @classmethod
    def of(cls, graph: nx.Graph, weight: str = "weight") -> Compiled:
        nodes = list(graph)
        index = {node: i for i, node in enumerate(nodes)}
        ties = np.array(
            [(index[u], index[v], w) for u, v, w in graph.edges(data=weight, default=1.0)],
            dtype=np.float64,
        ).reshape(-1, 3)
        heads, tails = ties[:, 0].astype(np.int64), ties[:, 1].astype(np.int64)
        return cls(nodes, heads, tails, ties[:, 2].copy())

    def with_ties(self, changed: Mapping[tuple[str, str], float | None]) -> Compiled:
        """This graph with some ties re-weighted, added or (None) removed, as a networkx
        graph built in sorted order: nodes sorted, ties by (smaller id, larger id). Nodes
        named in `changed` join the graph; none leave it."""
        nodes = sorted(set(self.nodes).union(*changed))
        index = {node: i for i, node in enumerate(nodes)}
        moved = np.array([index[node] for node in self.nodes], dtype=np.int64)
        heads, tails = moved[self.heads], moved[self.tails]
        low, high = np.minimum(heads, tails), np.maximum(heads, tails)
        width = len(nodes)
        keys = [min(index[a], index[b]) * width + max(index[a], index[b]) for a, b in changed]
        kept = ~np.isin(low * width + high, np.array(keys, dtype=np.int64))
        added = [(key, w) for key, w in zip(keys, changed.values(), strict=True) if w is not None]
        new_keys = np.array([key for key, _ in added], dtype=np.int64)
        low = np.concatenate([low[kept], new_keys // width])
        high = np.concatenate([high[kept], new_keys % width])
        values = np.concatenate([self.values[kept], np.array([w for _, w in added], dtype=float)])
        order = np.lexsort((high, low))
        return Compiled(nodes, low[order], high[order], values[order])

    def degrees(self) -> tuple[np.ndarray, np.ndarray]:
        """(ties, weighted degree) per node, a self-loop counted twice (as networkx does)."""
        n = len(self.nodes)
        count = np.bincount(self.heads, minlength=n) + np.bincount(self.tails, minlength=n)
        weighted = np.bincount(self.heads, self.values, minlength=n) + np.bincount(
            self.tails, self.values, minlength=n
        )
        return count, weighted

    def _edge_list(self) -> list[tuple[int, int, float]]:
        return list(zip(self.heads.tolist(), self.tails.tolist(), self.values.tolist(),
                        strict=True))  # fmt: skip

    @cached_property
    def undirected(self) -> rx.PyGraph:
        # multigraph=True only skips rustworkx's check for an existing tie on every insert
        # (quadratic on dense graphs): a networkx Graph has no parallel ties to merge.
        found = rx.PyGraph(multigraph=True)
        found.add_nodes_from(self.nodes)
        found.add_edges_from(self._edge_list())
        return found

    @cached_property
    def directed(self) -> rx.PyDiGraph:
        found = rx.PyDiGraph(multigraph=True)
        found.add_nodes_from(self.nodes)
        edges = self._edge_list()
        found.add_edges_from(edges + [(v, u, w) for u, v, w in edges if u != v])
        return found

    @cached_property
    def weights(self) -> sparse.csr_array:
        """Symmetric weight matrix (a self-loop once, on the diagonal)."""
        n = len(self.nodes)
        rows, cols, values = self.heads, self.tails, self.values
        off = rows != cols
        return sparse.csr_array(
            (
                np.concatenate([values, values[off]]),
                (np.concatenate([rows, cols[off]]), np.concatenate([cols, rows[off]])),
            ),
            shape=(n, n),
        )

    def internal_weights(self, groups: list[list[str]]) -> list[float]:
        """Total weight of the ties inside each group (`graph.subgraph(group).size(weight)`)."""
        position = {node: i for i, node in enumerate(self.nodes)}
        label = np.full(len(self.nodes), -1, dtype=np.int64)
        for number, group in enumerate(groups):
            label[[position[node] for node in group]] = number
        first, second = label[self.heads], label[self.tails]
        inside = (first == second) & (first >= 0)
        found = np.bincount(first[inside], self.values[inside], minlength=len(groups))
        return [float(weight) for weight in found]

    def communities(self, seed: int) -> list[list[str]]:
        """Louvain communities, as `networkx.community.louvain_communities(graph,
        weight="weight", seed=seed)` (queries/analytics/louvain.py)."""
        found = louvain(len(self.nodes), self.heads, self.tails, self.values, seed)
        return [[self.nodes[i] for i in group] for group in found]

    @cached_property
    def adjacency(self) -> sparse.csr_array:
        """The ties as a 0/1 matrix (a tie weighing 0 is still a tie)."""
        found = self.weights.copy()
        found.data = np.ones_like(found.data)
        return found

    def _named(self, values: rx.CentralityMapping | np.ndarray) -> dict[str, float]:
        return {self.nodes[i]: float(values[i]) for i in range(len(self.nodes))}

    def betweenness(self) -> dict[str, float]:
        """Exact normalised betweenness (hop counts), as networkx's default."""
        return self._named(rx.betweenness_centrality(self.undirected, normalized=True))

    def sampled_betweenness(self, k: int, seed: int) -> dict[str, float]:
        """Normalised betweenness estimated from `k` sources, as
        `networkx.betweenness_centrality(graph, k=k, seed=seed)`: the same sources (drawn
        with `random.Random(seed)` from the graph's node order) and the same rescaling of
        sampled and other nodes; Brandes' accumulation done for many sources at once with
        sparse matrix products."""
        n = len(self.nodes)
        if k >= n:
            return self.betweenness()
        chosen = random.Random(seed).sample(range(n), k)
        raw = np.zeros(n)
        batch = max(1, SOURCES_PER_BATCH // max(n, 1))
        for first in range(0, k, batch):
            raw += _dependencies(self.adjacency, np.asarray(chosen[first : first + batch]))
        if n <= 2:
            return self._named(raw)
        scale = np.full(n, 1.0 / (k * (n - 2)))
        scale[chosen] = 1.0 / ((k - 1) * (n - 2)) if k > 1 else np.nan
        return self._named(raw * scale)

    def constraint(self) -> dict[str, float | None]:
        """Burt's constraint per node, as `networkx.constraint` on an undirected graph:
        Σ_v (p_uv + Σ_q p_uq p_qv)² over u's ties, with p the tie weight over u's total;
        the indirect part is one sparse product P·P. None for an isolate and for a node
        whose ties all weigh 0."""
        strength = np.asarray(self.weights.sum(axis=1)).ravel()
        inverse = np.divide(1.0, strength, out=np.zeros_like(strength), where=strength != 0)
        share = sparse.csr_array(sparse.diags_array(inverse) @ self.weights)
        indirect = sparse.csr_array((share @ share).multiply(self.adjacency))
        indirect.setdiag(0)
        local = sparse.csr_array((share + indirect).power(2))
        totals = np.asarray(local.sum(axis=1)).ravel()
        return {
            node: float(totals[i]) if strength[i] != 0 else None
            for i, node in enumerate(self.nodes)
        }

    def pagerank(self, alpha: float = 0.85, tol: float = 1.0e-6) -> dict[str, float]:
        """Weighted PageRank with networkx's semantics (uniform teleport and dangling)."""
        found = rx.pagerank(self.directed, alpha=alpha, weight_fn=float, tol=tol, max_iter=100)
        return {self.nodes[i]: float(v) for i, v in found.items()}

    def eigenvector(self, max_iter: int = 1000, tol: float = 1.0e-6) -> dict[str, float] | None:
        """Weighted eigenvector centrality; None when the power iteration does not converge,
        and for a graph without ties (where it says nothing)."""
        if len(self.heads) == 0:
            return None
        try:
            found = rx.eigenvector_centrality(
                self.undirected, weight_fn=float, max_iter=max_iter, tol=tol
            )
        except rx.FailedToConverge:
            return None
        return self._named(found)

    def articulation_points(self) -> set[str]:
        return {self.nodes[i] for i in rx.articulation_points(self.undirected)}


def _dependencies(adjacency: sparse.csr_array, sources: np.ndarray) -> np.ndarray:
    """Σ over `sources` of Brandes' dependency δ_s(v) for every node v (0 for s itself),
    with breadth-first searches from all the sources at once: one row per source, one
    sparse product per level forward (path counts σ) and per level back (δ). The first
    level is the sources' rows of the adjacency, the search stops once each source has
    reached its whole connected component, and the last step back (to the sources, whose δ is 0) is skipped."""
    count, n = len(sources), adjacency.shape[0]
    rows = np.arange(count)
    depth = np.full((count, n), -1, dtype=np.int32)
    depth[rows, sources] = 0
    paths = np.zeros((count, n))
    paths[rows, sources] = 1.0
    _, component = csgraph.connected_components(adjacency, directed=False)
    reachable = np.bincount(component)[component[sources]]
    frontier, level = paths, 0
    while not (level > 0 and ((depth >= 0).sum(axis=1) == reachable).all()):
        reached = adjacency[sources].toarray() if level == 0 else np.asarray(frontier @ adjacency)
        reached[depth >= 0] = 0.0
        if not reached.any():
            break
        level += 1
        depth[reached > 0] = level
        paths += reached
        frontier = reached
    dependency = np.zeros((count, n))
    safe_paths = np.where(paths > 0, paths, 1.0)
    for current in range(level, 1, -1):
        share = np.where(depth == current, (1.0 + dependency) / safe_paths, 0.0)
        back = np.asarray(share @ adjacency)
        dependency += np.where(depth == current - 1, paths * back, 0.0)
    dependency[rows, sources] = 0.0
    result: np.ndarray = dependency.sum(axis=0)
    return result
