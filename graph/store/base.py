"""The one store protocol every engine implements, and the parts they share.

Async-first because the API serves many requests on one event loop; the CLI drives it
with `asyncio.run`. Records come back as plain dicts of plain values (nodes and edges as
property dicts), so nothing above the store ever sees an engine's own types.
"""

from __future__ import annotations

import abc
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
    Mapping,
)
from contextlib import AbstractAsyncContextManager, asynccontextmanager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from itertools import islice
from typing import Any

from graph.dialect import Dialect

Record = dict[str, Any]
Params = Mapping[str, Any]
Statement = tuple[str, Params | None]

DEFAULT_BATCH_SIZE = 2000

_READ_TIMEOUT: ContextVar[float | None] = ContextVar("sahelkg_read_timeout", default=None)


@contextmanager
def read_timeout(seconds: float | None) -> Iterator[None]:
    """Reads inside this block ask the engine itself to stop after `seconds`.

    The API sets it per request, so a runaway query is stopped in the database, not only
    abandoned by the client. Both engines take it: FalkorDB's query TIMEOUT, Neo4j's
    transaction timeout.
    """
    token = _READ_TIMEOUT.set(seconds)
    try:
        yield
    finally:
        _READ_TIMEOUT.reset(token)


def current_read_timeout() -> float | None:
    return _READ_TIMEOUT.get()


class StoreError(RuntimeError):
    """A statement failed on the engine; the message names the engine's complaint."""


class ReadOnlyViolation(StoreError):
    """A write was sent through a read-only path."""


class ConstraintViolation(StoreError):
    """A write broke a uniqueness constraint (two nodes of a label with the same `id`)."""


class QueryTimeout(StoreError):
    """A read ran past its time limit and was stopped; the message names the limit."""


def chunked(rows: Iterable[Mapping[str, Any]], size: int) -> Iterator[list[Mapping[str, Any]]]:
    """Split `rows` into lists of at most `size`, streaming (never materialises `rows`)."""
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


async def write_in_batches(
    write: Callable[[str, Params], Awaitable[object]],
    cypher: str,
    rows: Iterable[Mapping[str, Any]],
    batch_size: int,
) -> int:
    """Send `rows` through `write` as `$rows`, `batch_size` at a time; returns rows sent."""
    sent = 0
    for batch in chunked(rows, batch_size):
        await write(cypher, {"rows": batch})
        sent += len(batch)
    return sent


class Transaction(abc.ABC):
    """Writes that land together or not at all."""

    @abc.abstractmethod
    async def write(self, cypher: str, params: Params | None = None) -> None:
        """Queue or run one write statement inside the transaction."""

    async def write_batches(
        self, cypher: str, rows: Iterable[Mapping[str, Any]], batch_size: int = DEFAULT_BATCH_SIZE
    ) -> int:
        """Run `cypher` (which must `UNWIND $rows`) once per batch; returns rows sent."""
        return await write_in_batches(self.write, cypher, rows, batch_size)


class BufferedTransaction(Transaction):
    """Keeps the statements written to it, in order, for someone to send later."""

    def __init__(self) -> None:
        self.statements: list[Statement] = []

    async def write(self, cypher: str, params: Params | None = None) -> None:
        self.statements.append((cypher, params))


@dataclass(frozen=True)
class PreparedWrites:
    """One transaction's statements, and what the engine will be sent for them (FalkorDB:
    each statement's text with its parameters written in; other engines: nothing extra)."""

    statements: tuple[Statement, ...]
    texts: tuple[str, ...] = ()


class GraphStore(abc.ABC):
    """A graph database the project can read from and write to."""

    engine: str
    dialect: Dialect

    def __init__(self) -> None:
        self.round_trips = 0
        self.default_timeout_s: float = 0.0
        """Reads stop after this many seconds (0: no limit) unless `timeout()` says otherwise."""

    @contextmanager
    def timeout(self, seconds: float) -> Iterator[None]:
        """Reads inside this block (in this task) stop after `seconds` (0: no limit)."""
        with read_timeout(seconds):
            yield

    def read_timeout(self) -> float:
        """The limit that applies to a read started now, in seconds (0: none)."""
        chosen = _READ_TIMEOUT.get()
        return self.default_timeout_s if chosen is None else chosen

    @asynccontextmanager
    async def writing(self, purpose: str) -> AsyncIterator[None]:
        """Hold the store's writer lock for a whole write command (engines that need one)."""
        yield

    async def version(self) -> str | None:
        """A token that changes after every committed write, from any process, or None
        when the engine cannot tell (then nothing derived from reads may be cached)."""
        return None

    @abc.abstractmethod
    async def read(self, cypher: str, params: Params | None = None) -> list[Record]:
        """Run a read-only statement; the engine refuses writes."""

    @abc.abstractmethod
    async def write(self, cypher: str, params: Params | None = None) -> list[Record]:
        """Run one write statement in its own transaction."""

    @abc.abstractmethod
    def transaction(self) -> AbstractAsyncContextManager[Transaction]:
        """Writes inside commit together when the block exits, or not at all if it raises."""

    def prepare(self, statements: Iterable[Statement]) -> PreparedWrites:
        """Do the sending side's own work for a transaction ahead of `commit`, so a loader
        can do it while the engine is still busy with the transaction before."""
        return PreparedWrites(tuple(statements))

    async def commit(self, prepared: PreparedWrites) -> None:
        """Send a prepared transaction: its statements land together or not at all."""
        async with self.transaction() as tx:
            for cypher, params in prepared.statements:
                await tx.write(cypher, params)

    @abc.abstractmethod
    async def ensure_schema(self) -> list[str]:
        """Create missing indexes and constraints; returns what was created (empty if none)."""

    @abc.abstractmethod
    async def existing_schema(self) -> list[str]:
        """Describe the indexes and constraints the engine has now, one line each."""

    @abc.abstractmethod
    async def clear(self) -> None:
        """Delete every node and relationship (tests and `sahelkg reset`)."""

    @abc.abstractmethod
    async def close(self) -> None:
        """Release connections (and, for the embedded engine, the server lease)."""

    async def write_batches(
        self, cypher: str, rows: Iterable[Mapping[str, Any]], batch_size: int = DEFAULT_BATCH_SIZE
    ) -> int:
        """Run `cypher` (which must `UNWIND $rows`) once per batch, each batch atomic."""
        return await write_in_batches(self.write, cypher, rows, batch_size)

    async def __aenter__(self) -> GraphStore:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
