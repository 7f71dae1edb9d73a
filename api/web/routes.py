"""Starlette routes that serve the explorer's static files under /explore."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).resolve().parent / "static"
STYLE_PATH = STATIC_DIR / "style" / "network-style.json"
VENDOR_SCRIPTS = ("cytoscape.min.js", "layout-base.js", "cose-base.js", "cytoscape-fcose.js")
"""Copied from node_modules by `make web`, in the order the page loads them."""


def missing_vendor_scripts(static_dir: Path = STATIC_DIR) -> list[str]:
    """The vendor scripts the page needs that `make web` has not copied yet."""
    return [name for name in VENDOR_SCRIPTS if not (static_dir / "vendor" / name).is_file()]


def load_network_style() -> dict[str, Any]:
    """The shared Cytoscape stylesheet and palette (explorer and exports draw with it)."""
    style: dict[str, Any] = json.loads(STYLE_PATH.read_text(encoding="utf-8"))
    return style


async def _to_page(request: Request) -> Response:
    """`/explore` → `/explore/`, keeping the view's query string."""
    query = f"?{request.url.query}" if request.url.query else ""
    return RedirectResponse(f"/explore/{query}", status_code=307)


async def _not_built(request: Request) -> Response:
    missing = ", ".join(missing_vendor_scripts())
    return PlainTextResponse(
        f"the explorer's scripts are not built ({missing} missing in {STATIC_DIR / 'vendor'}); "
        "run `make web` in the repository",
        status_code=503,
    )


def explorer_routes() -> list[BaseRoute]:
    """Routes to add to the API's starlette app: the page and its assets at /explore/."""
    if missing_vendor_scripts():
        return [Route("/explore", _not_built), Route("/explore/{path:path}", _not_built)]
    return [
        Route("/explore", _to_page),
        Mount("/explore", app=StaticFiles(directory=STATIC_DIR, html=True), name="explore"),
    ]
