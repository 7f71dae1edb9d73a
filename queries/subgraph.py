"""A subgraph as exports draw it: typed nodes and edges, every claim with its sources.

Built from catalog answers (ego networks, k shortest paths, influence measures) plus one
lookup of node properties and cited sources, so an exported picture shows exactly what
the catalog answers for the same parameters. Exports (api/export) read only this.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from graph.schema import ACTOR_RELATIONSHIP_TYPES
from graph.store.base import GraphStore
from queries.analytics.scenario import ScenarioChange
from queries.catalog import run_named
from queries.claim_graph import read_claim_graph
from queries.nodes import nodes_by_ids
from queries.params import AsOfGrades
from queries.paths import RankedPath, ego_edges
from queries.types import DomainModel, Edge, NodeRef, SourceRef

NODE_ATTRIBUTES = ("founded", "dissolved", "formed", "status", "likelihood", "country")
"""Node properties an export carries besides id, label, name and kind."""

MEASURES = ("degree", "pagerank", "betweenness", "community")

LOW_CREDIBILITY = 4
"""Admiralty credibility from which a link is called low-credibility (4 doubtful … 6)."""


class SourceInfo(DomainModel):
    """A cited document, as a source line names it."""

    id: str
    name: str
    publisher: str | None = None
    published: str | None = None
    kind: str | None = None
    reliability: str | None = None
    licence: str | None = None
    url: str | None = None


class SubgraphNode(DomainModel):
    """A node of the picture: its reference, hops from the centre, attributes, measures."""

    ref: NodeRef
    depth: int | None = None
    attributes: dict[str, str | None] = Field(default_factory=dict)
    measures: dict[str, float] = Field(default_factory=dict)
    source_ids: list[str] = Field(default_factory=list)


Selection = Literal["actor", "alliance", "region", "path", "whatif"]


class Subgraph(DomainModel):
    """What one export draws: the selection, its nodes, edges and the sources behind them."""

    selection: Selection
    centre: list[str]
    as_of: str | None
    nodes: list[SubgraphNode]
    edges: list[Edge]
    sources: list[SourceInfo]
    ghosts: list[tuple[str, str]] = Field(
        default_factory=list, description="Hypothetical links of a what-if (never stored)."
    )
    scenario: list[ScenarioChange] = Field(
        default_factory=list, description="The catalog's `whatif` answer for the centre."
    )

    def node(self, node_id: str) -> SubgraphNode:
        for n in self.nodes:
            if n.ref.id == node_id:
                return n
        raise KeyError(node_id)

    @property
    def weak_edges(self) -> list[Edge]:
        """Edges only possible, or of low credibility (the picture says so)."""
        return [
            e
            for e in self.edges
            if e.evidence.status == "possible" or e.evidence.credibility >= LOW_CREDIBILITY
        ]

    def keep_actors(self, kinds: list[str] | None, region: str | None) -> Subgraph:
        """The explorer's node filters (`filterNodes` in the page): keep actors of these
        kinds and, with a region, actors with an OPERATES_IN claim to it in the picture;
        the centre and every node that is not an actor always stay."""
        if not kinds and not region:
            return self
        in_region = {
            e.source.id for e in self.edges if e.type == "OPERATES_IN" and e.target.id == region
        }
        keep = {
            n.ref.id
            for n in self.nodes
            if n.ref.id in self.centre
            or n.ref.label != "Actor"
            or ((not kinds or n.ref.kind in kinds) and (not region or n.ref.id in in_region))
        }
        edges = [e for e in self.edges if e.source.id in keep and e.target.id in keep]
        cited = {document_id(s.id) for e in edges for s in e.evidence.sources}
        return self.model_copy(
            update={
                "nodes": [n for n in self.nodes if n.ref.id in keep],
                "edges": edges,
                "sources": [s for s in self.sources if s.id in cited],
                "ghosts": [g for g in self.ghosts if g[0] in keep and g[1] in keep],
            }
        )

    @property
    def latest_date(self) -> str | None:
        """The latest date any claim or cited source carries (a data cutoff if none given)."""
        dates = [d for e in self.edges for d in (e.evidence.valid_from, e.evidence.valid_to) if d]
        dates += [s.published for s in self.sources if s.published]
        return max(dates) if dates else None


def document_id(citation: str) -> str:
    """`source:x#section` → `source:x` (the Source node a citation points into)."""
    return citation.split("#", 1)[0]


async def _complete(
    store: GraphStore,
    selection: Selection,
    centre: list[str],
    as_of: str | None,
    edges: list[Edge],
    depths: dict[str, int],
) -> Subgraph:
    """Add node properties, influence measures and graded sources to bare edges."""
    node_ids = sorted({*centre, *(e.source.id for e in edges), *(e.target.id for e in edges)})
    found = await nodes_by_ids(store, node_ids)
    citations = sorted({s.id for e in edges for s in e.evidence.sources})
    documents = sorted({document_id(c) for c in citations})
    found_sources = await nodes_by_ids(store, documents) if documents else {}
    measured = await run_named(store, "influence", end=as_of, min_status="possible")
    measures: dict[str, dict[str, float]] = {}
    for row in measured:
        values = row.model_dump()
        measures[row.actor.id] = {m: float(values[m]) for m in MEASURES}
    nodes = []
    for node_id in node_ids:
        if node_id not in found:
            continue
        label, props = found[node_id]
        nodes.append(
            SubgraphNode(
                ref=NodeRef(
                    id=node_id, label=label, name=props.get("name"), kind=props.get("kind")
                ),
                depth=depths.get(node_id),
                attributes={a: _text(props.get(a)) for a in NODE_ATTRIBUTES if a in props},
                measures=measures.get(node_id, {}),
                source_ids=list(props.get("source_ids") or []),
            )
        )
    reliability = {doc: props.get("reliability") for doc, (_, props) in found_sources.items()}
    graded = [
        e.model_copy(
            update={
                "evidence": e.evidence.model_copy(
                    update={
                        "sources": [
                            SourceRef(
                                id=s.id,
                                name=s.name,
                                reliability=reliability.get(document_id(s.id)) or s.reliability,
                            )
                            for s in e.evidence.sources
                        ]
                    }
                )
            }
        )
        for e in edges
    ]
    sources = source_infos(found_sources)
    return Subgraph(
        selection=selection, centre=centre, as_of=as_of, nodes=nodes, edges=graded, sources=sources
    )


def source_infos(found: dict[str, tuple[str, dict[str, Any]]]) -> list[SourceInfo]:
    """Source nodes (as `nodes_by_ids` returns them) as SourceInfo, in id order."""
    keys = ("publisher", "published", "kind", "reliability", "licence", "url")
    return [
        SourceInfo(
            id=doc, name=str(props.get("name") or doc), **{k: _text(props.get(k)) for k in keys}
        )
        for doc, (_, props) in sorted(found.items())
    ]


async def read_sources(store: GraphStore, citations: list[str]) -> list[SourceInfo]:
    """The documents these citations (`source:x#section`) point into."""
    documents = sorted({document_id(c) for c in citations})
    return source_infos(await nodes_by_ids(store, documents)) if documents else []


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


async def read_ego_subgraph(
    store: GraphStore,
    centre: str,
    depth: int = 2,
    *,
    selection: Selection = "actor",
    as_of: str | None = None,
    min_status: str = "possible",
    max_credibility: int = 6,
    types: list[str] | None = None,
) -> Subgraph:
    """The ego network around an actor, an alliance or a region, as a subgraph.

    The same claim graph and walk as the catalog's `ego_network` (which takes actors
    only): alliances and regions are nodes of that graph too.
    """
    grades = AsOfGrades(as_of=as_of, min_status=min_status, max_credibility=max_credibility)
    graph = await read_claim_graph(store, grades, types, ACTOR_RELATIONSHIP_TYPES)
    edges = ego_edges(graph, centre, depth)
    depths: dict[str, int] = {centre: 0}
    for edge in edges:
        depths[edge.source.id], depths[edge.target.id] = edge.source_depth, edge.target_depth
    plain = [Edge(**{k: v for k, v in dict(e).items() if k in Edge.model_fields}) for e in edges]
    return await _complete(store, selection, [centre], as_of, plain, depths)


async def read_path_subgraph(
    store: GraphStore,
    from_id: str,
    to_id: str,
    k: int = 1,
    *,
    as_of: str | None = None,
    min_status: str = "possible",
    max_credibility: int = 6,
    types: list[str] | None = None,
) -> Subgraph:
    """The `k_shortest_paths` answer between two nodes, every hop's claims, as a subgraph."""
    paths = await run_named(
        store,
        "k_shortest_paths",
        from_id=from_id,
        to_id=to_id,
        k=k,
        as_of=as_of,
        min_status=min_status,
        max_credibility=max_credibility,
        types=types,
    )
    edges: dict[tuple[str, str, str], Edge] = {}
    for path in paths:
        assert isinstance(path, RankedPath)
        for hop in path.hops:
            for edge in hop.edges:
                edges.setdefault((edge.source.id, edge.target.id, edge.type), edge)
    return await _complete(
        store, "path", [from_id, to_id], as_of, list(edges.values()), {from_id: 0}
    )


async def read_whatif_subgraph(
    store: GraphStore,
    actor_id: str,
    other_id: str,
    depth: int = 1,
    *,
    as_of: str | None = None,
    min_status: str = "possible",
    max_credibility: int = 6,
    types: list[str] | None = None,
) -> Subgraph:
    """`actor_id`'s ego network with a hypothetical link to `other_id`, and what the
    catalog's `whatif` says that link would change for `actor_id` (nothing is written)."""
    grades = AsOfGrades(as_of=as_of, min_status=min_status, max_credibility=max_credibility)
    graph = await read_claim_graph(store, grades, types, ACTOR_RELATIONSHIP_TYPES)
    edges = ego_edges(graph, actor_id, depth)
    depths: dict[str, int] = {actor_id: 0, other_id: 1}
    for edge in edges:
        depths.setdefault(edge.source.id, edge.source_depth)
        depths.setdefault(edge.target.id, edge.target_depth)
    plain = [Edge(**{k: v for k, v in dict(e).items() if k in Edge.model_fields}) for e in edges]
    subgraph = await _complete(store, "whatif", [actor_id, other_id], as_of, plain, depths)
    changes = await run_named(
        store, "whatif", add_edges=[f"{actor_id}~{other_id}"], actor_id=actor_id, end=as_of
    )
    return subgraph.model_copy(
        update={
            "ghosts": [(actor_id, other_id)],
            "scenario": [c for c in changes if isinstance(c, ScenarioChange)],
        }
    )
