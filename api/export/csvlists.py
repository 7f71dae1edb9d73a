"""CSV node and edge lists for spreadsheets: `NAME.nodes.csv` and `NAME.edges.csv`, one
row per node and per claim, with every attribute the graph formats carry, plus a first
comment-free header row so Excel opens them as they are."""

from __future__ import annotations

import csv
from pathlib import Path

from api.export.graphfile import edge_attributes, node_attributes
from api.export.i18n import column_word
from api.export.picture import NetworkPicture

NODE_COLUMNS = (
    "id", "label", "node_type", "kind", "category", "depth", "founded", "dissolved", "formed",
    "status", "likelihood", "country", "degree", "pagerank", "betweenness", "community",
    "sources", "x", "y",
)  # fmt: skip
EDGE_COLUMNS = (
    "id", "source", "target", "relationship", "status", "credibility", "likelihood", "valid_from",
    "valid_to", "sources", "source_titles", "source_grades",
)  # fmt: skip


def csv_paths(path: Path) -> tuple[Path, Path]:
    """`out.csv` or `out` → (`out.nodes.csv`, `out.edges.csv`)."""
    stem = path.with_suffix("") if path.suffix == ".csv" else path
    return stem.with_name(stem.name + ".nodes.csv"), stem.with_name(stem.name + ".edges.csv")


def write_csv(picture: NetworkPicture, path: Path) -> tuple[Path, Path]:
    nodes_path, edges_path = csv_paths(path)
    subgraph = picture.subgraph
    lang = picture.options.lang
    with nodes_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, NODE_COLUMNS)
        writer.writerow({c: column_word(c, lang) for c in NODE_COLUMNS})
        for node in sorted(subgraph.nodes, key=lambda n: n.ref.id):
            p = picture.placed[node.ref.id]
            row = {"id": node.ref.id, **node_attributes(subgraph, node.ref.id), "x": p.x, "y": p.y}
            writer.writerow({k: row.get(k, "") for k in NODE_COLUMNS})
    with edges_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, EDGE_COLUMNS)
        writer.writerow({c: column_word(c, lang) for c in EDGE_COLUMNS})
        for i, edge in enumerate(subgraph.edges):
            row = {
                "source": edge.source.id,
                "target": edge.target.id,
                **edge_attributes(subgraph, i),
            }
            writer.writerow({k: row.get(k, "") for k in EDGE_COLUMNS})
    return nodes_path, edges_path
