"""Headless Debian chromium through Playwright for Python: the PNG and PDF exports render
pages here. Pages are served from memory and the explorer's static folder under a private
origin that never reaches the network; any other request is refused.
"""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from api.web import STATIC_DIR

CHROMIUM_ENV = "SAHELKG_CHROMIUM"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
ORIGIN = "http://sahelkg-export.invalid"
INSTALL_HINT = (
    "PNG and PDF exports need Debian's chromium and Playwright for Python: run `make browser` "
    "(or `sudo apt-get install chromium fonts-dejavu-core`), or set SAHELKG_CHROMIUM to a "
    "chromium binary. SVG, GEXF, GraphML, Cytoscape JSON and CSV work without a browser."
)


class BrowserMissing(RuntimeError):
    """No chromium to render with; the message says how to install it."""


def chromium_path() -> Path:
    path = Path(os.environ.get(CHROMIUM_ENV, DEFAULT_CHROMIUM))
    if not path.is_file() or not os.access(path, os.X_OK):
        raise BrowserMissing(f"no chromium at {path}. {INSTALL_HINT}")
    return path


@contextmanager
def browser() -> Iterator[Any]:
    """A headless chromium for a batch of renders (start-up costs about a second)."""
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - playwright is a dependency
        raise BrowserMissing(f"Playwright for Python is not installed. {INSTALL_HINT}") from exc
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(executable), args=["--font-render-hinting=none"]
        )
        try:
            yield chromium
        finally:
            chromium.close()


def _serve(pages: dict[str, str]) -> Any:
    """A route handler: generated pages by name, else files of the explorer's static folder."""
    root = STATIC_DIR.resolve()

    def handle(route: Any) -> None:
        url: str = route.request.url
        if not url.startswith(ORIGIN + "/"):
            route.abort()
            return
        name = url[len(ORIGIN) + 1 :].split("?", 1)[0]
        if name in pages:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=pages[name])
            return
        path = (root / name).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            route.fulfill(status=404, body=f"not found: {name}")
            return
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix == ".js":
            kind = "text/javascript"
        route.fulfill(status=200, content_type=kind, body=path.read_bytes())

    return handle


@contextmanager
def open_page(chromium: Any, html: str, width: int, height: int, scale: float) -> Iterator[Any]:
    """A page of `width`×`height` CSS px at `scale` device pixels per px, showing `html`."""
    context = chromium.new_context(
        viewport={"width": width, "height": height}, device_scale_factor=scale
    )
    try:
        page = context.new_page()
        page.route("**/*", _serve({"export.html": html}))
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{ORIGIN}/export.html")
        page.wait_for_function(
            "document.body.dataset.ready === 'yes' || document.body.dataset.ready === 'error'"
        )
        if page.evaluate("document.body.dataset.ready") == "error" or errors:
            detail = page.evaluate("document.body.dataset.error || ''")
            raise RuntimeError(f"export page failed: {detail or '; '.join(errors)}")
        yield page
    finally:
        context.close()


STABLE_SHOTS_TRIES = 20


def screenshot(page: Any, path: Path) -> Path:
    """The page once its canvas has settled: Cytoscape may draw over several frames, so
    shots are taken until two in a row are identical (the same inputs, the same pixels)."""
    previous = None
    for _ in range(STABLE_SHOTS_TRIES):
        shot = page.screenshot(full_page=False, animations="disabled")
        if shot == previous:
            break
        previous = shot
        page.wait_for_timeout(100)
    assert previous is not None
    path.write_bytes(previous)
    return path


def print_pdf(page: Any, path: Path, width: int, height: int) -> Path:
    page.pdf(
        path=str(path), width=f"{width}px", height=f"{height}px", print_background=True,
        margin={"top": "0", "right": "0", "bottom": "0", "left": "0"}, page_ranges="1",
    )  # fmt: skip
    return path


def svg_page(svg_text: str) -> str:
    """A page showing one SVG picture, at its own size, ready at once."""
    body = svg_text.split("?>", 1)[-1]
    return (
        "<!doctype html><html><head><meta charset='utf-8'><style>"
        "html,body{margin:0;padding:0;background:#fff}svg{display:block}</style></head>"
        f"<body data-ready='yes'>{body}</body></html>"
    )


def static_path(name: str) -> Path:
    """A file of the explorer's static folder (for checks that the scripts are built)."""
    return STATIC_DIR / name
