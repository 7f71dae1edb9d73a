"""A tiny SVG writer on ElementTree: escaped text, attributes in a fixed order, so the same
picture always serialises to the same bytes."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

SVG_NS = "http://www.w3.org/2000/svg"


def fmt(value: float) -> str:
    """Numbers with at most two decimals and no trailing zeros (stable text output)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def sub(parent: ET.Element, tag: str, text: str | None = None, /, **attrs: Any) -> ET.Element:
    """A child element; attribute names use `_` for `-` (`font_size` → `font-size`)."""
    element = ET.SubElement(parent, tag)
    for key, value in attrs.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        element.set(name, fmt(value) if isinstance(value, float) else str(value))
    if text is not None:
        element.text = text
    return element


def svg_root(width: float, height: float) -> ET.Element:
    root = ET.Element("svg")
    root.set("xmlns", SVG_NS)
    root.set("width", fmt(width))
    root.set("height", fmt(height))
    root.set("viewBox", f"0 0 {fmt(width)} {fmt(height)}")
    return root


def to_text(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
