"""Network pictures as SVG, written by the project from the laid-out positions (no browser,
no GPL cytoscape-svg): editable in PowerPoint and Inkscape, vector in the PDF."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from api.export.frame import draw_frame
from api.export.i18n import Lang, relationship_word, status_word, t
from api.export.labels import LINE_HEIGHT, Label
from api.export.layout import Placed
from api.export.netstyle import (
    DASHES,
    category,
    credibility_look,
    edge_colour,
    line_of,
    polygon_points,
)
from api.export.picture import GHOST_COLOUR, NetworkPicture
from api.export.svgdoc import sub, svg_root, to_text
from api.export.text import FONT_FAMILY
from queries.types import Edge

CURVE_STEP = 22.0
"""Offset (px at slide scale) between parallel edges joining the same two nodes."""


def _ends(a: Placed, b: Placed) -> tuple[float, float, float, float]:
    """Edge end points on the node outlines (approximated by circles)."""
    dx, dy = b.x - a.x, b.y - a.y
    dist = math.hypot(dx, dy) or 1.0
    ux, uy = dx / dist, dy / dist
    return (a.x + ux * a.size / 2, a.y + uy * a.size / 2,
            b.x - ux * b.size / 2, b.y - uy * b.size / 2)  # fmt: skip


def _edge(
    group: ET.Element, edge: Edge, a: Placed, b: Placed, offset: float, scale: float, lang: Lang
) -> None:
    x1, y1, x2, y2 = _ends(a, b)
    colour = edge_colour(edge.type)
    opacity, width = credibility_look(edge.evidence.credibility)
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    nx_, ny_ = -(y2 - y1) / length, (x2 - x1) / length
    cx, cy = mx + nx_ * offset * 2, my + ny_ * offset * 2
    arrow = 9.0 * scale + width
    # Direction at the target end of the quadratic curve, for the arrow head.
    tx, ty = x2 - cx, y2 - cy
    tl = math.hypot(tx, ty) or 1.0
    tx, ty = tx / tl, ty / tl
    bx, by = x2 - tx * arrow, y2 - ty * arrow
    title = t(
        "edge_title", lang, a=edge.source.name or edge.source.id,
        rel=relationship_word(edge.type, lang), b=edge.target.name or edge.target.id,
        status=status_word(str(edge.evidence.status), lang), cred=edge.evidence.credibility,
    )  # fmt: skip
    g = sub(group, "g", class_="edge", opacity=opacity, data_type=edge.type,
            data_status=str(edge.evidence.status))  # fmt: skip
    sub(g, "title", title)
    sub(
        g, "path", d=f"M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {bx:.1f},{by:.1f}", fill="none",
        stroke=colour, stroke_width=width * scale, stroke_dasharray=_dash(edge, scale),
    )  # fmt: skip
    half = arrow * 0.45
    points = [(x2, y2), (bx - ty * half, by + tx * half), (bx + ty * half, by - tx * half)]
    sub(g, "polygon", points=" ".join(f"{x:.1f},{y:.1f}" for x, y in points), fill=colour)


def _dash(edge: Edge, scale: float) -> str | None:
    dash = DASHES.get(line_of(str(edge.evidence.status)))
    if dash is None:
        return None
    return " ".join(f"{float(v) * scale:.1f}" for v in dash.split())


def _node(group: ET.Element, node_id: str, name: str, cat: str, p: Placed, centre: bool) -> None:
    c = category(cat)
    attrs: dict[str, str | float | None] = {
        "fill": c["colour"], "stroke": "#000000" if centre else "#333333",
        "stroke_width": 4.0 if centre else 1.0,
    }  # fmt: skip
    g = sub(group, "g", class_="node", data_id=node_id, data_category=cat)
    sub(g, "title", name)
    if c["shape"] == "ellipse":
        sub(g, "circle", cx=p.x, cy=p.y, r=p.size / 2, **attrs)
    elif c["shape"] == "round-rectangle":
        s = p.size
        sub(g, "rect", x=p.x - s / 2, y=p.y - s / 2, width=s, height=s, rx=s * 0.15, **attrs)
    else:
        points = " ".join(
            f"{x:.1f},{y:.1f}" for x, y in polygon_points(c["shape"], p.x, p.y, p.size)
        )
        sub(g, "polygon", points=points, **attrs)


def _label(group: ET.Element, node_id: str, label: Label) -> None:
    box = label.box
    g = sub(group, "g", class_="label", data_id=node_id)
    sub(g, "rect", x=box.x, y=box.y, width=box.w, height=box.h, fill="#FFFFFF", fill_opacity=0.75)
    for i, line in enumerate(label.lines):
        sub(
            g, "text", line, x=box.x + box.w / 2,
            y=box.y + 1 + label.font_size * (i * LINE_HEIGHT + 0.95),
            font_family=FONT_FAMILY, font_size=label.font_size, fill="#111111",
            text_anchor="middle",
        )  # fmt: skip


def network_svg(picture: NetworkPicture, draw_graph: bool = True) -> ET.Element:
    """The whole picture as an SVG tree; `draw_graph=False` leaves the plot area empty
    (the PNG puts the explorer's canvas there)."""
    root = svg_root(picture.width, picture.height)
    draw_frame(root, picture.width, picture.height, picture.text, picture.legend)
    if not draw_graph:
        return root
    scale = picture.height / 1080
    edges_g = sub(root, "g", class_="edges")
    parallel: dict[tuple[str, str], list[Edge]] = defaultdict(list)
    for edge in picture.subgraph.edges:
        key = (edge.source.id, edge.target.id)
        parallel[(min(key), max(key))].append(edge)
    for (lo, _), group in sorted(parallel.items()):
        for i, edge in enumerate(sorted(group, key=lambda e: (e.type, e.source.id))):
            offset = (i - (len(group) - 1) / 2) * CURVE_STEP * scale
            if edge.source.id != lo:
                offset = -offset
            a, b = picture.placed[edge.source.id], picture.placed[edge.target.id]
            _edge(edges_g, edge, a, b, offset, scale, picture.options.lang)
    for a_id, b_id in picture.subgraph.ghosts:
        a, b = picture.placed[a_id], picture.placed[b_id]
        g = sub(edges_g, "g", class_="edge ghost", opacity=0.9, data_type="WHAT_IF")
        sub(g, "title", t("whatif_title", picture.options.lang))
        sub(
            g, "line", x1=a.x, y1=a.y, x2=b.x, y2=b.y, stroke=GHOST_COLOUR, stroke_width=5 * scale,
            stroke_dasharray=f"{2 * scale:.1f} {6 * scale:.1f}",
        )  # fmt: skip
    nodes_g = sub(root, "g", class_="nodes")
    centre = set(picture.subgraph.centre)
    for node in picture.subgraph.nodes:
        p = picture.placed[node.ref.id]
        cat = picture.categories.get(node.ref.id, "other")
        _node(nodes_g, node.ref.id, node.ref.name or node.ref.id, cat, p, node.ref.id in centre)
    labels_g = sub(root, "g", class_="labels")
    for node_id, label in sorted(picture.labels.items()):
        _label(labels_g, node_id, label)
    return root


def write_svg(picture: NetworkPicture, path: Path) -> Path:
    path.write_text(to_text(network_svg(picture)), encoding="utf-8")
    return path
