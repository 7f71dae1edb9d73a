"""Text measured with the font the pictures use (DejaVu Sans), so labels can be placed
without overlap before anything is drawn, and SVG text matches the browser's."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

FONT_FAMILY = "DejaVu Sans, Verdana, sans-serif"
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
AVERAGE_WIDTH = 0.6
"""Width of an average character, in ems, when DejaVu Sans is not installed."""


@lru_cache(maxsize=8)
def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont | None:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return ImageFont.truetype(str(folder / name), size)
    return None


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in px of one line of `text` at `size` px."""
    font = _font(round(size), bold)
    if font is None:
        return len(text) * size * AVERAGE_WIDTH
    return float(font.getlength(text))


def wrap(text: str, size: float, max_width: float, bold: bool = False) -> list[str]:
    """Greedy word wrap into lines no wider than `max_width` (a long word keeps its line)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and text_width(candidate, size, bold) > max_width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines
