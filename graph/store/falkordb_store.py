"""FalkorDB, embedded (a child server per data directory) or external (`falkordb://`).

FalkorDB runs each statement atomically but has no multi-statement transactions. A
transaction here therefore buffers its writes and commits them at the end of the block:
first every statement is compiled with GRAPH.EXPLAIN (syntax and semantic errors surface
before anything runs), then they run one after another. A block that raises sends nothing.

Why not MULTI/EXEC: redis replays a MULTI block from its journal as one unit, and a long
write inside one crashed the server on restart (`!server.in_exec`), leaving a store that
could not be reopened. Each statement is instead atomic on its own and idempotent (MERGE
on `id`), so a batch cut short by a crash is completed by re-running the load, and one
writer at a time (`writing`) keeps loads from interleaving.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import redis.asyncio as aioredis
import redis.exceptions
from falkordb.asyncio import FalkorDB

from graph.dialect import FALKORDB
from graph.embedded import EmbeddedServer
from graph.embedded_config import ServerLimits
from graph.embedded_process import ServerAddress
from graph.schema import INDEXES, check_label
from graph.store.base import (
    BufferedTransaction,
    GraphStore,
    Params,
    PreparedWrites,
    QueryTimeout,
    ReadOnlyViolation,
    Record,
    Statement,
    StoreError,
    Transaction,
)
from graph.store.falkordb_params import statement_text
from graph.store.falkordb_replies import changed_graph, records, store_error, text_of
from graph.writelock import WriterLock

GRAPH_NAME = "sahelkg"
VERSION_KEY = "sahelkg:version"
"""A counter beside the graph, bumped after every write statement (`FalkorStore.version`)."""
SOCKET_TIMEOUT_S = 600.0
"""redis-py's default (5 s) is shorter than a large batch or an analytics read can take."""


