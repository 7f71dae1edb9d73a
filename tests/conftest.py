"""Fixtures: every store test runs on both real engines, embedded FalkorDB and Neo4j.

`store` is parametrised by engine, so each test that takes it (directly or through `kg`,
`seed`, …) runs twice with the same expected answers. One embedded FalkorDB server and one
Neo4j server serve the whole session; each test gets its own store handle on an emptied
graph with the schema ensured.

Neo4j is Neo4j Community from its Maven jars, started by `tools/neo4j/` (built by
`make neo4j`) the first time a Neo4j test needs it. With `NEO4J_URI` set (for example
`neo4j://neo4j:PASSWORD@localhost:7687`), that server is used instead — and emptied by the
tests, so never point it at a database you care about.
"""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from graph.embedded import EmbeddedServer
from graph.store import GraphStore, open_store, parse_store_url
from graph.store.neo4j_store import Neo4jStore
from tools.neo4j.server import Connection, start

REPO_ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("falkordb", "neo4j")
NEO4J_VERSION_STATEMENT = (
    "CALL dbms.components() YIELD name, versions, edition "
    "RETURN edition + ' ' + versions[0] AS version"
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


@pytest.fixture(scope="session")
def neo4j_connection(
    tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config
) -> Iterator[Connection]:
    """The session's Neo4j: `NEO4J_URI` if given, else one started from the Maven jars."""
    given = os.environ.get("NEO4J_URI")
    if given:
        parsed = parse_store_url(given)
        assert parsed.uri is not None and parsed.user is not None
        yield Connection(parsed.uri, parsed.user, parsed.password or "")
        return
    server = start(tmp_path_factory.mktemp("neo4j"))
    pytestconfig.stash[NEO4J_STARTED] = server.connection.uri
    yield server.connection
    server.stop()


async def open_neo4j(connection: Connection) -> Neo4jStore:
    given = os.environ.get("NEO4J_URI")
    database = parse_store_url(given).database if given else None
    return await Neo4jStore.open(connection.uri, connection.user, connection.password, database)


@pytest.fixture(params=ENGINES)
async def store(request: pytest.FixtureRequest) -> AsyncIterator[GraphStore]:
    """Each real engine in turn, emptied, with the schema ensured."""
    if request.param == "falkordb":
        opened: GraphStore = await open_store(request.getfixturevalue("embedded_url"))
        await opened.clear()
        await opened.ensure_schema()
    else:
        opened = await open_neo4j(request.getfixturevalue("neo4j_connection"))
        await opened.clear()
        if NEO4J_SCHEMA not in request.config.stash:  # clear() keeps Neo4j's schema
            await opened.ensure_schema()
            await _record_neo4j_version(request.config, opened)
            request.config.stash[NEO4J_SCHEMA] = True
    yield opened
    await opened.close()


@pytest.fixture
def engine_store(store: GraphStore) -> GraphStore:
    """The same as `store` (the name the store contract suite was written with)."""
    return store


# -- what the run says about Neo4j -------------------------------------------------------

NEO4J_STARTED = pytest.StashKey[str]()
NEO4J_VERSION = pytest.StashKey[str]()
NEO4J_SCHEMA = pytest.StashKey[bool]()
ON_NEO4J = re.compile(r"[\[-]neo4j[\]-]")


async def _record_neo4j_version(config: pytest.Config, store: GraphStore) -> None:
    if NEO4J_VERSION not in config.stash:
        [row] = await store.read(NEO4J_VERSION_STATEMENT)
        config.stash[NEO4J_VERSION] = str(row["version"])


def pytest_report_header(config: pytest.Config) -> str:
    given = os.environ.get("NEO4J_URI")
    if given:
        return f"engines: embedded FalkorDB, Neo4j at {parse_store_url(given).describe()}"
    pom = (REPO_ROOT / "tools" / "neo4j" / "pom.xml").read_text()
    pinned = pom.split("<neo4j.version>")[1].split("<")[0]
    return (
        f"engines: embedded FalkorDB, Neo4j Community {pinned} from Maven "
        "(tools/neo4j, started once on first use)"
    )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    config = terminalreporter.config
    if NEO4J_VERSION not in config.stash:
        return
    passed = sum(
        1 for report in terminalreporter.stats.get("passed", []) if ON_NEO4J.search(report.nodeid)
    )
    given = os.environ.get("NEO4J_URI")
    where = parse_store_url(given).describe() if given else config.stash[NEO4J_STARTED]
    terminalreporter.write_line(
        f"Neo4j {config.stash[NEO4J_VERSION]} at {where}: {passed} Neo4j tests passed"
    )
