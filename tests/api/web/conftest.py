"""Fixtures for the explorer's browser tests: a real `sahelkg serve` on the seed knowledge
base and Debian's chromium driven by Playwright for Python.

The server runs in a subprocess on 127.0.0.1 with a free port, on its own embedded store in
a temporary directory (loaded once per session with `sahelkg load data/` and a small ACLED
file of central-Mali incidents), in local development mode (no token). Every request the
page makes is recorded, so tests can check that nothing leaves the served origin.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Request, sync_playwright

from api.web import missing_vendor_scripts
from graph.embedded import EmbeddedServer

REPO_ROOT = Path(__file__).resolve().parents[3]
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "web"
CHROMIUM = Path(os.environ.get("SAHELKG_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = REPO_ROOT / "build" / "screenshots"
SAHELKG = [sys.executable, "-m", "api.cli"]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _run(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(
        [*SAHELKG, *args], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    if done.returncode != 0:
        raise RuntimeError(f"sahelkg {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")


def _wait_healthy(url: str, server: subprocess.Popen[str], log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            output = log.read_text(encoding="utf-8")
            raise RuntimeError(f"sahelkg serve exited with {server.returncode}:\n{output}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise RuntimeError(f"sahelkg serve did not answer {url}/healthz within {seconds} s")


@dataclass(frozen=True)
class ExplorerServer:
    """A running `sahelkg serve`: its base URL and the store it serves."""

    url: str
    store_url: str


@pytest.fixture(scope="session")
def explorer_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ExplorerServer]:
    """A running `sahelkg serve` over the seed knowledge base."""
    missing = missing_vendor_scripts()
    if missing:
        raise RuntimeError(f"explorer scripts not built ({', '.join(missing)}): run `make web`")
    home = tmp_path_factory.mktemp("explorer")
    # One embedded server for the session: the loads and `sahelkg serve` join it.
    lease = EmbeddedServer(home / "graph")
    lease.acquire()
    store_url = f"embedded:{home / 'graph'}"
    env = {
        **os.environ,
        "SAHELKG_STORE": store_url,
        "SAHELKG_API_DEV": "1",
        "SAHELKG_TOKENS_FILE": str(home / "tokens.json"),
    }
    try:
        _run(["load", "data/"], env)
        _run(["load-acled", str(FIXTURES / "acled_central_mali.csv")], env)
    except BaseException:
        lease.release()
        raise
    port = _free_port()
    log = (home / "serve.log").open("w")
    server = subprocess.Popen(
        [*SAHELKG, "serve", "--dev", "--host", "127.0.0.1", "--port", str(port)],
        cwd=REPO_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, server, home / "serve.log")
        yield ExplorerServer(url, store_url)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
        lease.release()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's chromium (from `make browser`), headless; Playwright downloads nothing.

    Module-scoped on purpose: Playwright's sync API keeps an event loop marked as running
    on this thread while it is open, which would break every asyncio test after it.
    """
    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} not found: run `make browser` (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        yield launched
        launched.close()


@dataclass
class Explorer:
    """One page of the explorer, with every request it made and every error it raised."""

    page: Page
    base_url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, query: str = "") -> None:
        self.page.goto(f"{self.base_url}/explore/{query}")
        self.page.wait_for_function("document.body.dataset.ready === 'true'")
        self.settle()

    def settle(self) -> None:
        """Wait until the page's queued work (queries, layout, drawing) has finished."""
        self.page.evaluate(
            "async () => { let s; do { s = window.explorer.settled; await s; } while (s !== window.explorer.settled); }"
        )

    def state(self, expression: str) -> object:
        return self.page.evaluate(f"() => {{ const x = window.explorer; return {expression}; }}")

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path


@pytest.fixture
def explorer(browser: Browser, explorer_server: ExplorerServer) -> Iterator[Explorer]:
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    opened = Explorer(page, explorer_server.url)

    def record(request: Request) -> None:
        opened.requests.append(request.url)

    page.on("request", record)
    page.on("pageerror", lambda error: opened.errors.append(str(error)))
    yield opened
    context.close()