POOL_SIZE = 32
"""Connections per process: one per concurrent request of a busy API worker (32 clients)
without waiting for a free one; the server runs them on its own thread pool."""


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
        self.limits = ServerLimits.from_environment()
        self.default_timeout_s = self.limits.query_timeout_s

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    async def open_embedded(cls, data_dir: Path, create: bool = True) -> FalkorStore:
        """Start or join the server that serves `data_dir` (a new store only if `create`)."""
        server = EmbeddedServer(data_dir, create=create)
        address = await asyncio.to_thread(server.acquire)
        try:
            store = cls(_pool_for(address), server)
            await store.ping()
        except BaseException:
            await asyncio.to_thread(server.release)
            raise
        return store

    @classmethod
    async def open_remote(cls, host: str, port: int, password: str | None) -> FalkorStore:
        """Connect to an external FalkorDB server."""
        pool = aioredis.BlockingConnectionPool(
            host=host,
            port=port,
            password=password,
            max_connections=POOL_SIZE,
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

    @asynccontextmanager
    async def writing(self, purpose: str) -> AsyncIterator[None]:
        """One writing process per embedded store (see `graph.writelock`)."""
        if self._server is None:
            yield
            return
        lock = WriterLock(self._server.data_dir, purpose)
        await asyncio.to_thread(lock.acquire)
        try:
            yield
        finally:
            lock.release()

    # -- statements ------------------------------------------------------------------------

    async def read(self, cypher: str, params: Params | None = None) -> list[Record]:
        self.round_trips += 1
        limit = self.read_timeout()
        timeout_ms = max(1, int(limit * 1000)) if limit > 0 else None
        try:
            result = await self._graph.ro_query(statement_text(cypher, params), None,
                                                timeout=timeout_ms)  # fmt: skip
        except redis.exceptions.ResponseError as exc:
            if "empty key" in str(exc):
                return []  # the graph has never been written: every read is empty
            if "read-only" in str(exc).lower() or "ro_query" in str(exc).lower():
                raise ReadOnlyViolation(f"FalkorDB refused a write in a read: {exc}") from None
            if "timed out" in str(exc).lower():
                raise QueryTimeout(
                    f"the query was stopped at its time limit of {limit:g} s (set another "
                    "with --timeout SECONDS or SAHELKG_QUERY_TIMEOUT; 0 means no limit)"
                ) from None
            raise self._engine_error(exc) from None
        except (redis.exceptions.ConnectionError, OSError) as exc:
            raise self._lost(exc, "a read") from None
        return records(result)

    async def write(self, cypher: str, params: Params | None = None) -> list[Record]:
        result = await self._send_write(statement_text(cypher, params))
        if changed_graph(result):
            await self._bump_version()
        return records(result)

    async def _send_write(self, text: str) -> Any:
        self.round_trips += 1
        try:
            return await self._graph.query(text)
        except redis.exceptions.ResponseError as exc:
            raise self._engine_error(exc) from None
        except (redis.exceptions.ConnectionError, OSError) as exc:
            raise self._lost(exc, "a write (it was not acknowledged)") from None

    async def _bump_version(self) -> None:
        try:
            await self._db.connection.incr(VERSION_KEY)
        except (redis.exceptions.RedisError, OSError) as exc:
            raise self._lost(exc, "marking a write") from None

    async def version(self) -> str | None:
        """The server's run id (a restart or restore changes it) and the write counter, so
        every process sharing the server sees every other's writes."""
        self.round_trips += 1
        try:
            async with self._db.connection.pipeline(transaction=False) as pipe:
                pipe.info("server")
                pipe.get(VERSION_KEY)
                info, count = await pipe.execute()
        except (redis.exceptions.RedisError, OSError) as exc:
            raise self._lost(exc, "a version check") from None
        return f"{info.get('run_id')}:{text_of(count) if count is not None else 0}"

    def _engine_error(self, exc: redis.exceptions.ResponseError) -> StoreError:
        text = str(exc)
        if "mem consumption exceeded" in text.lower():
            return StoreError(
                f"FalkorDB stopped the query: it needed more than "
                f"{self.limits.query_memory_mb} MB (SAHELKG_QUERY_MEMORY_MB)"
            )
        if text.startswith("OOM") or "maxmemory" in text:
            return StoreError(
                f"the store is full: it reached its memory cap of {self.limits.max_memory_mb} MB "
                "(SAHELKG_MAX_MEMORY_MB); nothing of this statement was written"
            )
        return store_error(f"FalkorDB: {text}")

    def _lost(self, exc: BaseException, during: str) -> StoreError:
        """The server went away mid-statement: say why, from its log, when we can tell."""
        where = ""
        if self._server is not None:
            tail = self._server._log_tail(40)
            reason = next((line.split("#", 1)[-1].strip() for line in reversed(tail.splitlines())
                           if "No space left" in line or "AOF write error" in line
                           or "Error writing to the AOF" in line), None)  # fmt: skip
            where = f" ({reason})" if reason else f"; see {self._server.log_file}"
        return StoreError(
            f"the FalkorDB server stopped answering during {during}: {exc}{where}. Batches "
            "reported written before this are on disk; re-run the load to finish it"
        )

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        tx = BufferedTransaction()
        yield tx
        if tx.statements:
            await self.commit(self.prepare(tx.statements))

    def prepare(self, statements: Iterable[Statement]) -> PreparedWrites:
        """Each statement's text with its parameters written in: the client's CPU work,
        done once (the compile check and the run send the same text)."""
        kept = tuple(statements)
        return PreparedWrites(kept, tuple(statement_text(c, p) for c, p in kept))

    async def commit(self, prepared: PreparedWrites) -> None:
        texts = prepared.texts or self.prepare(prepared.statements).texts
        if len(texts) > 1:  # one statement is atomic on its own: no need to compile it twice
            for text in texts:
                self.round_trips += 1
                try:
                    await self._db.connection.execute_command("GRAPH.EXPLAIN", GRAPH_NAME, text)
                except redis.exceptions.ResponseError as exc:
                    raise StoreError(
                        f"FalkorDB rejected a statement; nothing written: {exc}"
                    ) from None
        changed = False
        try:
            for text in texts:
                changed = changed_graph(await self._send_write(text)) or changed
        except BaseException:
            if changed:  # what did land is marked, as a full transaction is
                with contextlib.suppress(StoreError):
                    await self._bump_version()
            raise
        if changed:  # one mark for the whole transaction
            await self._bump_version()

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
        """Create what is missing; what another process created meanwhile counts as there."""
        have = set(await self.existing_schema())
        created: list[str] = []
        for index in INDEXES:
            label = check_label(index.label)
            line = f"RANGE :{label}({index.prop})"
            if line not in have and await self._create(
                "GRAPH.QUERY", f"CREATE INDEX FOR (n:{label}) ON (n.{index.prop})"
            ):
                created.append(line)
        for statement in FALKORDB.schema_statements():
            if "fulltext" not in statement:
                continue
            fulltext_label = statement.split("'")[1]
            line = f"FULLTEXT :{fulltext_label}(search_text)"
            if line not in have and await self._create("GRAPH.QUERY", statement):
                created.append(line)
        for index in INDEXES:
            line = f"CONSTRAINT UNIQUE :{index.label}({index.prop})"
            if not index.unique or any(have_line.startswith(line) for have_line in have):
                continue
            if await self._create("GRAPH.CONSTRAINT", "CREATE", GRAPH_NAME, "UNIQUE", "NODE",
                                  index.label, "PROPERTIES", 1, index.prop):  # fmt: skip
                created.append(line)
        return created

    async def _create(self, command: str, *args: object) -> bool:
        """Run one DDL command; False when it already existed (a concurrent creator won)."""
        self.round_trips += 1
        full = (command, GRAPH_NAME, *args) if command == "GRAPH.QUERY" else (command, *args)
        try:
            await self._db.connection.execute_command(*full)
        except redis.exceptions.ResponseError as exc:
            if "already indexed" in str(exc) or "already exists" in str(exc):
                return False
            raise self._engine_error(exc) from None
        return True

    async def clear(self) -> None:
        self.round_trips += 1
        try:
            await self._graph.delete()
        except redis.exceptions.ResponseError as exc:
            if "empty key" not in str(exc).lower() and "invalid graph" not in str(exc).lower():
                raise StoreError(f"FalkorDB: {exc}") from None
        await self._bump_version()
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
            max_connections=POOL_SIZE,
            timeout=None,
            socket_timeout=SOCKET_TIMEOUT_S,
        )
    return aioredis.BlockingConnectionPool(
        host="127.0.0.1",
        port=address.port or 0,
        password=address.password,
        max_connections=POOL_SIZE,
        timeout=None,
        socket_timeout=SOCKET_TIMEOUT_S,
    )
