"""The frame every picture shares: TLP banners top and bottom, title, subtitle, legend,
data cutoff, notes and the source line. It returns the free plot area for the drawing.

Sizes scale with the canvas height, so a 1920×1080 slide and an A4 print page get the
same proportions. The frame is SVG; the PNG of a network puts the explorer's canvas on top
of the same frame, so every format carries the same words.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from api.export.marking import Tlp
from api.export.netstyle import DASHES, polygon_points
from api.export.svgdoc import sub
from api.export.text import FONT_FAMILY, text_width, wrap

SLIDE = (1920, 1080)
"""16:9 slide, in px."""
A4_LANDSCAPE = (1754, 1240)
"""A4 landscape in CSS px at 150 dpi; rendered at 2× it is 3508×2480 px, i.e. 300 dpi."""
SIZES = {"slide": SLIDE, "a4": A4_LANDSCAPE}


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass(frozen=True)
class LegendItem:
    """One legend line: a heading, a node shape, a line style or a colour swatch."""

    text: str
    kind: str = "heading"
    colour: str = "#333333"
    shape: str = "ellipse"
    line: str = "solid"
    width: float = 3.0
    opacity: float = 1.0


@dataclass(frozen=True)
class FigureText:
    """Everything a picture must say besides its drawing."""

    title: str
    subtitle: str
    cutoff: str
    source_line: str
    marking: Tlp
    notes: list[str] = field(default_factory=list)


def unit(height: float) -> float:
    return height / 1080


def _banner(root: ET.Element, y: float, width: float, height: float, marking: Tlp) -> None:
    sub(root, "rect", x=0.0, y=y, width=width, height=height, fill="#000000")
    sub(
        root, "text", marking.text, x=width / 2, y=y + height * 0.7, fill=marking.colour,
        font_family=FONT_FAMILY, font_size=height * 0.55, font_weight="bold",
        text_anchor="middle", class_="tlp",
    )  # fmt: skip


def legend_symbol(parent: ET.Element, item: LegendItem, x: float, y: float, size: float) -> None:
    """The symbol of a legend item in a `size` box whose top-left is (x, y)."""
    cx, cy = x + size / 2, y + size / 2
    if item.kind == "shape":
        if item.shape in ("ellipse",):
            sub(parent, "circle", cx=cx, cy=cy, r=size * 0.42, fill=item.colour, stroke="#333333")
        elif item.shape == "round-rectangle":
            sub(
                parent, "rect", x=x + size * 0.1, y=y + size * 0.1, width=size * 0.8,
                height=size * 0.8, rx=size * 0.15, fill=item.colour, stroke="#333333",
            )  # fmt: skip
        else:
            points = " ".join(
                f"{px:.1f},{py:.1f}" for px, py in polygon_points(item.shape, cx, cy, size * 0.84)
            )
            sub(parent, "polygon", points=points, fill=item.colour, stroke="#333333")
    elif item.kind == "line":
        sub(
            parent, "line", x1=x, y1=cy, x2=x + size * 1.4, y2=cy,
            stroke=item.colour, stroke_width=item.width, stroke_dasharray=DASHES.get(item.line),
            stroke_opacity=item.opacity if item.opacity < 1 else None,
        )  # fmt: skip
    elif item.kind == "swatch":
        sub(
            parent, "rect", x=x, y=y + size * 0.1, width=size, height=size * 0.8,
            fill=item.colour, stroke="#666666",
        )  # fmt: skip


def draw_frame(
    root: ET.Element, width: float, height: float, text: FigureText, legend: list[LegendItem]
) -> Rect:
    """Draw banners, titles, legend and footer on `root`; return the plot area left free."""
    u = unit(height)
    banner = 40 * u
    margin = 36 * u
    sub(root, "rect", x=0.0, y=0.0, width=width, height=height, fill="#FFFFFF")
    _banner(root, 0.0, width, banner, text.marking)
    _banner(root, height - banner, width, banner, text.marking)
    title_size, sub_size, foot_size, legend_size = 34 * u, 20 * u, 14 * u, 15 * u
    y = banner + 48 * u
    sub(
        root, "text", text.title, x=margin, y=y, font_family=FONT_FAMILY, font_size=title_size,
        font_weight="bold", fill="#111111", class_="title",
    )  # fmt: skip
    y += 30 * u
    sub(
        root, "text", text.subtitle, x=margin, y=y, font_family=FONT_FAMILY,
        font_size=sub_size, fill="#333333", class_="subtitle",
    )  # fmt: skip
    plot_top = y + 20 * u
    # Footer, bottom up: source lines, notes, cutoff.
    line_h = foot_size * 1.35
    foot_lines = [("source", s) for s in wrap(text.source_line, foot_size, width - 2 * margin)]
    note_lines = [
        ("note", n) for note in text.notes for n in wrap(note, foot_size, width - 2 * margin)
    ]
    lines = [("cutoff", text.cutoff), *note_lines, *foot_lines]
    y = height - banner - 12 * u - line_h * (len(lines) - 1)
    for cls, line in lines:
        sub(
            root, "text", line, x=margin, y=y, font_family=FONT_FAMILY, font_size=foot_size,
            fill="#7a3b00" if cls == "note" else "#222222",
            font_weight="bold" if cls == "cutoff" else None, class_=cls,
        )  # fmt: skip
        y += line_h
    plot_bottom = height - banner - 12 * u - line_h * len(lines) - 8 * u
    # Legend on the right.
    legend_w = max(
        [text_width(i.text, legend_size, i.kind == "heading") + 44 * u for i in legend] or [0]
    )
    legend_w = min(legend_w, width * 0.3)
    legend_x = width - margin - legend_w
    group = sub(root, "g", class_="legend")
    ly = plot_top + 8 * u
    row = legend_size * 1.55
    for item in legend:
        if item.kind == "heading":
            ly += row * 0.35
            sub(
                group, "text", item.text, x=legend_x, y=ly + legend_size, font_family=FONT_FAMILY,
                font_size=legend_size, font_weight="bold", fill="#111111",
            )  # fmt: skip
        else:
            legend_symbol(group, item, legend_x, ly + 1 * u, legend_size * 1.2)
            for k, line in enumerate(wrap(item.text, legend_size, legend_w - 34 * u)):
                sub(
                    group, "text", line, x=legend_x + 34 * u, y=ly + legend_size + k * legend_size * 1.2,
                    font_family=FONT_FAMILY, font_size=legend_size, fill="#222222",
                )  # fmt: skip
                if k:
                    ly += legend_size * 1.2
        ly += row
    return Rect(margin, plot_top, legend_x - 2 * margin + (margin - 12 * u), plot_bottom - plot_top)
