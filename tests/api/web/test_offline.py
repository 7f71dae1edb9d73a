"""The explorer works on a closed network: the served page and every asset it loads
reference nothing outside the server, and a real session requests nothing outside it."""

from __future__ import annotations

import re
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

from tests.api.web.conftest import Explorer, ExplorerServer

# XML namespace names are identifiers the DOM needs, never fetched.
NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xhtml"}
URL_IN_TEXT = re.compile(r"""(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s"'`)<>]*""")
JS_IMPORT = re.compile(
    r"""(?:^|\s)import\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']"""
)
JS_FETCH = re.compile(r"""fetch\(\s*["'`]([^"'`]+)["'`]""")
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)|@import\s+["']([^"']+)["']""")
LOADERS_IN_VENDOR = re.compile(
    r"""importScripts\(|<script|\.src\s*=\s*["']https?:|fetch\(\s*["']https?:"""
)


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href", "action", "poster", "data") and value:
                self.found.append(value)


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200, url
        return str(response.read().decode("utf-8"))


def _is_local(reference: str) -> bool:
    parsed = urlparse(reference)
    if parsed.scheme == "data":
        return True  # inline, e.g. the empty favicon
    return not parsed.scheme and not parsed.netloc and not reference.startswith("//")


def test_served_page_and_assets_reference_no_external_url(
    explorer_server: ExplorerServer,
) -> None:
    page_url = f"{explorer_server.url}/explore/"
    html = _get(page_url)
    parser = _References()
    parser.feed(html)
    assert parser.found, "the page references its scripts and stylesheet"
    assert [r for r in parser.found if not _is_local(r)] == []
    assert URL_IN_TEXT.findall(html) == []

    queue = [urljoin(page_url, r) for r in parser.found if not r.startswith(("#", "data:"))]
    seen: set[str] = set()
    ours = 0
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        text = _get(url)
        path = urlparse(url).path
        if "/vendor/" in path:
            # Minified third-party code: only licence comments carry URLs; nothing loads one.
            assert LOADERS_IN_VENDOR.findall(text) == [], url
            continue
        ours += 1
        external = [u for u in URL_IN_TEXT.findall(text) if u not in NAMESPACES]
        assert external == [], url
        # imports and CSS urls resolve against their file, fetch() against the page
        references: list[tuple[str, str]] = []
        if path.endswith(".js"):
            references += [(url, a or b) for a, b in JS_IMPORT.findall(text)]
            references += [(page_url, r) for r in JS_FETCH.findall(text)]
        elif path.endswith(".css"):
            references += [(url, a or b) for a, b in CSS_URL.findall(text)]
        assert [r for _, r in references if not _is_local(r)] == [], url
        queue += [urljoin(base, r) for base, r in references if "${" not in r]
    served = {urlparse(u).path for u in seen}
    for asset in (
        "/explore/explorer.css",
        "/explore/js/main.js",
        "/explore/js/mapview.js",
        "/explore/vendor/cytoscape.min.js",
        "/explore/vendor/cytoscape-fcose.js",
        "/explore/style/network-style.json",
        "/explore/geo/sahel-admin1.geojson",
    ):
        assert asset in served
    assert ours >= 10


def test_a_session_requests_nothing_outside_the_server(
    explorer: Explorer, explorer_server: ExplorerServer
) -> None:
    explorer.open("?actor=actor:jnim&depth=2&end=2023-10")
    explorer.page.click("#view-map")
    explorer.settle()
    origin = urlparse(explorer_server.url).netloc
    hosts = {urlparse(u).netloc for u in explorer.requests if not u.startswith("data:")}
    assert hosts == {origin}
    paths = {urlparse(u).path for u in explorer.requests}
    assert "/graphql" in paths
    assert "/explore/geo/sahel-admin1.geojson" in paths
    assert explorer.errors == []
