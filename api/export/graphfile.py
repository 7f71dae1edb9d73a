"""The subgraph as a networkx graph with every attribute, for the file formats other tools
open (GEXF for Gephi, GraphML for yEd and Cytoscape desktop) and for Cytoscape.js JSON.

Nodes carry label, node type, kind, category, hops, dates, status, likelihood, influence
measures, sources and their laid-out position; edges carry relationship (the claim type; GEXF reserves "type"), status, credibility,
likelihood, valid from/to and their sources (ids, titles, grades). Absent values are
left out (GraphML and GEXF have no null), never written as "None".
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from api.export.netstyle import category, category_of
from api.export.picture import NetworkPicture
from queries.subgraph import Subgraph, document_id

INTEGER_MEASURES = ("degree", "community")
SEPARATOR = "; "
"""Lists (source ids, titles) are joined with this in formats without lists."""


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def node_attributes(subgraph: Subgraph, node_id: str) -> dict[str, Any]:
    node = subgraph.node(node_id)
    values: dict[str, Any] = {
        "label": node.ref.name or node.ref.id,
        "node_type": node.ref.label,
        "kind": node.ref.kind,
        "category": category_of(node),
        "depth": node.depth,
        **node.attributes,
        **{m: int(v) if m in INTEGER_MEASURES else float(v) for m, v in node.measures.items()},
        "sources": SEPARATOR.join(node.source_ids) or None,
    }
    return _clean(values)


def edge_attributes(subgraph: Subgraph, index: int) -> dict[str, Any]:
    edge = subgraph.edges[index]
    ev = edge.evidence
    titles = {s.id: s.name for s in subgraph.sources}
    return _clean(
        {
            "id": f"e{index}",
            "relationship": edge.type,
            "status": str(ev.status),
            "credibility": ev.credibility,
            "likelihood": str(ev.likelihood) if ev.likelihood else None,
            "valid_from": ev.valid_from,
            "valid_to": ev.valid_to,
            "sources": SEPARATOR.join(s.id for s in ev.sources) or None,
            "source_titles": SEPARATOR.join(
                dict.fromkeys(titles.get(document_id(s.id), s.id) for s in ev.sources)
            )
            or None,
            "source_grades": SEPARATOR.join(
                f"{s.id}={s.reliability}" for s in ev.sources if s.reliability
            )
            or None,
        }
    )


def _rgb(colour: str) -> dict[str, int]:
    value = colour.lstrip("#")
    return {"r": int(value[0:2], 16), "g": int(value[2:4], 16), "b": int(value[4:6], 16)}


def to_networkx(picture: NetworkPicture, viz: bool = False) -> nx.MultiDiGraph:
    """Directed multigraph (two claims between the same actors stay two edges)."""
    subgraph = picture.subgraph
    graph = nx.MultiDiGraph()
    for node in sorted(subgraph.nodes, key=lambda n: n.ref.id):
        attrs = node_attributes(subgraph, node.ref.id)
        p = picture.placed[node.ref.id]
        attrs["x"], attrs["y"] = p.x, p.y
        if viz:
            attrs["viz"] = {
                "position": {"x": p.x, "y": -p.y, "z": 0.0},
                "size": p.size,
                "color": _rgb(category(category_of(node))["colour"]),
            }
        graph.add_node(node.ref.id, **attrs)
    for i, edge in enumerate(subgraph.edges):
        attrs = edge_attributes(subgraph, i)
        graph.add_edge(edge.source.id, edge.target.id, key=attrs["id"], **attrs)
    for i, (a, b) in enumerate(subgraph.ghosts):
        graph.add_edge(
            a, b, key=f"ghost{i}", id=f"ghost{i}", relationship="WHAT_IF", status="hypothetical"
        )
    return graph
