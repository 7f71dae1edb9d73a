"""A store wrapper that records every write a load sends, to replay them on the engine alone.

`RecordingStore` passes everything through to the real store and keeps, per transaction
(or single write), the exact (statement, parameters) pairs. `replay` sends the same
transactions to another fresh store: the time it takes is what the engine (and its client)
needs for the load's writes, without parsing, resolving or batch assembly.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from graph.store.base import GraphStore, Params, Record, Transaction
from graph.store.delegating import DelegatingStore

Statement = tuple[str, Params | None]


class _RecordingTransaction(Transaction):
    def __init__(self, inner: Transaction, log: list[Statement]) -> None:
        self.inner = inner
        self.log = log

    async def write(self, cypher: str, params: Params | None = None) -> None:
        self.log.append((cypher, params))
        await self.inner.write(cypher, params)


class RecordingStore(DelegatingStore):
    """Delegates to `inner`; `transactions` holds each committed write group in order."""

    def __init__(self, inner: GraphStore) -> None:
        super().__init__(inner)
        self.transactions: list[list[Statement]] = []

    async def write(self, cypher: str, params: Params | None = None) -> list[Record]:
        self.transactions.append([(cypher, params)])
        return await self.inner.write(cypher, params)

    def transaction(self) -> AbstractAsyncContextManager[Transaction]:
        return self._transaction()

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[Transaction]:
        log: list[Statement] = []
        async with self.inner.transaction() as tx:
            yield _RecordingTransaction(tx, log)
        if log:
            self.transactions.append(log)


async def replay(store: GraphStore, transactions: list[list[Statement]]) -> dict[str, Any]:
    """Send the recorded transactions to `store` (schema ensured first, not timed)."""
    await store.ensure_schema()
    started = time.perf_counter()
    for group in transactions:
        async with store.transaction() as tx:
            for cypher, params in group:
                await tx.write(cypher, params)
    return {"seconds": time.perf_counter() - started, "transactions": len(transactions),
            "statements": sum(len(group) for group in transactions)}  # fmt: skip
