"""The influence measures on rustworkx (Apache-2.0, compiled Rust, multithreaded).

networkx stays the reference and the interchange: projections are networkx graphs, users
can get them, and the tests compare every measure here with networkx's own on the same
graph. This module only converts a networkx graph once and runs the heavy measures —
exact betweenness, PageRank, eigenvector centrality, articulation points — in compiled
code (bench/bench_analytics.py measures both, side by side).
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import rustworkx as rx


@dataclass(frozen=True)
class Compiled:
    """A networkx graph as rustworkx graphs: undirected, and both-ways directed for PageRank."""

    nodes: list[str]
    undirected: rx.PyGraph
    directed: rx.PyDiGraph

    @classmethod
    def of(cls, graph: nx.Graph, weight: str = "weight") -> Compiled:
        nodes = list(graph)
        index = {node: i for i, node in enumerate(nodes)}
        edges = [
            (index[u], index[v], float(w)) for u, v, w in graph.edges(data=weight, default=1.0)
        ]
        undirected = rx.PyGraph(multigraph=False)
        undirected.add_nodes_from(nodes)
        undirected.add_edges_from(edges)
        directed = rx.PyDiGraph(multigraph=False)
        directed.add_nodes_from(nodes)
        directed.add_edges_from(edges + [(v, u, w) for u, v, w in edges if u != v])
        return cls(nodes, undirected, directed)

    def _named(self, values: rx.CentralityMapping) -> dict[str, float]:
        return {self.nodes[i]: float(values[i]) for i in range(len(self.nodes))}

    def betweenness(self) -> dict[str, float]:
        """Exact normalised betweenness (hop counts), as networkx's default."""
        return self._named(rx.betweenness_centrality(self.undirected, normalized=True))

    def pagerank(self, alpha: float = 0.85, tol: float = 1.0e-6) -> dict[str, float]:
        """Weighted PageRank with networkx's semantics (uniform teleport and dangling)."""
        found = rx.pagerank(self.directed, alpha=alpha, weight_fn=float, tol=tol, max_iter=100)
        return {self.nodes[i]: float(v) for i, v in found.items()}

    def eigenvector(self, max_iter: int = 1000, tol: float = 1.0e-6) -> dict[str, float] | None:
        """Weighted eigenvector centrality; None when the power iteration does not converge,
        and for a graph without ties (where it says nothing)."""
        if self.undirected.num_edges() == 0:
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
