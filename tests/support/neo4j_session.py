"""The test session's one Neo4j: started in the background as soon as collection shows a
test needs it (its JVM start overlaps the first tests), or `NEO4J_URI` when given.

Which tests need it: a `store` test on its `neo4j` parameter, or a test that takes
`neo4j_connection` / `neo4j_store`. They are marked `neo4j`, so `-m "not neo4j"` leaves
them out and no server starts.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from graph.store import parse_store_url
from tools.neo4j.server import Connection, RunningServer, start

NEO4J_FIXTURES = {"neo4j_connection", "neo4j_store"}
VERSION_STATEMENT = (
    "CALL dbms.components() YIELD name, versions, edition "
    "RETURN edition + ' ' + versions[0] AS version"
)


@dataclass
class Neo4jSession:
    """What this session knows about its Neo4j."""

    starting: Future[RunningServer] | None = None
    connection: Connection | None = None
    version: str | None = None
    schema_ensured: bool = False
    executor: ThreadPoolExecutor | None = field(default=None, repr=False)


SESSION = pytest.StashKey[Neo4jSession]()


def given_uri() -> str | None:
    return os.environ.get("NEO4J_URI") or None


def given_database() -> str | None:
    given = given_uri()
    return parse_store_url(given).database if given else None


def needs_neo4j(item: pytest.Item) -> bool:
    callspec = getattr(item, "callspec", None)
    engine = None
    if callspec is not None:  # the `store` fixture's engine, or the API tests' (api_engine)
        engine = callspec.params.get("store", callspec.params.get("api_engine"))
    if engine is not None:
        return bool(engine == "neo4j")
    return bool(set(getattr(item, "fixturenames", ())) & NEO4J_FIXTURES)


def start_in_background(session: Neo4jSession) -> None:
    """Start the server from the Maven jars in a thread, unless NEO4J_URI names one."""
    if given_uri() or session.starting is not None:
        return
    home = Path(tempfile.mkdtemp(prefix="sahelkg-neo4j-"))
    session.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="neo4j-start")
    session.starting = session.executor.submit(start, home)


def connect(session: Neo4jSession) -> Connection:
    """The connection, waiting for the background start if it is still under way."""
    if session.connection is None:
        given = given_uri()
        if given:
            parsed = parse_store_url(given)
            assert parsed.uri is not None and parsed.user is not None
            session.connection = Connection(parsed.uri, parsed.user, parsed.password or "")
        else:
            start_in_background(session)
            assert session.starting is not None
            session.connection = session.starting.result().connection
        session.version = server_version(session.connection)
    return session.connection


def server_version(connection: Connection) -> str:
    with GraphDatabase.driver(connection.uri, auth=(connection.user, connection.password)) as db:
        records, _, _ = db.execute_query(VERSION_STATEMENT, database_=given_database())
    return str(records[0]["version"])


def where(session: Neo4jSession) -> str:
    given = given_uri()
    if given:
        return parse_store_url(given).describe()
    return session.connection.uri if session.connection else "(not started)"


def stop(session: Neo4jSession) -> None:
    """Stop the server this session started and remove its data."""
    if session.starting is None or session.starting.exception() is not None:
        return
    server = session.starting.result()
    server.stop()
    shutil.rmtree(server.home, ignore_errors=True)
    if session.executor is not None:
        session.executor.shutdown()
    session.starting = None
