"""FalkorDB, embedded (a child server per data directory) or external (`falkordb://`).

FalkorDB runs each statement atomically but has no multi-statement transactions. A
transaction here therefore buffers its writes and commits them at the end of the block:
first every statement is compiled with GRAPH.EXPLAIN (syntax and semantic errors surface
before anything runs), then all run inside one MULTI/EXEC, which no other client can
interleave with. A block that raises sends nothing. What this cannot undo is a statement
that compiles but fails while running after an earlier one in the same commit ran; the
loaders keep each logical batch in one statement, which FalkorDB does apply atomically.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import redis.asyncio as aioredis
import redis.exceptions
from falkordb.asyncio import FalkorDB

from graph.dialect import FALKORDB
from graph.embedded import EmbeddedServer, ServerAddress
from graph.schema import INDEXES, check_label
from graph.store.base import (
    ConstraintViolation,
    GraphStore,
    Params,
    ReadOnlyViolation,
    Record,
    StoreError,
    Transaction,
    current_read_timeout,
)
from graph.store.values import plain

GRAPH_NAME = "sahelkg"
SOCKET_TIMEOUT_S = 600.0
"""redis-py's default (5 s) is shorter than a large batch or an analytics read can take."""


class FalkorTransaction(Transaction):
    """Buffers writes; `FalkorStore.transaction` commits them together."""

    def __init__(self) -> None:
        self.statements: list[tuple[str, Params | None]] = []

    async def write(self, cypher: str, params: Params | None = None) -> None:
        self.statements.append((cypher, params))


