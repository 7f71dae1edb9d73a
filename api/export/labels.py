"""Label placement without overlap, and the check that proves it.

Greedy, most important node first (the centre, then by hops, then by PageRank): each label
tries below, above, right and left of its node and takes the first place that overlaps no
label already placed, no node and stays inside the plot area (the centre's label may cover
other nodes, on its white background, rather than be left out). A label that fits nowhere is
left out, and the picture says how many labels it shows. `overlaps` re-checks the result
(the PNG export also checks the boxes the browser actually drew).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from api.export.frame import Rect
from api.export.layout import Placed
from api.export.text import text_width, wrap
from queries.subgraph import Subgraph, SubgraphNode

SIDES = ("bottom", "top", "right", "left")
LINE_HEIGHT = 1.2
MAX_LABEL_WIDTH = 190.0
"""Widest label line at slide scale (px); longer names wrap onto a second line."""


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    def grown(self, by: float) -> Box:
        return Box(self.x - by, self.y - by, self.w + 2 * by, self.h + 2 * by)

    def hits(self, other: Box) -> bool:
        return (
            self.x < other.x + other.w
            and other.x < self.x + self.w
            and self.y < other.y + other.h
            and other.y < self.y + self.h
        )


@dataclass(frozen=True)
class Label:
    lines: list[str]
    side: str
    box: Box
    font_size: float
    dx: float = 0.0
    """How far the label slides from its side's centred spot (px)."""
    dy: float = 0.0


def label_text(node: SubgraphNode) -> str:
    return node.ref.name or node.ref.id


def importance(subgraph: Subgraph) -> list[SubgraphNode]:
    centre = set(subgraph.centre)
    return sorted(
        subgraph.nodes,
        key=lambda n: (
            n.ref.id not in centre,
            n.depth if n.depth is not None else 99,
            -n.measures.get("pagerank", 0.0),
            n.ref.id,
        ),
    )


def _candidate(side: str, p: Placed, w: float, h: float, gap: float, shift: float) -> Box:
    """The label box on `side`, slid along that side by `shift` (a fraction of its size)."""
    r = p.size / 2 + gap
    if side == "bottom":
        return Box(p.x - w / 2 + shift * w, p.y + r, w, h)
    if side == "top":
        return Box(p.x - w / 2 + shift * w, p.y - r - h, w, h)
    if side == "right":
        return Box(p.x + r, p.y - h / 2 + shift * h, w, h)
    return Box(p.x - r - w, p.y - h / 2 + shift * h, w, h)


SHIFTS = (0.0, -0.5, 0.5, -1.0, 1.0)
"""Slides tried, after every side unslid: half and whole label sizes either way."""
CANDIDATES = [(side, shift) for shift in SHIFTS for side in SIDES]


def node_box(p: Placed) -> Box:
    return Box(p.x - p.size / 2, p.y - p.size / 2, p.size, p.size)


def place_labels(
    subgraph: Subgraph, placed: dict[str, Placed], area: Rect, font_size: float
) -> dict[str, Label]:
    """Labels for as many nodes as fit without overlap, most important first."""
    nodes = Grid(80.0)
    for p in placed.values():
        nodes.add(node_box(p))
    taken = Grid(80.0)
    out: dict[str, Label] = {}
    gap = font_size * 0.25
    # Room kept between labels: the browser's text boxes differ from ours by a few px.
    clearance = font_size * 0.3
    max_w = MAX_LABEL_WIDTH * font_size / 15
    centre = set(subgraph.centre)
    for node in importance(subgraph):
        p = placed[node.ref.id]
        lines = wrap(label_text(node), font_size, max_w) or [node.ref.id]
        w = max(text_width(line, font_size) for line in lines) + 4
        h = len(lines) * font_size * LINE_HEIGHT + 2
        own = node_box(p)
        central = node.ref.id in centre
        tries = [(s, f, False) for s, f in CANDIDATES]
        tries += [(s, 0.0, True) for s in SIDES] if central else []
        for side, shift, over_nodes in tries:
            box = _candidate(side, p, w, h, gap, shift)
            inside = (
                box.x >= area.x and box.y >= area.y
                and box.x + box.w <= area.right and box.y + box.h <= area.bottom
            )  # fmt: skip
            if not inside or taken.hits(box.grown(clearance)):
                continue
            if not over_nodes and nodes.hits(box, ignore=own):
                continue
            taken.add(box.grown(clearance))
            along_x = side in ("bottom", "top")
            out[node.ref.id] = Label(
                lines, side, box, font_size,
                dx=shift * w if along_x else 0.0, dy=0.0 if along_x else shift * h,
            )  # fmt: skip
            break
    return out


class Grid:
    """Boxes bucketed in square cells, so "does this box hit any?" looks only nearby."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[Box]] = {}

    def _keys(self, box: Box) -> list[tuple[int, int]]:
        c = self.cell
        return [
            (i, j)
            for i in range(int(box.x // c), int((box.x + box.w) // c) + 1)
            for j in range(int(box.y // c), int((box.y + box.h) // c) + 1)
        ]

    def add(self, box: Box) -> None:
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(box)

    def hits(self, box: Box, ignore: Box | None = None) -> bool:
        return any(
            other.hits(box) and other != ignore
            for key in self._keys(box)
            for other in self.cells.get(key, ())
        )


def overlaps(boxes: Sequence[tuple[str, Box]]) -> list[tuple[str, str]]:
    """Pairs of named boxes that overlap (empty when every label is readable)."""
    found = []
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1 :]:
            if box_a.hits(box_b):
                found.append((a, b))
    return found
