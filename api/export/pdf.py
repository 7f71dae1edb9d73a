"""Pictures as PDF: chromium prints the SVG version (vector: text stays text, lines stay
lines, and the PDF's words can be searched and copied into a report)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from api.export.browser import open_page, print_pdf, svg_page


def write_pdf(chromium: Any, svg_text: str, width: int, height: int, path: Path) -> Path:
    """Print one SVG picture onto a single page of its own size."""
    with open_page(chromium, svg_page(svg_text), width, height, 1.0) as page:
        print_pdf(page, path, width, height)
    return path
