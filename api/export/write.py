"""Write a picture or a graph file in the format asked: the one place that knows which
formats need the browser (PNG, PDF) and which never do (SVG, GEXF, GraphML, Cytoscape
JSON, CSV)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from api.export.browser import browser, open_page, screenshot, svg_page
from api.export.csvlists import write_csv
from api.export.cyjs import write_cyjs
from api.export.gexf import write_gexf
from api.export.graphml import write_graphml
from api.export.pdf import write_pdf
from api.export.picture import NetworkPicture
from api.export.png import PIXEL_RATIO, write_png
from api.export.svg import network_svg
from api.export.svgdoc import to_text

NETWORK_FORMATS = ("png", "pdf", "svg", "gexf", "graphml", "cyjs", "csv")
PICTURE_FORMATS = ("png", "pdf", "svg")
BROWSER_FORMATS = frozenset({"png", "pdf"})

Progress = Callable[[str], None]


def quiet(_: str) -> None:
    """A progress callback that says nothing."""


@contextmanager
def browser_for(formats: set[str], chromium: Any = None) -> Iterator[Any]:
    """A chromium if any format needs one (reusing `chromium` when given)."""
    if chromium is not None or not formats & BROWSER_FORMATS:
        with nullcontext(chromium) as given:
            yield given
        return
    with browser() as started:
        yield started


def write_network(
    picture: NetworkPicture, fmt: str, path: Path, chromium: Any = None
) -> list[Path]:
    """Write one network export; returns the files written."""
    if fmt == "png":
        write_png(chromium, picture, path)
        return [path]
    if fmt == "pdf":
        svg_text = to_text(network_svg(picture))
        return [write_pdf(chromium, svg_text, picture.width, picture.height, path)]
    writers: dict[str, Callable[[NetworkPicture, Path], Any]] = {
        "svg": lambda p, out: out.write_text(to_text(network_svg(p)), encoding="utf-8"),
        "gexf": write_gexf,
        "graphml": write_graphml,
        "cyjs": write_cyjs,
    }
    if fmt == "csv":
        return list(write_csv(picture, path))
    if fmt not in writers:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(NETWORK_FORMATS)}")
    writers[fmt](picture, path)
    return [path]


def write_svg_picture(
    root: ET.Element, fmt: str, path: Path, size: str, chromium: Any = None
) -> Path:
    """A map or chart (drawn as SVG) as SVG, PNG (chromium screenshot) or PDF (vector)."""
    svg_text = to_text(root)
    width, height = int(float(root.get("width", "0"))), int(float(root.get("height", "0")))
    if fmt == "svg":
        path.write_text(svg_text, encoding="utf-8")
    elif fmt == "png":
        with open_page(
            chromium, svg_page(svg_text), width, height, PIXEL_RATIO.get(size, 1.0)
        ) as page:
            screenshot(page, path)
    elif fmt == "pdf":
        write_pdf(chromium, svg_text, width, height, path)
    else:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(PICTURE_FORMATS)}")
    return path


def format_of(path: Path, fmt: str | None, allowed: tuple[str, ...]) -> str:
    """The format asked, or the one the output's suffix names."""
    chosen = (fmt or path.suffix.lstrip(".")).lower()
    if chosen not in allowed:
        raise ValueError(
            f"cannot tell the format of {path} (give --format {'|'.join(allowed)})"
            if not fmt
            else f"unknown format {fmt!r}; choose one of {', '.join(allowed)}"
        )
    return chosen
