"""Influence measures on an actor network: functions of a networkx graph, computed in
compiled code (queries.analytics.compiled: rustworkx and scipy) where networkx is slow,
checked against networkx in the tests.

- degree: number of distinct partners (or adversaries); weighted degree: sum of edge weights.
- PageRank (alpha 0.85, weighted): rustworkx's, which follows networkx's semantics
  (uniform teleport, dangling redistribution); equal to networkx's within the power
  iteration's tolerance.
- betweenness (normalised, unweighted — hop counts; weights are tie strengths, not
  distances): exact (rustworkx's multithreaded Brandes) up to `EXACT_BETWEENNESS_WORK`
  (nodes × ties); above it, estimated from `AUTO_BETWEENNESS_K` seeded sources, the
  estimate `networkx.betweenness_centrality(k=…, seed=…)` gives, computed with sparse
  matrices. Every result says which it is (`betweenness_k`: None when exact). Asked for
  a sample size `k`, that estimate; asked for `exact`, exact whatever the size.
- eigenvector centrality (weighted): rustworkx's (networkx's algorithm); None for every
  node if it does not converge.
- communities: networkx Louvain with a fixed seed; numbered by size, then smallest id.
- brokers: articulation points (rustworkx), plus the actors with the highest betweenness
  (>0): the top `BROKER_TOP`, or the top tenth of the network when that is fewer;
  Burt's constraint (low = spans structural holes) as sparse matrix products, equal to
  `networkx.constraint` on undirected graphs.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import networkx as nx

from queries.analytics.compiled import Compiled

DEFAULT_SEED = 7
BROKER_TOP = 5
EXACT_BETWEENNESS_WORK = 5_000_000
"""Exact betweenness up to this many nodes × ties (e.g. 1,000 actors with 5,000 ties:
well under a second); sampled above, unless asked for exact."""
AUTO_BETWEENNESS_K = 500
"""Sources sampled for betweenness above `EXACT_BETWEENNESS_WORK`. On the generated
2,000-actor networks of bench/bench_analytics.py, 500 sources found 9–10 of the exact top
ten, their values within 10–20 %, in a quarter of the exact time or less."""
MEASURES: tuple[str, ...] = (
    "degree",
    "weighted_degree",
    "pagerank",
    "betweenness",
    "eigenvector",
    "constraint",
)


def constraint(graph: nx.Graph, compiled: Compiled | None = None) -> dict[str, float | None]:
    """Burt's constraint per node on `weight` (None for isolates or nodes whose ties all
    weigh 0)."""
    return (compiled or Compiled.of(graph)).constraint()


def betweenness(
    graph: nx.Graph,
    k: int | None = None,
    seed: int = DEFAULT_SEED,
    compiled: Compiled | None = None,
    exact: bool = False,
) -> tuple[dict[str, float], int | None]:
    """(normalised betweenness, sample size or None when exact): estimated from `k`
    sources when given, else exact up to `EXACT_BETWEENNESS_WORK` or when `exact`, else
    estimated from `AUTO_BETWEENNESS_K` sources."""
    found = measure_compiled(
        compiled or Compiled.of(graph),
        {},
        betweenness_k=k,
        exact_betweenness=exact,
        seed=seed,
        parts=frozenset({"betweenness"}),
    )
    return {node: m.betweenness for node, m in found.nodes.items()}, found.betweenness_k


def communities(
    graph: nx.Graph, seed: int = DEFAULT_SEED, compiled: Compiled | None = None
) -> list[list[str]]:
    """Louvain communities (networkx's, computed on arrays: compiled.py), largest first
    (ties: smallest member id), members sorted."""
    return _ordered((compiled or Compiled.of(graph)).communities(seed))


def _ordered(groups: list[list[str]]) -> list[list[str]]:
    return sorted((sorted(c) for c in groups), key=lambda c: (-len(c), c[0]))


def membership(groups: list[list[str]]) -> dict[str, int]:
    """Node → community number (1-based, in `communities` order)."""
    return {node: index for index, group in enumerate(groups, start=1) for node in group}


def brokers(
    graph: nx.Graph,
    between: Mapping[str, float],
    top: int = BROKER_TOP,
    compiled: Compiled | None = None,
) -> tuple[set[str], set[str]]:
    """(articulation points, brokers = articulation points ∪ top betweenness > 0)."""
    cut = (compiled or Compiled.of(graph)).articulation_points()
    return _brokers(graph.number_of_nodes(), cut, between, top)


def _brokers(
    n: int, cut: set[str], between: Mapping[str, float], top: int = BROKER_TOP
) -> tuple[set[str], set[str]]:
    ranked = sorted((v for v in between if between[v] > 0), key=lambda v: (-between[v], v))
    keep = min(top, math.ceil(n / 10))
    return cut, cut | set(ranked[:keep])


@dataclass
class NodeMeasures:
    """Every measure for one actor in one network."""

    name: str | None
    degree: int
    weighted_degree: float
    pagerank: float
    betweenness: float
    eigenvector: float | None
    constraint: float | None
    community: int
    articulation: bool
    broker: bool

    def value(self, measure: str) -> float | None:
        found: float | int | None = getattr(self, measure)
        return None if found is None else float(found)


@dataclass
class NetworkMeasures:
    """All measures for a network, with its communities and the betweenness sample size."""

    nodes: dict[str, NodeMeasures] = field(default_factory=dict)
    communities: list[list[str]] = field(default_factory=list)
    betweenness_k: int | None = None

    @property
    def brokers(self) -> set[str]:
        return {n for n, m in self.nodes.items() if m.broker}


PARTS = frozenset({"centrality", "betweenness", "constraint", "communities", "brokers"})
"""What `measure` can compute: degree/PageRank/eigenvector, betweenness, Burt's constraint,
Louvain communities, brokers (articulation points + top betweenness)."""
BROKER_PARTS = frozenset({"betweenness", "constraint", "brokers"})
COMMUNITY_PARTS = frozenset({"communities"})


def measure(
    graph: nx.Graph,
    *,
    betweenness_k: int | None = None,
    exact_betweenness: bool = False,
    seed: int = DEFAULT_SEED,
    parts: frozenset[str] = PARTS,
    compiled: Compiled | None = None,
) -> NetworkMeasures:
    """The measures in `parts` for every node of `graph` (converted once, unless given
    `compiled`: `Compiled.of(graph)`).

    An entry asks only for what it returns: betweenness and Louvain dominate the cost on
    big networks. Measures left out read as 0 (numbers), None (eigenvector, constraint),
    0 (community) and False (flags); degrees are always computed.
    """
    return measure_compiled(
        compiled or Compiled.of(graph),
        dict(graph.nodes(data="name")),
        betweenness_k=betweenness_k,
        exact_betweenness=exact_betweenness,
        seed=seed,
        parts=parts,
    )


def measure_compiled(
    compiled: Compiled,
    names: Mapping[str, str | None],
    *,
    betweenness_k: int | None = None,
    exact_betweenness: bool = False,
    seed: int = DEFAULT_SEED,
    parts: frozenset[str] = PARTS,
) -> NetworkMeasures:
    """`measure` on a graph already compiled (e.g. a what-if's edited copy), `names` giving
    each node's name."""
    n, ties = len(compiled.nodes), len(compiled.heads)
    wants_between = bool(parts & {"betweenness", "brokers"})
    between: dict[str, float] = {}
    k: int | None = None
    if wants_between:
        if betweenness_k is None and not exact_betweenness and n * ties > EXACT_BETWEENNESS_WORK:
            betweenness_k = AUTO_BETWEENNESS_K
        if betweenness_k is not None and betweenness_k < n:
            between, k = compiled.sampled_betweenness(betweenness_k, seed), betweenness_k
        else:
            between = compiled.betweenness()
    central = "centrality" in parts
    ranks = compiled.pagerank() if central else {}
    eigen = compiled.eigenvector() if central else None
    burt = compiled.constraint() if "constraint" in parts else {}
    groups = _ordered(compiled.communities(seed)) if "communities" in parts else []
    community = membership(groups)
    cut, broker_set = (
        _brokers(n, compiled.articulation_points(), between)
        if "brokers" in parts
        else (set(), set())
    )
    count, weighted = compiled.degrees()
    position = {node: i for i, node in enumerate(compiled.nodes)}
    nodes = {
        node: NodeMeasures(
            name=names.get(node),
            degree=int(count[position[node]]),
            weighted_degree=float(weighted[position[node]]),
            pagerank=ranks.get(node, 0.0),
            betweenness=between.get(node, 0.0),
            eigenvector=eigen[node] if eigen is not None else None,
            constraint=burt.get(node),
            community=community.get(node, 0),
            articulation=node in cut,
            broker=node in broker_set,
        )
        for node in sorted(compiled.nodes)
    }
    return NetworkMeasures(nodes, groups, k)


@dataclass(frozen=True)
class RegionalShare:
    """An actor's share of a region's incidents in the window."""

    region_id: str
    actor_id: str
    incidents: int
    fatalities: int
    share: float
    fatality_share: float | None


def regional_shares(
    incidents: Mapping[str, Mapping[str, int]],
    fatalities: Mapping[str, Mapping[str, int]],
    totals: Mapping[str, int],
    total_fatalities: Mapping[str, int],
) -> dict[str, list[RegionalShare]]:
    """Per region, actors by share of its distinct incidents (shares can sum past 1: an
    incident has several actors)."""
    by_region: dict[str, list[RegionalShare]] = {}
    for actor, regions in incidents.items():
        for region, count in regions.items():
            deaths = fatalities.get(actor, {}).get(region, 0)
            total_deaths = total_fatalities.get(region, 0)
            by_region.setdefault(region, []).append(
                RegionalShare(
                    region_id=region,
                    actor_id=actor,
                    incidents=count,
                    fatalities=deaths,
                    share=count / totals[region] if totals.get(region) else 0.0,
                    fatality_share=deaths / total_deaths if total_deaths else None,
                )
            )
    for shares in by_region.values():
        shares.sort(key=lambda s: (-s.incidents, -s.fatalities, s.actor_id))
    return by_region
