"""Paths and ego networks over the claim graph, with the evidence on every edge.

Why networkx and not the engines' shortestPath: a path is only as good as its claims, so
every edge must hold on the date asked and pass the status/credibility floor. FalkorDB
allows shortestPath only in WITH/RETURN, where no such per-edge filter can be applied,
and refuses undirected shortestPath altogether; neither engine offers k shortest paths
in the Cypher they share. So one query pulls the filtered claim graph (Actor and
Alliance nodes, the actor claim types, small even for a large store) and networkx walks it.

Path confidence (documented formula):
- claim confidence  c = S(status) × C(credibility), with
  S: confirmed 1.0, reported 0.8, assessed 0.6, possible 0.3 and
  C (Admiralty): 1 → 1.0, 2 → 0.8, 3 → 0.6, 4 → 0.4, 5 → 0.2, 6 ("cannot be judged") → 0.5;
- hop confidence    h = 1 − Π(1 − c) over the claims joining the two nodes (independent
  claims corroborate: noisy-OR);
- path confidence   p = Π h over the hops (a chain is as sure as all its links together).
Paths are ranked by hops, then confidence (highest first), then node ids.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.schema import ACTOR_RELATIONSHIP_TYPES
from graph.store.base import GraphStore, Record
from graph.vocab import ClaimStatus
from queries.catalog import CatalogQuery, Param, Row, register
from queries.relationships import (
    GRADES,
    STATUS_BY_RANK,
    TYPES,
    alliance_cap,
    check_types,
    status_rank,
    valid_on,
)

STATUS_WEIGHT: dict[str, float] = {
    ClaimStatus.CONFIRMED: 1.0,
    ClaimStatus.REPORTED: 0.8,
    ClaimStatus.ASSESSED: 0.6,
    ClaimStatus.POSSIBLE: 0.3,
}
CREDIBILITY_WEIGHT: dict[int, float] = {1: 1.0, 2: 0.8, 3: 0.6, 4: 0.4, 5: 0.2, 6: 0.5}
PATH_TYPES = tuple(t for t in ACTOR_RELATIONSHIP_TYPES if t != "OPERATES_IN")
"""Paths run between actors and alliances; OPERATES_IN (to places) is chosen explicitly."""

MAX_ENUMERATED = 2000
"""Safety cap on candidate paths examined for one k-shortest request."""


def claim_graph_statement() -> str:
    """Every actor claim (any type, filtered by `$types`) from an Actor or Alliance."""
    types = "|".join(ACTOR_RELATIONSHIP_TYPES)
    return (
        f"MATCH (a)-[r:{types}]->(b) "
        "WHERE (a:Actor OR a:Alliance) AND type(r) IN $types "
        f"AND {valid_on('r')} "
        "RETURN a.id AS from_id, a.name AS from_name, labels(a)[0] AS from_label, "
        "b.id AS to_id, b.name AS to_name, labels(b)[0] AS to_label, b.status AS to_status, "
        "type(r) AS type, r.status_rank AS status_rank, r.credibility AS credibility, "
        "r.valid_from AS valid_from, r.valid_to AS valid_to, r.source_ids AS source_ids, "
        "r.id AS claim_id ORDER BY claim_id"
    )


@dataclass(frozen=True)
class Claim:
    """One stored claim, as a path edge sees it."""

    from_id: str
    to_id: str
    type: str
    status: str
    credibility: int
    valid_from: str | None
    valid_to: str | None
    source_ids: tuple[str, ...]

    @property
    def confidence(self) -> float:
        return STATUS_WEIGHT[self.status] * CREDIBILITY_WEIGHT[self.credibility]


def hop_confidence(claims: Sequence[Claim]) -> float:
    """Noisy-OR of the claims joining two nodes."""
    doubt = 1.0
    for claim in claims:
        doubt *= 1.0 - claim.confidence
    return 1.0 - doubt


def claim_graph(records: Sequence[Record], min_status: str = "possible") -> nx.Graph:
    """Undirected graph; each edge holds its `claims`, each node its `name` and `label`.

    MEMBER_OF claims into a *possible* alliance count as possible at most, and are dropped
    when that falls below `min_status`.
    """
    floor = status_rank(min_status)
    graph = nx.Graph()
    for rec in records:
        rank = int(rec["status_rank"])
        if rec["type"] == "MEMBER_OF" and rec["to_label"] == "Alliance":
            rank = min(rank, alliance_cap(rec["to_status"]))
        if rank < floor:
            continue
        for end in ("from", "to"):
            graph.add_node(rec[f"{end}_id"], name=rec[f"{end}_name"], label=rec[f"{end}_label"])
        claim = Claim(
            from_id=rec["from_id"],
            to_id=rec["to_id"],
            type=rec["type"],
            status=STATUS_BY_RANK[rank],
            credibility=int(rec["credibility"]),
            valid_from=rec["valid_from"],
            valid_to=rec["valid_to"],
            source_ids=tuple(rec["source_ids"] or ()),
        )
        if graph.has_edge(claim.from_id, claim.to_id):
            graph.edges[claim.from_id, claim.to_id]["claims"].append(claim)
        else:
            graph.add_edge(claim.from_id, claim.to_id, claims=[claim])
    return graph


def path_confidence(graph: nx.Graph, path: Sequence[str]) -> float:
    confidence = 1.0
    for u, v in itertools.pairwise(path):
        confidence *= hop_confidence(graph.edges[u, v]["claims"])
    return confidence


def _candidates(graph: nx.Graph, source: str, target: str, max_hops: int) -> Iterator[list[str]]:
    """Simple paths in order of hop count, none longer than `max_hops`."""
    try:
        for path in nx.shortest_simple_paths(graph, source, target):
            if len(path) - 1 > max_hops:
                return
            yield path
    except nx.NetworkXNoPath:
        return


def best_paths(
    graph: nx.Graph, source: str, target: str, k: int, max_hops: int
) -> list[tuple[list[str], float]]:
    """The k best paths: fewest hops, then highest confidence, then node ids.

    Candidates come in hop order, so once k are held every path of the k-th one's length
    has been seen when the first longer one arrives; ties at that length are all compared.
    """
    if source not in graph or target not in graph or source == target:
        return []
    held: list[list[str]] = []
    for count, path in enumerate(_candidates(graph, source, target, max_hops)):
        if (len(held) >= k and len(path) > len(held[k - 1])) or count >= MAX_ENUMERATED:
            break
        held.append(path)
    scored = [(path, path_confidence(graph, path)) for path in held]
    scored.sort(key=lambda item: (len(item[0]), -round(item[1], 12), item[0]))
    return scored[:k]


class PathEdgeRow(Row):
    """One claim on one hop of a ranked path."""

    path: int
    hops: int
    path_confidence: float
    step: int
    from_id: str
    from_name: str | None
    to_id: str
    to_name: str | None
    hop_confidence: float
    type: str
    direction: str
    status: str
    credibility: int
    claim_confidence: float
    valid_from: str | None
    valid_to: str | None
    source_ids: list[str]


def path_rows(graph: nx.Graph, ranked: Sequence[tuple[list[str], float]]) -> list[PathEdgeRow]:
    """Flatten ranked paths into rows: one per claim per hop, path order preserved."""
    rows = []
    for rank, (path, confidence) in enumerate(ranked, start=1):
        for step, (u, v) in enumerate(itertools.pairwise(path), start=1):
            claims = sorted(
                graph.edges[u, v]["claims"], key=lambda c: (-c.confidence, c.type, c.from_id)
            )
            hop = hop_confidence(claims)
            for claim in claims:
                rows.append(
                    PathEdgeRow(
                        path=rank,
                        hops=len(path) - 1,
                        path_confidence=round(confidence, 6),
                        step=step,
                        from_id=u,
                        from_name=graph.nodes[u]["name"],
                        to_id=v,
                        to_name=graph.nodes[v]["name"],
                        hop_confidence=round(hop, 6),
                        type=claim.type,
                        direction="forward" if claim.from_id == u else "backward",
                        status=claim.status,
                        credibility=claim.credibility,
                        claim_confidence=round(claim.confidence, 6),
                        valid_from=claim.valid_from,
                        valid_to=claim.valid_to,
                        source_ids=list(claim.source_ids),
                    )
                )
    return rows


async def read_claim_graph(
    store: GraphStore, params: dict[str, Any], default_types: Sequence[str] = PATH_TYPES
) -> nx.Graph:
    """The filtered claim graph for these parameters (one read)."""
    values = {
        "types": check_types(params.get("types") or list(default_types)),
        "as_of": params.get("as_of"),
        "min_status": params.get("min_status", "possible"),
        "max_credibility": params.get("max_credibility", 6),
    }
    records = await store.read(claim_graph_statement(), values)
    return claim_graph(records, values["min_status"])


def _check_hops(value: int, name: str, highest: int) -> int:
    if not 1 <= value <= highest:
        raise ValueError(f"{name} must be between 1 and {highest}, got {value}")
    return value


async def _run_paths(store: GraphStore, params: dict[str, Any]) -> list[PathEdgeRow]:
    max_hops = _check_hops(params["max_hops"], "max_hops", 8)
    k = _check_hops(params.get("k", 1), "k", 50)
    graph = await read_claim_graph(store, params)
    return path_rows(graph, best_paths(graph, params["from_id"], params["to_id"], k, max_hops))


ENDS = (
    Param("from_id", str, "Start node id (actor or alliance)."),
    Param("to_id", str, "End node id (actor or alliance)."),
)
MAX_HOPS = Param("max_hops", int, "Longest path to consider, in hops (1-8).", 4)
PATH_TYPE_PARAM = Param(
    "types",
    list,
    "Relationship types to walk (comma-separated); default: every actor claim type "
    "except OPERATES_IN.",
    None,
)

register(
    CatalogQuery(
        name="shortest_path",
        description="The shortest path between two actors over claims holding on a date, with "
        "the evidence on every edge and the path's confidence (fewest hops, then most sure).",
        row=PathEdgeRow,
        params=(*ENDS, MAX_HOPS, PATH_TYPE_PARAM, *GRADES),
        run=_run_paths,
        extra_statements=lambda dialect: {"claims": claim_graph_statement()},
        tags=("relationships", "paths"),
    )
)

register(
    CatalogQuery(
        name="k_shortest_paths",
        description="The k best paths between two actors (fewest hops, then highest "
        "confidence), every claim on every hop listed with its evidence.",
        row=PathEdgeRow,
        params=(
            *ENDS,
            Param("k", int, "How many paths (1-50).", 3),
            MAX_HOPS,
            PATH_TYPE_PARAM,
            *GRADES,
        ),
        run=_run_paths,
        extra_statements=lambda dialect: {"claims": claim_graph_statement()},
        tags=("relationships", "paths"),
    )
)


# -- ego network ----------------------------------------------------------------------------


class EgoEdgeRow(Row):
    """One claim inside the ego network; depths are hops from the centre actor."""

    from_id: str
    from_name: str | None
    from_label: str
    from_depth: int
    to_id: str
    to_name: str | None
    to_label: str
    to_depth: int
    type: str
    status: str
    credibility: int
    valid_from: str | None
    valid_to: str | None
    source_ids: list[str]


def ego_rows(graph: nx.Graph, centre: str, depth: int) -> list[EgoEdgeRow]:
    """Every claim among the nodes within `depth` hops of `centre` (networkx ego_graph)."""
    if centre not in graph:
        return []
    distance = nx.single_source_shortest_path_length(graph, centre, cutoff=depth)
    rows = []
    for _, _, data in graph.subgraph(distance).edges(data=True):
        for claim in data["claims"]:
            a, b = claim.from_id, claim.to_id
            rows.append(
                EgoEdgeRow(
                    from_id=a,
                    from_name=graph.nodes[a]["name"],
                    from_label=graph.nodes[a]["label"],
                    from_depth=distance[a],
                    to_id=b,
                    to_name=graph.nodes[b]["name"],
                    to_label=graph.nodes[b]["label"],
                    to_depth=distance[b],
                    type=claim.type,
                    status=claim.status,
                    credibility=claim.credibility,
                    valid_from=claim.valid_from,
                    valid_to=claim.valid_to,
                    source_ids=list(claim.source_ids),
                )
            )
    rows.sort(key=lambda r: (min(r.from_depth, r.to_depth), r.from_id, r.to_id, r.type))
    return rows


async def _run_ego(store: GraphStore, params: dict[str, Any]) -> list[EgoEdgeRow]:
    depth = _check_hops(params["depth"], "depth", 6)
    graph = await read_claim_graph(store, params, ACTOR_RELATIONSHIP_TYPES)
    return ego_rows(graph, params["actor_id"], depth)


register(
    CatalogQuery(
        name="ego_network",
        description="An actor's network to depth N: every claim among the nodes within N "
        "hops, filtered by relationship type and date.",
        row=EgoEdgeRow,
        params=(
            Param("actor_id", str, "Centre actor id."),
            Param("depth", int, "Hops from the centre (1-6).", 2),
            TYPES,
            *GRADES,
        ),
        run=_run_ego,
        extra_statements=lambda dialect: {"claims": claim_graph_statement()},
        tags=("relationships", "paths"),
    )
)
