"""Fixtures for the export tests: the seed knowledge base plus a small ACLED file loaded
once per session (through the real CLI) into an embedded store of their own, the JNIM ego
network read from it, and one headless chromium for the pictures."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.export.browser import browser
from api.export.marking import Tlp
from api.export.picture import NetworkPicture, PictureOptions, plan_network
from graph.embedded import EmbeddedServer
from queries.subgraph import Subgraph, read_ego_subgraph
from tests.api.web.catalog_answers import _in_thread

REPO_ROOT = Path(__file__).resolve().parents[3]
ACLED_FIXTURE = REPO_ROOT / "tests" / "fixtures" / "web" / "acled_central_mali.csv"
SAHELKG = [sys.executable, "-m", "api.cli"]
AS_OF = "2023-09-30"


def run_cli(args: list[str], store_url: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SAHELKG, *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "SAHELKG_STORE": store_url, **env},
    )  # fmt: skip


@pytest.fixture(scope="session")
def export_store_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("export-graph")
    server = EmbeddedServer(path)
    server.acquire()
    url = f"embedded:{path}"
    for args in (["load", "data/"], ["load-acled", str(ACLED_FIXTURE)]):
        done = run_cli(args, url)
        assert done.returncode == 0, done.stderr
    yield url
    server.release()


def read(store_url: str, work: Any) -> Any:
    """Run an async read to completion in its own thread (Playwright's sync API keeps an
    event loop busy in this one while a chromium is open)."""
    return _in_thread(store_url, work)


@pytest.fixture(scope="session")
def jnim(export_store_url: str) -> Subgraph:
    """JNIM's ego network to depth 2 as of 2023-09-30."""
    return read(export_store_url, lambda s: read_ego_subgraph(s, "actor:jnim", 2, as_of=AS_OF))  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def jnim_picture(jnim: Subgraph) -> NetworkPicture:
    options = PictureOptions(marking=Tlp.GREEN, acled_accessed="2024-01-15", depth=2)
    return plan_network(jnim, options)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with browser() as started:
        yield started