class FalkorStore(GraphStore):
    """The store over a FalkorDB server reached through a redis connection pool."""

    engine = "falkordb"
    dialect = FALKORDB

    def __init__(self, pool: aioredis.ConnectionPool, server: EmbeddedServer | None) -> None:
        super().__init__()
        self._pool = pool
        self._server = server
        try:
            self._db = FalkorDB(connection_pool=pool)
        except (redis.exceptions.RedisError, OSError) as exc:
            raise StoreError(f"FalkorDB does not answer: {exc}") from None
        self._graph = self._db.select_graph(GRAPH_NAME)

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    async def open_embedded(cls, data_dir: Path) -> FalkorStore:
        """Start or join the server that serves `data_dir`."""
        server = EmbeddedServer(data_dir)
        address = server.acquire()
        try:
            store = cls(_pool_for(address), server)
            await store.ping()
        except BaseException:
            server.release()
            raise
        return store

    @classmethod
    async def open_remote(cls, host: str, port: int, password: str | None) -> FalkorStore:
        """Connect to an external FalkorDB server."""
        pool = aioredis.BlockingConnectionPool(
            host=host,
            port=port,
            password=password,
            max_connections=16,
            timeout=None,
            socket_timeout=SOCKET_TIMEOUT_S,
        )
        try:
            store = cls(pool, None)
            await store.ping()
        except StoreError:
            await pool.disconnect()
            raise
        return store

    async def ping(self) -> None:
        """Fail with StoreError unless the server answers; make sure the graph key exists.

        FalkorDB answers every read on a graph that was never written with an error, so
        the graph is created up front (an empty graph) and reads behave the same always.
        """
        self.round_trips += 1
        try:
            await self._db.connection.ping()
        except (redis.exceptions.RedisError, OSError) as exc:
            raise StoreError(f"FalkorDB does not answer: {exc}") from None
        await self.write("RETURN 1")

    @property
    def server(self) -> EmbeddedServer | None:
        return self._server

    # -- statements ------------------------------------------------------------------------

    async def read(self, cypher: str, params: Params | None = None) -> list[Record]:
        self.round_trips += 1
        try:
            limit = current_read_timeout()
            timeout_ms = max(1, int(limit * 1000)) if limit else None
            result = await self._graph.ro_query(cypher, _params(params), timeout=timeout_ms)
        except redis.exceptions.ResponseError as exc:
            if "empty key" in str(exc):
                return []  # the graph has never been written: every read is empty
            if "read-only" in str(exc).lower() or "ro_query" in str(exc).lower():
                raise ReadOnlyViolation(f"FalkorDB refused a write in a read: {exc}") from None
            raise StoreError(f"FalkorDB: {exc}") from None
        return _records(result)

    async def write(self, cypher: str, params: Params | None = None) -> list[Record]:
        self.round_trips += 1
        try:
            result = await self._graph.query(cypher, _params(params))
        except redis.exceptions.ResponseError as exc:
            raise _store_error(f"FalkorDB: {exc}") from None
        return _records(result)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        tx = FalkorTransaction()
        yield tx
        if not tx.statements:
            return
        if len(tx.statements) == 1:
            # One statement is atomic on its own: no need to compile it twice.
            await self.write(*tx.statements[0])
            return
        texts = [self._graph._build_params_header(_params(p)) + c for c, p in tx.statements]
        for text in texts:
            self.round_trips += 1
            try:
                await self._db.connection.execute_command("GRAPH.EXPLAIN", GRAPH_NAME, text)
            except redis.exceptions.ResponseError as exc:
                raise StoreError(f"FalkorDB rejected a statement; nothing written: {exc}") from None
        self.round_trips += 1
        async with self._db.connection.pipeline(transaction=True) as pipe:
            for text in texts:
                pipe.execute_command("GRAPH.QUERY", GRAPH_NAME, text, "--compact")
            try:
                replies = await pipe.execute(raise_on_error=False)
            except redis.exceptions.ResponseError as exc:
                raise StoreError(f"FalkorDB: {exc}") from None
        failures = [r for r in replies if isinstance(r, Exception)]
        if failures:
            raise _store_error(f"FalkorDB failed during commit: {failures[0]}")

    # -- schema ----------------------------------------------------------------------------

    async def existing_schema(self) -> list[str]:
        lines = []
        indexes = await self.read(
            "CALL db.indexes() YIELD label, properties, types RETURN label, properties, types"
        )
        for row in indexes:
            for prop in row["properties"]:
                for kind in row["types"].get(prop, []):
                    lines.append(f"{kind} :{row['label']}({prop})")
        constraints = await self.read(
            "CALL db.constraints() YIELD type, label, properties, status "
            "RETURN type, label, properties, status"
        )
        for constraint in constraints:
            props = ",".join(constraint["properties"])
            lines.append(
                f"CONSTRAINT {constraint['type']} :{constraint['label']}({props}) "
                f"{constraint['status']}"
            )
        return sorted(lines)

    async def ensure_schema(self) -> list[str]:
        have = set(await self.existing_schema())
        created: list[str] = []
        for index in INDEXES:
            label = check_label(index.label)
            if f"RANGE :{label}({index.prop})" not in have:
                await self.write(f"CREATE INDEX FOR (n:{label}) ON (n.{index.prop})")
                created.append(f"RANGE :{label}({index.prop})")
        for statement in FALKORDB.schema_statements():
            if "fulltext" not in statement:
                continue
            label = statement.split("'")[1]
            if f"FULLTEXT :{label}(search_text)" not in have:
                await self.write(statement)
                created.append(f"FULLTEXT :{label}(search_text)")
        for index in INDEXES:
            if not index.unique:
                continue
            done = any(
                line.startswith(f"CONSTRAINT UNIQUE :{index.label}({index.prop})") for line in have
            )
            if not done:
                await self._db.connection.execute_command(
                    "GRAPH.CONSTRAINT", "CREATE", GRAPH_NAME, "UNIQUE", "NODE",
                    index.label, "PROPERTIES", 1, index.prop,
                )  # fmt: skip
                created.append(f"CONSTRAINT UNIQUE :{index.label}({index.prop})")
        return created

    async def clear(self) -> None:
        self.round_trips += 1
        try:
            await self._graph.delete()
        except redis.exceptions.ResponseError as exc:
            if "empty key" not in str(exc).lower() and "invalid graph" not in str(exc).lower():
                raise StoreError(f"FalkorDB: {exc}") from None
        self._graph = self._db.select_graph(GRAPH_NAME)
        await self.write("RETURN 1")

    async def close(self) -> None:
        try:
            await self._pool.disconnect()
        finally:
            if self._server is not None:
                self._server.release()
                self._server = None


def _pool_for(address: ServerAddress) -> aioredis.ConnectionPool:
    if address.socket_path:
        return aioredis.BlockingConnectionPool(
            connection_class=aioredis.UnixDomainSocketConnection,
            path=address.socket_path,
            max_connections=16,
            timeout=None,
            socket_timeout=SOCKET_TIMEOUT_S,
        )
    return aioredis.BlockingConnectionPool(
        host="127.0.0.1",
        port=address.port or 0,
        password=address.password,
        max_connections=16,
        timeout=None,
        socket_timeout=SOCKET_TIMEOUT_S,
    )


def _store_error(message: str) -> StoreError:
    """FalkorDB answers with words, not codes: a uniqueness failure is known by them."""
    if "unique constraint violation" in message:
        return ConstraintViolation(message)
    return StoreError(message)


def _params(params: Params | None) -> dict[str, Any] | None:
    return dict(params) if params else None


def _records(result: Any) -> list[Record]:
    columns = [_text(column[1]) for column in result.header]
    return [dict(zip(columns, (plain(v) for v in row), strict=True)) for row in result.result_set]


def _text(name: str | bytes) -> str:
    return name.decode() if isinstance(name, bytes) else name
