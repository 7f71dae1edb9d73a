"""The bulk subgraph the explorer draws: nodes and edges in one response, size-capped.

Built from the catalog's ego network (the same claims, filters and evidence as
`sahelkg query ego_network`), optionally with each actor's influence measures from the
catalog's `influence` entry for a window. Edges keep their full evidence plus a one-line
summary for tooltips.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import strawberry

from api.graphql.catalog_fields import run_entry
from api.graphql.context import Context
from api.graphql.errors import ApiError
from api.graphql.scalars import PartialDate
from api.graphql.types.evidence import Claim, ClaimStatusEnum
from api.graphql.types.lists import DateWindow
from api.graphql.types.relationships import RelationshipType, claim_filter
from graph.vocab import ClaimStatus
from queries.catalog import load_catalog
from queries.paths import EgoEdge

MAX_CENTRES = 20


@strawberry.type(description="A named score of a node (pagerank, betweenness, degree, …).")
class NodeMeasure:
    name: str
    value: float


@strawberry.type(description="A node of a subgraph, with what the explorer styles it by.")
class GraphNode:
    id: strawberry.ID
    label: str = strawberry.field(description="The graph label: Actor, Alliance, Region, ….")
    name: str | None
    kind: str | None = strawberry.field(description="The node's own kind, e.g. jihadist_group.")
    depth: int = strawberry.field(description="Hops from the nearest centre.")
    degree: int = strawberry.field(description="Claims touching it inside this subgraph.")
    measures: list[NodeMeasure]


@strawberry.type(description="A claim between two nodes of a subgraph, with its evidence.")
class GraphEdge:
    id: strawberry.ID
    type: RelationshipType
    source: strawberry.ID
    target: strawberry.ID
    evidence: Claim
    evidence_summary: str = strawberry.field(
        description="One line for tooltips: status, credibility, period, number of sources."
    )


@strawberry.type(description="Nodes and edges of a subgraph; `truncated` if a cap cut it.")
class Subgraph:
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool
    node_count: int = strawberry.field(description="Nodes before any cap.")
    edge_count: int = strawberry.field(description="Edges before any cap.")


@dataclass(frozen=True)
class _End:
    id: str
    name: str | None
    label: str
    kind: str | None
    depth: int


def _ends(edge: EgoEdge) -> tuple[_End, _End]:
    a, b = edge.source, edge.target
    return (
        _End(a.id, a.name, a.label, a.kind, edge.source_depth),
        _End(b.id, b.name, b.label, b.kind, edge.target_depth),
    )


def summary(claim: Any) -> str:
    period = f"{claim.valid_from or '…'} to {claim.valid_to or '…'}"
    count = len(claim.sources)
    noun = "source" if count == 1 else "sources"
    return f"{claim.status}, credibility {claim.credibility}, {period}, {count} {noun}"


async def build_subgraph(
    info: strawberry.Info[Context, None],
    centre_ids: list[str],
    depth: int,
    filters: dict[str, Any],
    max_nodes: int,
    max_edges: int,
    influence_window: DateWindow | None,
) -> Subgraph:
    limits = info.context.limits
    if not 1 <= len(centre_ids) <= MAX_CENTRES:
        raise ApiError(
            "invalid_parameter", f"give 1 to {MAX_CENTRES} centre ids", field="centerIds"
        )
    if not 1 <= max_nodes <= limits.max_graph_nodes:
        raise ApiError(
            "page_size_exceeded",
            f"maxNodes is {max_nodes}; a subgraph holds at most {limits.max_graph_nodes} nodes",
            field="maxNodes",
        )
    entry = load_catalog()["ego_network"]
    ends: dict[str, _End] = {}
    edges: dict[str, GraphEdge] = {}
    for centre in centre_ids:
        rows = await run_entry(entry, info.context, {"actor_id": centre, "depth": depth, **filters})
        for row in rows:
            a, b = _ends(row)
            for end in (a, b):
                if end.id not in ends or ends[end.id].depth > end.depth:
                    ends[end.id] = end
            claim = row.evidence
            edge_id = f"{row.type}|{a.id}|{b.id}|{claim.valid_from or ''}"
            edges.setdefault(
                edge_id,
                GraphEdge(
                    id=strawberry.ID(edge_id),
                    type=RelationshipType[row.type],
                    source=strawberry.ID(a.id),
                    target=strawberry.ID(b.id),
                    evidence=claim,
                    evidence_summary=summary(claim),
                ),
            )
    kept = sorted(ends.values(), key=lambda e: (e.depth, e.id))[:max_nodes]
    kept_ids = {e.id for e in kept}
    kept_edges = [e for e in edges.values() if e.source in kept_ids and e.target in kept_ids]
    kept_edges.sort(key=lambda e: str(e.id))
    kept_edges = kept_edges[:max_edges]
    degree: dict[str, int] = {}
    for edge in kept_edges:
        for end_id in (edge.source, edge.target):
            degree[end_id] = degree.get(end_id, 0) + 1
    measures = await _influence(info, influence_window, filters) if influence_window else {}
    nodes = [
        GraphNode(
            id=strawberry.ID(e.id), label=e.label, name=e.name, kind=e.kind, depth=e.depth,
            degree=degree.get(e.id, 0), measures=measures.get(e.id, []),
        )
        for e in kept
    ]  # fmt: skip
    return Subgraph(
        nodes=nodes,
        edges=kept_edges,
        truncated=len(kept) < len(ends) or len(kept_edges) < len(edges),
        node_count=len(ends),
        edge_count=len(edges),
    )


async def _influence(
    info: strawberry.Info[Context, None], window: DateWindow, filters: dict[str, Any]
) -> dict[str, list[NodeMeasure]]:
    start = None if window.start is strawberry.UNSET else window.start
    end = None if window.end is strawberry.UNSET else window.end
    rows = await run_entry(load_catalog()["influence"], info.context, {"start": start, "end": end})
    found: dict[str, list[NodeMeasure]] = {}
    for row in rows:
        found[row.actor.id] = [
            NodeMeasure(name=name, value=float(getattr(row, name)))
            for name in ("pagerank", "betweenness", "degree", "weighted_degree")
        ]
    return found


def _filters(
    as_of: str | None, min_status: ClaimStatus, max_credibility: int,
    types: list[RelationshipType] | None,
) -> dict[str, Any]:  # fmt: skip
    chosen = claim_filter(as_of, min_status, max_credibility, types)  # type: ignore[arg-type]
    values = chosen.params()
    return {k: v for k, v in values.items() if v is not None}


@strawberry.type
class SubgraphQuery:
    @strawberry.field(
        description="The subgraph around one or more centres, for the explorer: nodes with "
        "labels, kinds, depth, degree and (given a window) influence measures; edges with "
        "their evidence. Capped at maxNodes (≤ the server's limit) and 4 × maxNodes edges."
    )
    async def graph(
        self, info: strawberry.Info[Context, None], center_ids: list[strawberry.ID],
        depth: int = 1, as_of: PartialDate | None = None,
        min_status: ClaimStatusEnum = ClaimStatus.POSSIBLE, max_credibility: int = 6,
        types: list[RelationshipType] | None = None, max_nodes: int = 200,
        influence_window: DateWindow | None = None,
    ) -> Subgraph:  # fmt: skip
        filters = _filters(as_of, min_status, max_credibility, types)
        return await build_subgraph(
            info, [str(c) for c in center_ids], depth, filters, max_nodes, 4 * max_nodes,
            influence_window,
        )  # fmt: skip

    @strawberry.field(
        description="An actor's ego network to `depth` hops: every claim among the nodes "
        "within reach, with evidence; at most maxEdges edges (≤ 100)."
    )
    async def ego_network(
        self, info: strawberry.Info[Context, None], actor_id: strawberry.ID, depth: int = 2,
        as_of: PartialDate | None = None, min_status: ClaimStatusEnum = ClaimStatus.POSSIBLE,
        max_credibility: int = 6, types: list[RelationshipType] | None = None,
        max_edges: int = 100,
    ) -> Subgraph:  # fmt: skip
        limit = info.context.limits.max_page_size
        if not 1 <= max_edges <= limit:
            raise ApiError(
                "page_size_exceeded", f"maxEdges is {max_edges}; at most {limit}", field="maxEdges"
            )
        filters = _filters(as_of, min_status, max_credibility, types)
        return await build_subgraph(
            info, [str(actor_id)], depth, filters, info.context.limits.max_graph_nodes,
            max_edges, None,
        )  # fmt: skip
