"""Network pictures as PNG, drawn by the explorer's own code in headless chromium:
Cytoscape.js with the shared stylesheet and the explorer's `categoryOf`, at the positions
the seeded layout chose (preset layout, so every rerun is pixel-equal), inside the same
frame as the SVG. The page then measures the label boxes chromium really drew and the
export fails if any two overlap.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from api.export.browser import open_page, screenshot
from api.export.labels import LINE_HEIGHT
from api.export.picture import NetworkPicture
from api.export.svg import network_svg
from api.export.svgdoc import to_text
from api.web import VENDOR_SCRIPTS, missing_vendor_scripts

PIXEL_RATIO = {"slide": 1.0, "a4": 2.0}
"""Device pixels per CSS px: 1920×1080 for a slide, 3508×2480 (300 dpi) for A4."""

_SCRIPT = """
import { categoryOf } from "./js/network.js";
const input = JSON.parse(document.getElementById("input").textContent);
try {
  await document.fonts.ready;
  const style = await (await fetch("style/network-style.json")).json();
  const sheet = style.stylesheet.concat(input.extraStyle);
  const elements = input.nodes.map((n) => ({
    group: "nodes",
    data: { ...n.data, category: categoryOf(style, n.kinds) },
    position: n.position,
    classes: n.classes,
  })).concat(input.edges.map((e) => ({ group: "edges", data: e, classes: e.ghost ? ["ghost"] : [] })));
  const cy = window._cy = cytoscape({
    container: document.getElementById("cy"), style: sheet, elements,
    layout: { name: "preset", fit: false }, zoom: 1, pan: { x: 0, y: 0 },
    userZoomingEnabled: false, userPanningEnabled: false, autoungrabify: true,
  });
  cy.zoom(1); cy.pan({ x: 0, y: 0 });
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const boxes = cy.nodes().filter((n) => n.data("label")).map((n) => {
    const b = n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
    return [n.id(), b.x1, b.y1, b.x2, b.y2];
  });
  const clash = [];
  for (let i = 0; i < boxes.length; i += 1)
    for (let j = i + 1; j < boxes.length; j += 1) {
      const [a, ax1, ay1, ax2, ay2] = boxes[i];
      const [b, bx1, by1, bx2, by2] = boxes[j];
      if (ax1 < bx2 && bx1 < ax2 && ay1 < by2 && by1 < ay2) clash.push(`${a}|${b}`);
    }
  document.body.dataset.labels = String(boxes.length);
  document.body.dataset.overlaps = clash.join(",");
  document.body.dataset.ready = "yes";
} catch (err) {
  document.body.dataset.error = String(err);
  document.body.dataset.ready = "error";
}
"""


class LabelOverlap(RuntimeError):
    """Chromium drew two labels on top of each other."""


@dataclass(frozen=True)
class DrawCheck:
    labels: int
    overlaps: list[str]


def _extra_style(font_size: float) -> list[dict[str, Any]]:
    """Export-only additions: slide-sized labels, our line breaks, the chosen label side."""
    gap = round(font_size * 0.25, 1)
    return [
        {"selector": "node", "style": {"font-size": font_size, "text-wrap": "wrap",
                                       "text-max-width": 2000, "line-height": LINE_HEIGHT,
                                       "text-margin-y": gap}},
        {"selector": "node.label-top", "style": {"text-valign": "top", "text-margin-y": -gap}},
        {"selector": "node.label-right", "style": {"text-valign": "center", "text-halign": "right",
                                                   "text-margin-x": gap, "text-margin-y": 0}},
        {"selector": "node.label-left", "style": {"text-valign": "center", "text-halign": "left",
                                                  "text-margin-x": -gap, "text-margin-y": 0}},
        {"selector": "node[mx]", "style": {"text-margin-x": "data(mx)", "text-margin-y": "data(my)"}},
    ]  # fmt: skip


def page_input(picture: NetworkPicture) -> dict[str, Any]:
    area = picture.area
    centre = set(picture.subgraph.centre)
    nodes = []
    for node in picture.subgraph.nodes:
        p = picture.placed[node.ref.id]
        label = picture.labels.get(node.ref.id)
        classes = [] if label is None else [f"label-{label.side}"]
        if node.ref.id in centre:
            classes.append("centre")
        data: dict[str, Any] = {
            "id": node.ref.id,
            "label": "\n".join(label.lines) if label else "",
            "size": p.size,
        }
        if label is not None and (label.dx or label.dy):
            gap = round(label.font_size * 0.25, 1)
            base = {"bottom": (0, gap), "top": (0, -gap), "right": (gap, 0), "left": (-gap, 0)}
            bx, by = base[label.side]
            data["mx"], data["my"] = round(bx + label.dx, 1), round(by + label.dy, 1)
        nodes.append(
            {
                "data": data,
                "kinds": {"kind": node.ref.label, "actorKind": node.ref.kind},
                "position": {"x": round(p.x - area.x, 1), "y": round(p.y - area.y, 1)},
                "classes": classes,
            }
        )
    edges = [
        {
            "id": f"e{i}",
            "source": e.source.id,
            "target": e.target.id,
            "type": e.type,
            "status": str(e.evidence.status),
            "credibility": e.evidence.credibility,
        }
        for i, e in enumerate(picture.subgraph.edges)
    ]
    edges += [
        {"id": f"ghost{i}", "source": a, "target": b, "type": "WHAT_IF", "ghost": True}
        for i, (a, b) in enumerate(picture.subgraph.ghosts)
    ]
    font = next(iter(picture.labels.values())).font_size if picture.labels else 15.0
    return {"nodes": nodes, "edges": edges, "extraStyle": _extra_style(font)}


def network_page(picture: NetworkPicture) -> str:
    """The export page: the frame as SVG, the explorer's canvas over the plot area."""
    missing = missing_vendor_scripts()
    if missing:
        raise RuntimeError(
            f"the explorer's scripts are not built ({', '.join(missing)}): run `make web`"
        )
    frame = to_text(network_svg(picture, draw_graph=False)).split("?>", 1)[-1]
    a = picture.area
    scripts = "".join(f'<script src="vendor/{name}"></script>' for name in VENDOR_SCRIPTS)
    data = json.dumps(page_input(picture)).replace("</", "<\\/")
    return (
        "<!doctype html><html><head><meta charset='utf-8'><style>"
        "html,body{margin:0;padding:0;background:#fff;overflow:hidden}"
        "#frame{position:absolute;left:0;top:0}"
        f"#cy{{position:absolute;left:{a.x:.1f}px;top:{a.y:.1f}px;width:{a.w:.1f}px;"
        f"height:{a.h:.1f}px}}</style>{scripts}</head><body>"
        f"<div id='frame'>{frame}</div><div id='cy'></div>"
        f"<script type='application/json' id='input'>{data}</script>"
        f"<script type='module'>{_SCRIPT}</script></body></html>"
    )


def check_of(page: Any) -> DrawCheck:
    overlaps = page.evaluate("document.body.dataset.overlaps") or ""
    return DrawCheck(
        int(page.evaluate("document.body.dataset.labels")), [o for o in overlaps.split(",") if o]
    )


def write_png(chromium: Any, picture: NetworkPicture, path: Path) -> DrawCheck:
    """Render `picture` to `path`; raises LabelOverlap if chromium's labels overlap."""
    ratio = PIXEL_RATIO.get(picture.options.size, 1.0)
    with open_page(chromium, network_page(picture), picture.width, picture.height, ratio) as page:
        check = check_of(page)
        if check.overlaps:
            raise LabelOverlap(f"labels overlap in the drawn picture: {', '.join(check.overlaps)}")
        screenshot(page, path)
    return check
