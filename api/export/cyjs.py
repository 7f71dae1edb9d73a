"""Cytoscape.js JSON (`.cyjs`, also opened by Cytoscape desktop): elements with every
attribute and the laid-out positions, plus the explorer's stylesheet so the picture can be
drawn again exactly as exported."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from api.export.graphfile import edge_attributes, node_attributes
from api.export.netstyle import style
from api.export.picture import NetworkPicture


def cyjs_document(picture: NetworkPicture) -> dict[str, Any]:
    subgraph = picture.subgraph
    nodes = [
        {
            "data": {"id": n.ref.id, **node_attributes(subgraph, n.ref.id)},
            "position": {"x": picture.placed[n.ref.id].x, "y": picture.placed[n.ref.id].y},
        }
        for n in sorted(subgraph.nodes, key=lambda n: n.ref.id)
    ]
    edges = []
    for i, e in enumerate(subgraph.edges):
        edges.append(
            {"data": {"source": e.source.id, "target": e.target.id, **edge_attributes(subgraph, i)}}
        )
    return {
        "format_version": "1.0",
        "generated_by": "sahel-kg",
        "target_cytoscapejs_version": "~3.35",
        "data": {"name": picture.text.title, "marking": picture.text.marking.text,
                 "cutoff": picture.text.cutoff, "sources": picture.text.source_line},
        "elements": {"nodes": nodes, "edges": edges},
        "style": style()["stylesheet"],
    }  # fmt: skip


def write_cyjs(picture: NetworkPicture, path: Path) -> Path:
    text = json.dumps(cyjs_document(picture), ensure_ascii=False, indent=1, sort_keys=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path
