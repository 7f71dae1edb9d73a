"""A store that passes everything to another, for wrappers that watch or slow what goes
through (the benchmarks' recording store, the tests' held-back commits).

`prepare` and `commit` are not passed on: the base class sends a commit through this
store's own `transaction`, so a wrapper that watches transactions sees every write.
"""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager

from graph.store.base import GraphStore, Params, Record, Transaction


class DelegatingStore(GraphStore):
    """Every statement and every schema or life-cycle call goes to `inner`."""

    def __init__(self, inner: GraphStore) -> None:
        super().__init__()
        self.inner = inner
        self.engine = inner.engine
        self.dialect = inner.dialect

    async def read(self, cypher: str, params: Params | None = None) -> list[Record]:
        return await self.inner.read(cypher, params)

    async def write(self, cypher: str, params: Params | None = None) -> list[Record]:
        return await self.inner.write(cypher, params)

    def transaction(self) -> AbstractAsyncContextManager[Transaction]:
        return self.inner.transaction()

    async def ensure_schema(self) -> list[str]:
        return await self.inner.ensure_schema()

    async def existing_schema(self) -> list[str]:
        return await self.inner.existing_schema()

    async def clear(self) -> None:
        await self.inner.clear()

    async def close(self) -> None:
        await self.inner.close()
