"""Seeded, deterministic layout of a subgraph inside a plot area, with node sizes.

Force-directed (Fruchterman-Reingold, in numpy) from a start that places nodes on rings by
their hops from the centre, so the same subgraph always lands on the same picture and a
rerun next week shows what moved, not a new random layout. Nodes never overlap (a last
pass pushes them apart); labels are placed afterwards by `api.export.labels`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from api.export.frame import Rect
from queries.subgraph import Subgraph, SubgraphNode

MIN_SIZE = 22.0
MAX_SIZE = 64.0
"""Node sizes at slide scale (1080 px high), as in the explorer's `sizes`."""
DEFAULT_SEED = 7


@dataclass(frozen=True)
class Placed:
    x: float
    y: float
    size: float


def node_order(subgraph: Subgraph) -> list[SubgraphNode]:
    """Nodes by hops from the centre, then id: the order every layout step follows."""
    return sorted(subgraph.nodes, key=lambda n: (n.depth if n.depth is not None else 99, n.ref.id))


def node_sizes(nodes: list[SubgraphNode], measure: str, scale: float) -> dict[str, float]:
    """Sizes between MIN_SIZE and MAX_SIZE by `measure` (the explorer's rule), × `scale`."""
    values = {n.ref.id: n.measures.get(measure) for n in nodes}
    known = [v for v in values.values() if v is not None]
    low, high = (min(known), max(known)) if known else (0.0, 0.0)
    out = {}
    for node_id, v in values.items():
        if v is None:
            size = (MIN_SIZE + MAX_SIZE) / 3
        elif high == low:
            size = (MIN_SIZE + MAX_SIZE) / 2
        else:
            size = MIN_SIZE + (v - low) / (high - low) * (MAX_SIZE - MIN_SIZE)
        out[node_id] = round(size * scale, 1)
    return out


def _start(nodes: list[SubgraphNode], rng: np.random.Generator) -> np.ndarray:
    """Rings by depth, evenly spaced in id order, with a little seeded jitter."""
    rings: dict[int, list[int]] = {}
    for i, n in enumerate(nodes):
        rings.setdefault(n.depth if n.depth is not None else 1, []).append(i)
    pos = np.zeros((len(nodes), 2))
    for depth, members in rings.items():
        for k, i in enumerate(members):
            angle = 2 * math.pi * k / len(members) + depth * 0.5
            pos[i] = (depth * math.cos(angle), depth * math.sin(angle))
    return pos + rng.uniform(-0.05, 0.05, pos.shape)


def force_layout(
    nodes: list[SubgraphNode], pairs: list[tuple[int, int]], seed: int, iterations: int
) -> np.ndarray:
    """Fruchterman-Reingold on the unit scale; returns an (n, 2) array."""
    n = len(nodes)
    rng = np.random.default_rng(seed)
    pos = _start(nodes, rng)
    if n < 2:
        return pos
    k = 1.0 / math.sqrt(n) * 2.2
    a = np.zeros((n, n))
    for i, j in pairs:
        a[i, j] = a[j, i] = 1.0
    x, y = pos[:, 0].copy(), pos[:, 1].copy()
    t = max(float(np.ptp(x)), float(np.ptp(y)), 1.0) * 0.1
    cool = t / (iterations + 1)
    for _ in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        dist2 = np.maximum(dx * dx + dy * dy, 1e-4)
        # repulsion k²/d along the unit vector, attraction d²/k for linked pairs
        force = k * k / dist2 - a * np.sqrt(dist2) / k
        mx, my = (dx * force).sum(axis=1), (dy * force).sum(axis=1)
        length = np.maximum(np.sqrt(mx * mx + my * my), 0.01)
        step = np.minimum(length, t) / length
        x += mx * step
        y += my * step
        t -= cool
    out: np.ndarray = np.column_stack([x, y])
    return out


def fit(pos: np.ndarray, area: Rect) -> np.ndarray:
    """Scale and centre positions into `area`, keeping the aspect ratio."""
    if len(pos) == 1:
        return np.array([[area.x + area.w / 2, area.y + area.h / 2]])
    low, high = pos.min(axis=0), pos.max(axis=0)
    span = np.maximum(high - low, 1e-9)
    scale = float(min(area.w / span[0], area.h / span[1]))
    centre = (low + high) / 2
    out: np.ndarray = (pos - centre) * scale + np.array([area.x + area.w / 2, area.y + area.h / 2])
    return out


def separate(
    pos: np.ndarray, sizes: np.ndarray, gap: float, area: Rect, rounds: int = 60
) -> np.ndarray:
    """Push overlapping nodes apart (and back inside `area`) until none overlap."""
    x, y = pos[:, 0].copy(), pos[:, 1].copy()
    need = (sizes[:, None] + sizes[None, :]) / 2 + gap
    np.fill_diagonal(need, 0)
    for _ in range(rounds):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        dist = np.maximum(np.sqrt(dx * dx + dy * dy), 0.01)
        overlap = np.clip(need - dist, 0, None)
        if not overlap.any():
            break
        share = overlap / dist / 2
        x = np.clip(x + (dx * share).sum(axis=1), area.x + sizes / 2, area.right - sizes / 2)
        y = np.clip(y + (dy * share).sum(axis=1), area.y + sizes / 2, area.bottom - sizes / 2)
    return np.column_stack([x, y])


def raw_layout(subgraph: Subgraph, seed: int = DEFAULT_SEED) -> np.ndarray:
    """Unit-scale positions in `node_order` (computed once per picture, then fitted)."""
    nodes = node_order(subgraph)
    index = {n.ref.id: i for i, n in enumerate(nodes)}
    ends = [(e.source.id, e.target.id) for e in subgraph.edges] + list(subgraph.ghosts)
    pairs = sorted(
        {
            tuple(sorted((index[a], index[b])))
            for a, b in ends
            if a in index and b in index and a != b
        }
    )
    iterations = 300 if len(nodes) <= 200 else 150 if len(nodes) <= 500 else 60
    return force_layout(nodes, [(i, j) for i, j in pairs], seed, iterations)


def lay_out(
    subgraph: Subgraph, area: Rect, scale: float, size_by: str = "pagerank",
    seed: int = DEFAULT_SEED, raw: np.ndarray | None = None,
) -> dict[str, Placed]:  # fmt: skip
    """Positions (px, inside `area`) and sizes of every node; same input → same output."""
    nodes = node_order(subgraph)
    if raw is None:
        raw = raw_layout(subgraph, seed)
    sizes = node_sizes(nodes, size_by, scale)
    size_arr = np.array([sizes[n.ref.id] for n in nodes])
    pad = MAX_SIZE * scale
    inner = Rect(
        area.x + pad, area.y + pad * 0.6, max(area.w - 2 * pad, 1), max(area.h - 2 * pad, 1)
    )
    rounds = 60 if len(nodes) <= 500 else 25
    pos = separate(fit(raw, inner), size_arr, 30 * scale, area, rounds)
    return {
        n.ref.id: Placed(round(float(pos[i, 0]), 1), round(float(pos[i, 1]), 1), sizes[n.ref.id])
        for i, n in enumerate(nodes)
    }
