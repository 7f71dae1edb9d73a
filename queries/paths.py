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
from pydantic import Field

from graph.schema import ACTOR_RELATIONSHIP_TYPES
from graph.store.base import GraphStore, Record
from graph.vocab import ClaimStatus
from queries.actors import check_types
from queries.catalog import CatalogQuery, register
from queries.claims import STATUS_BY_RANK, alliance_cap, status_rank, valid_on
from queries.params import ActorId, AsOfGrades, Depth, NodeIdParam, StrList
from queries.types import Claim, Edge, Hop, NodeRef, Path, PathConfidence, Result, cited

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
        "a.kind AS from_kind, b.id AS to_id, b.name AS to_name, labels(b)[0] AS to_label, "
        "b.kind AS to_kind, b.status AS to_status, "
        "type(r) AS type, r.status_rank AS status_rank, r.credibility AS credibility, "
        "r.valid_from AS valid_from, r.valid_to AS valid_to, r.source_ids AS source_ids, "
        "r.id AS claim_id ORDER BY claim_id"
    )


@dataclass(frozen=True)
class StoredClaim:
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


def hop_confidence(claims: Sequence[StoredClaim]) -> float:
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
            graph.add_node(
                rec[f"{end}_id"],
                name=rec[f"{end}_name"],
                label=rec[f"{end}_label"],
                kind=rec[f"{end}_kind"],
            )
        claim = StoredClaim(
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


CONFIDENCE_RULE = (
    "claim c = S(status) x C(credibility); hop = noisy-OR of its claims; path = product of hops"
)


class RankedPath(Path, Result):
    """One of the best paths between two nodes; table rows are one per claim per hop."""

    rank: int

    def rows(self) -> list[dict[str, Any]]:
        found = []
        for hop in self.hops:
            for edge in hop.edges:
                found.append(
                    {
                        "path": self.rank,
                        "hops": len(self.hops),
                        "path_confidence": self.confidence.value,
                        "step": hop.step,
                        "from_id": hop.source.id,
                        "from_name": hop.source.name,
                        "to_id": hop.target.id,
                        "to_name": hop.target.name,
                        "hop_confidence": hop.confidence,
                        "type": edge.type,
                        "direction": "forward" if edge.source.id == hop.source.id else "backward",
                        "status": edge.evidence.status.value,
                        "credibility": edge.evidence.credibility,
                        "claim_confidence": edge.confidence,
                        "valid_from": edge.evidence.valid_from,
                        "valid_to": edge.evidence.valid_to,
                        "source_ids": edge.evidence.source_ids,
                    }
                )
        return found


def _ref(graph: nx.Graph, node: str) -> NodeRef:
    data = graph.nodes[node]
    return NodeRef(id=node, label=data["label"], name=data["name"], kind=data.get("kind"))


def _edge(graph: nx.Graph, claim: StoredClaim) -> Edge:
    return Edge(
        type=claim.type,
        source=_ref(graph, claim.from_id),
        target=_ref(graph, claim.to_id),
        evidence=Claim(
            status=claim.status,
            credibility=claim.credibility,
            valid_from=claim.valid_from,
            valid_to=claim.valid_to,
            sources=cited(list(claim.source_ids)),
        ),
        confidence=round(claim.confidence, 6),
    )


def ranked_paths(graph: nx.Graph, ranked: Sequence[tuple[list[str], float]]) -> list[RankedPath]:
    """Ranked paths with every claim on every hop (claims most confident first)."""
    found = []
    for rank, (path, confidence) in enumerate(ranked, start=1):
        hops = []
        for step, (u, v) in enumerate(itertools.pairwise(path), start=1):
            claims = sorted(
                graph.edges[u, v]["claims"], key=lambda c: (-c.confidence, c.type, c.from_id)
            )
            hops.append(
                Hop(
                    step=step,
                    source=_ref(graph, u),
                    target=_ref(graph, v),
                    confidence=round(hop_confidence(claims), 6),
                    edges=[_edge(graph, claim) for claim in claims],
                )
            )
        found.append(
            RankedPath(
                rank=rank,
                nodes=[_ref(graph, node) for node in path],
                hops=hops,
                confidence=PathConfidence(value=round(confidence, 6), rule=CONFIDENCE_RULE),
            )
        )
    return found


async def read_claim_graph(
    store: GraphStore,
    grades: AsOfGrades,
    types: Sequence[str] | None,
    default_types: Sequence[str] = PATH_TYPES,
) -> nx.Graph:
    """The filtered claim graph for these parameters (one read)."""
    values = {**grades.cypher_values(), "types": check_types(types or list(default_types))}
    records = await store.read(claim_graph_statement(), values)
    return claim_graph(records, grades.min_status)


class PathParams(AsOfGrades):
    from_id: NodeIdParam = Field(description="Start node id (actor or alliance).")
    to_id: NodeIdParam = Field(description="End node id (actor or alliance).")
    max_hops: int = Field(
        default=4, ge=1, le=8, description="Longest path to consider, in hops (1-8)."
    )
    types: StrList | None = Field(
        default=None,
        description="Relationship types to walk (comma-separated); default: every actor "
        "claim type except OPERATES_IN.",
    )


class KPathParams(PathParams):
    k: int = Field(default=3, ge=1, le=50, description="How many paths (1-50).")


async def _run_shortest(store: GraphStore, params: PathParams) -> list[RankedPath]:
    graph = await read_claim_graph(store, params, params.types)
    return ranked_paths(graph, best_paths(graph, params.from_id, params.to_id, 1, params.max_hops))


async def _run_k_paths(store: GraphStore, params: KPathParams) -> list[RankedPath]:
    graph = await read_claim_graph(store, params, params.types)
    found = best_paths(graph, params.from_id, params.to_id, params.k, params.max_hops)
    return ranked_paths(graph, found)


ENDS = {"from_id": ("Actor", "Alliance"), "to_id": ("Actor", "Alliance")}

shortest_path = register(
    CatalogQuery(
        name="shortest_path",
        description="The shortest path between two actors over claims holding on a date, with "
        "the evidence on every edge and the path's confidence (fewest hops, then most sure).",
        params=PathParams,
        result=RankedPath,
        run=_run_shortest,
        extra_statements=lambda dialect: {"claims": claim_graph_statement()},
        ids=ENDS,
        tags=("relationships", "paths"),
    )
)

k_shortest_paths = register(
    CatalogQuery(
        name="k_shortest_paths",
        description="The k best paths between two actors (fewest hops, then highest "
        "confidence), every claim on every hop listed with its evidence.",
        params=KPathParams,
        result=RankedPath,
        run=_run_k_paths,
        extra_statements=lambda dialect: {"claims": claim_graph_statement()},
        ids=ENDS,
        tags=("relationships", "paths"),
    )
)


# -- ego network ----------------------------------------------------------------------------


class EgoEdge(Edge, Result):
    """One claim inside the ego network; depths are hops from the centre actor."""

    source_depth: int
    target_depth: int


def ego_edges(graph: nx.Graph, centre: str, depth: int) -> list[EgoEdge]:
    """Every claim among the nodes within `depth` hops of `centre` (networkx ego_graph)."""
    if centre not in graph:
        return []
    distance = nx.single_source_shortest_path_length(graph, centre, cutoff=depth)
    found = []
    for _, _, data in graph.subgraph(distance).edges(data=True):
        for claim in data["claims"]:
            edge = _edge(graph, claim)
            found.append(
                EgoEdge(
                    **dict(edge),
                    source_depth=distance[claim.from_id],
                    target_depth=distance[claim.to_id],
                )
            )
    found.sort(
        key=lambda e: (min(e.source_depth, e.target_depth), e.source.id, e.target.id, e.type)
    )
    return found


class EgoParams(AsOfGrades):
    actor_id: ActorId = Field(description="Centre actor id.")
    depth: Depth = 2
    types: StrList | None = Field(
        default=None,
        description="Relationship types to follow (comma-separated); default: every actor "
        "claim type.",
    )


async def _run_ego(store: GraphStore, params: EgoParams) -> list[EgoEdge]:
    graph = await read_claim_graph(store, params, params.types, ACTOR_RELATIONSHIP_TYPES)
    return ego_edges(graph, params.actor_id, params.depth)


ego_network = register(
    CatalogQuery(
        name="ego_network",
        description="An actor's network to depth N (1-4): every claim among the nodes within N "
        "hops, filtered by relationship type and date.",
        params=EgoParams,
        result=EgoEdge,
        run=_run_ego,
        extra_statements=lambda dialect: {"claims": claim_graph_statement()},
        ids={"actor_id": ("Actor",)},
        tags=("relationships", "paths"),
    )
)
