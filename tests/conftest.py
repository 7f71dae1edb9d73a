"""Fixtures: every store test runs on both real engines, embedded FalkorDB and Neo4j.

`store` is parametrised by engine, so each test that takes it (directly or through `kg`,
`seed`, …) runs twice with the same expected answers. One embedded FalkorDB server and one
Neo4j server serve the whole session; each test gets its own store handle on an emptied
graph with the schema ensured.

Neo4j is Neo4j Community from its Maven jars, started by `tools/neo4j/` (built by
`make neo4j`) in the background once collection shows a test needs it. With `NEO4J_URI`
set (for example `neo4j://neo4j:PASSWORD@localhost:7687`), that server is used instead —
and emptied by the tests, so never point it at a database you care about.
`pytest -m "not neo4j"` runs the FalkorDB side alone.
"""

from __future__ import annotations

import signal
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from graph.embedded import EmbeddedServer
from graph.store import GraphStore, open_store, parse_store_url
from graph.store.neo4j_store import Neo4jStore
from tests.support import neo4j_session
from tests.support.neo4j_session import SESSION, Neo4jSession
from tools.neo4j.server import Connection

REPO_ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("falkordb", "neo4j")

pytest_plugins = ["tests.support.bigload"]  # the session's big generated inputs
UNRUN: list[str] = []
"""Tests skipped because the seed newsletters are absent (reported once at the end)."""


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
def neo4j_connection(pytestconfig: pytest.Config) -> Connection:
    """The session's Neo4j: `NEO4J_URI` if given, else the one started from the Maven jars."""
    return neo4j_session.connect(pytestconfig.stash[SESSION])


async def open_neo4j(connection: Connection) -> Neo4jStore:
    database = neo4j_session.given_database()
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
        session = request.config.stash[SESSION]
        if not session.schema_ensured:  # clear() keeps Neo4j's schema
            await opened.ensure_schema()
            session.schema_ensured = True
    yield opened
    await opened.close()


@pytest.fixture
async def neo4j_store(neo4j_connection: Connection) -> AsyncIterator[Neo4jStore]:
    """Neo4j alone, emptied, for what only Neo4j has (its DDL, its error codes)."""
    opened = await open_neo4j(neo4j_connection)
    await opened.clear()
    await opened.ensure_schema()
    yield opened
    await opened.close()


@pytest.fixture
def engine_store(store: GraphStore) -> GraphStore:
    """The same as `store` (the name the store contract suite was written with)."""
    return store


# -- the session's Neo4j: marked tests, a background start, the version in the output ----


def pytest_configure(config: pytest.Config) -> None:
    config.stash[SESSION] = Neo4jSession()
    # A suite started in the background (`make test &`) inherits an ignored SIGINT, and so
    # would every CLI it starts: the Ctrl-C tests need the default a terminal gives.
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    config.addinivalue_line("markers", "needs_seeds: reads the seed newsletters (../shared/seeds)")


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    from tests.support.seeds import SKIP_REASON, missing_seeds

    seeds_missing = missing_seeds()
    for item in items:
        if neo4j_session.needs_neo4j(item):
            item.add_marker(pytest.mark.neo4j)
        if seeds_missing and item.get_closest_marker("needs_seeds"):
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))
            UNRUN.append(item.nodeid)


def pytest_collection_finish(session: pytest.Session) -> None:
    if any(item.get_closest_marker("neo4j") for item in session.items):
        neo4j_session.start_in_background(session.config.stash[SESSION])


def pytest_sessionfinish(session: pytest.Session) -> None:
    neo4j_session.stop(session.config.stash[SESSION])


def pytest_report_header(config: pytest.Config) -> str:
    given = neo4j_session.given_uri()
    if given:
        return f"engines: embedded FalkorDB, Neo4j at {parse_store_url(given).describe()}"
    pom = (REPO_ROOT / "tools" / "neo4j" / "pom.xml").read_text()
    pinned = pom.split("<neo4j.version>")[1].split("<")[0]
    return f"engines: embedded FalkorDB, Neo4j Community {pinned} from Maven (tools/neo4j)"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from tests.support.seeds import SKIP_REASON

    if UNRUN:
        terminalreporter.write_line(
            f"{len(UNRUN)} tests could not run: {SKIP_REASON}", yellow=True, bold=True
        )
    session = terminalreporter.config.stash[SESSION]
    if session.version is None:
        return
    outcomes = {
        outcome: sum(1 for r in terminalreporter.stats.get(outcome, []) if "neo4j" in r.keywords)
        for outcome in ("passed", "failed", "skipped")
    }
    terminalreporter.write_line(
        f"Neo4j {session.version} at {neo4j_session.where(session)}: "
        f"{outcomes['passed']} Neo4j tests passed, {outcomes['failed']} failed, "
        f"{outcomes['skipped']} skipped"
    )
