"""Fixtures: a real embedded FalkorDB for every test, and Neo4j too when NEO4J_URI is set.

One embedded server serves the whole session (a session-long lease keeps it up); each test
gets its own store handle on an emptied graph.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from graph.embedded import EmbeddedServer
from graph.store import GraphStore, open_store

REPO_ROOT = Path(__file__).resolve().parent.parent
UNRUN: list[str] = []
"""Tests skipped because the seed newsletters are absent (reported once at the end)."""


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "needs_seeds: reads the seed newsletters (../shared/seeds)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    from tests.support.seeds import SKIP_REASON, missing_seeds

    if not missing_seeds():
        return
    for item in items:
        if item.get_closest_marker("needs_seeds"):
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))
            UNRUN.append(item.nodeid)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from tests.support.seeds import SKIP_REASON

    if UNRUN:
        terminalreporter.write_line(
            f"{len(UNRUN)} tests could not run: {SKIP_REASON}", yellow=True, bold=True
        )


@pytest.fixture(scope="session")
def embedded_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A data directory whose server lives for the whole session."""
    path = tmp_path_factory.mktemp("graph")
    server = EmbeddedServer(path)
    server.acquire()
    yield path
    server.release()


@pytest.fixture
def embedded_url(embedded_dir: Path) -> str:
    return f"embedded:{embedded_dir}"


@pytest.fixture
async def store(embedded_url: str) -> AsyncIterator[GraphStore]:
    """The embedded engine, emptied, with the schema ensured."""
    opened = await open_store(embedded_url)
    await opened.clear()
    await opened.ensure_schema()
    yield opened
    await opened.close()


def _engines() -> list[object]:
    reason = "NEO4J_URI is not set: the Neo4j run of the contract suite is skipped"
    neo4j = pytest.param(
        "neo4j", marks=pytest.mark.skipif(not os.environ.get("NEO4J_URI"), reason=reason)
    )
    return ["falkordb", neo4j]


@pytest.fixture(params=_engines())
async def engine_store(
    request: pytest.FixtureRequest, embedded_url: str
) -> AsyncIterator[GraphStore]:
    """Each real engine in turn: embedded FalkorDB always, Neo4j when NEO4J_URI is set."""
    url = embedded_url if request.param == "falkordb" else os.environ["NEO4J_URI"]
    opened = await open_store(url)
    await opened.clear()
    await opened.ensure_schema()
    yield opened
    await opened.clear()
    await opened.close()
