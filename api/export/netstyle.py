"""The explorer's shared stylesheet (api/web/static/style/network-style.json), read for
pictures drawn outside the browser: the same colours, shapes, dashes and credibility
fading, so an SVG looks like the explorer's canvas."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

from api.web import load_network_style
from queries.subgraph import SubgraphNode


@lru_cache(maxsize=1)
def style() -> dict[str, Any]:
    return load_network_style()


def category_of(node: SubgraphNode) -> str:
    """Same rule as the explorer's `categoryOf`: label first, then actor kind."""
    s = style()
    by_label: dict[str, str] = s["labels"]
    if node.ref.label in by_label:
        return by_label[node.ref.label]
    by_kind: dict[str, str] = s["kinds"]
    return by_kind.get(node.ref.kind or "", "other")


def category(name: str) -> dict[str, str]:
    categories: dict[str, dict[str, str]] = style()["categories"]
    return categories.get(name, categories["other"])


def edge_colour(rel_type: str) -> str:
    relationships: dict[str, dict[str, str]] = style()["relationships"]
    return relationships.get(rel_type, {"colour": "#555555"})["colour"]


def line_of(status: str) -> str:
    statuses: dict[str, dict[str, str]] = style()["statuses"]
    return statuses.get(status, {"line": "solid"})["line"]


DASHES = {"solid": None, "dashed": "8 4", "dotted": "1.5 4"}
"""SVG dash arrays for the stylesheet's line styles (as the explorer's legend draws them)."""


def credibility_look(credibility: int) -> tuple[float, float]:
    """(opacity, width) of an edge of this Admiralty credibility."""
    cred = style()["credibility"]
    i = min(max(credibility, 1), 6) - 1
    return float(cred["opacity"][i]), float(cred["width"][i])


def _regular(n: int, start: float = -math.pi / 2) -> list[tuple[float, float]]:
    return [
        (math.cos(start + 2 * math.pi * k / n), math.sin(start + 2 * math.pi * k / n))
        for k in range(n)
    ]


def _star() -> list[tuple[float, float]]:
    points = []
    for k in range(10):
        r = 1.0 if k % 2 == 0 else 0.42
        a = -math.pi / 2 + math.pi * k / 5
        points.append((r * math.cos(a), r * math.sin(a)))
    return points


UNIT_SHAPES: dict[str, list[tuple[float, float]]] = {
    "triangle": [(0, -1), (1, 1), (-1, 1)],
    "diamond": [(0, -1), (1, 0), (0, 1), (-1, 0)],
    "pentagon": _regular(5),
    "hexagon": [(-1, 0), (-0.5, -1), (0.5, -1), (1, 0), (0.5, 1), (-0.5, 1)],
    "star": _star(),
    "vee": [(-1, -1), (0, -0.33), (1, -1), (0, 1)],
    "rectangle": [(-1, -1), (1, -1), (1, 1), (-1, 1)],
}
"""Node outlines on the unit square; ellipse and round-rectangle are drawn as such."""


def polygon_points(shape: str, cx: float, cy: float, size: float) -> list[tuple[float, float]]:
    half = size / 2
    return [(cx + x * half, cy + y * half) for x, y in UNIT_SHAPES[shape]]
