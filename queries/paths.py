"""Path and ego-network entries over the claim graph (queries.claim_graph), with the
evidence on every edge and each path's derived confidence."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any, ClassVar

import networkx as nx
from pydantic import Field

from graph.schema import ACTOR_RELATIONSHIP_TYPES
from graph.store.base import GraphStore
from queries.catalog import CatalogQuery, register
from queries.claim_graph import (
    best_paths,
    claim_edge,
    claim_graph_statement,
    hop_confidence,
    node_ref,
    read_claim_graph,
)
from queries.params import ActorId, AsOfGrades, Depth, NodeIdParam, StrList
from queries.types import Edge, Hop, Path, PathConfidence, Result

CONFIDENCE_RULE = (
    "claim c = S(status) x C(credibility); hop = noisy-OR of its claims; path = product of hops"
)


class RankedPath(Path, Result):
    """One of the best paths between two nodes; table rows are one per claim per hop."""

    rank: int

    row_columns: ClassVar[tuple[str, ...]] = (
        "path", "hops", "path_confidence", "step", "from_id", "from_name", "to_id", "to_name",
        "hop_confidence", "type", "direction", "status", "credibility", "claim_confidence",
        "valid_from", "valid_to", "source_ids",
    )  # fmt: skip
    """The columns `rows()` gives (an empty answer's CSV header)."""

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
                    source=node_ref(graph, u),
                    target=node_ref(graph, v),
                    confidence=round(hop_confidence(claims), 6),
                    edges=[claim_edge(graph, claim) for claim in claims],
                )
            )
        found.append(
            RankedPath(
                rank=rank,
                nodes=[node_ref(graph, node) for node in path],
                hops=hops,
                confidence=PathConfidence(value=round(confidence, 6), rule=CONFIDENCE_RULE),
            )
        )
    return found


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
            edge = claim_edge(graph, claim)
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
