"""Neo4j 5 through the official async driver.

Writes go through managed transactions (`execute_write`), which the driver retries on
transient errors; reads go through `execute_read`, routed to readers in a cluster and
refused by the server if they try to write.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, LiteralString

from neo4j import (
    AsyncDriver,
    AsyncGraphDatabase,
    AsyncManagedTransaction,
    AsyncTransaction,
    unit_of_work,
)
from neo4j.exceptions import ClientError, Neo4jError, ServiceUnavailable

from graph.dialect import NEO4J
from graph.store.base import (
    GraphStore,
    Params,
    ReadOnlyViolation,
    Record,
    StoreError,
    Transaction,
    current_read_timeout,
)
from graph.store.values import plain


def _query(cypher: str) -> LiteralString:
    # Statement text comes from the query catalog and schema, never from values;
    # values always travel as parameters.
    return cypher


async def _collect(
    tx: AsyncManagedTransaction, cypher: str, params: dict[str, Any]
) -> list[Record]:
    result = await tx.run(_query(cypher), params)
    return [{key: plain(record[key]) for key in record.keys()} async for record in result]  # noqa: SIM118 - a Record iterates values


class Neo4jTransaction(Transaction):
    """An explicit driver transaction: rolled back if the block raises."""

    def __init__(self, tx: AsyncTransaction, store: Neo4jStore) -> None:
        self._tx = tx
        self._store = store

    async def write(self, cypher: str, params: Params | None = None) -> None:
        self._store.round_trips += 1
        try:
            result = await self._tx.run(_query(cypher), dict(params or {}))
            await result.consume()
        except Neo4jError as exc:
            raise StoreError(f"Neo4j: {exc.message}") from None


class Neo4jStore(GraphStore):
    """The store over a Neo4j 5 server or cluster."""

    engine = "neo4j"
    dialect = NEO4J

    def __init__(self, driver: AsyncDriver, database: str | None) -> None:
        super().__init__()
        self._driver = driver
        self._database = database

    @classmethod
    async def open(
        cls, uri: str, user: str, password: str, database: str | None = None
    ) -> Neo4jStore:
        driver = AsyncGraphDatabase.driver(uri, auth=(user, password))
        try:
            await driver.verify_connectivity()
        except (Neo4jError, ServiceUnavailable, OSError) as exc:
            await driver.close()
            raise StoreError(f"cannot reach Neo4j at {uri}: {exc}") from None
        return cls(driver, database)

    def _session(self) -> Any:
        return self._driver.session(database=self._database)

    async def read(self, cypher: str, params: Params | None = None) -> list[Record]:
        self.round_trips += 1
        async with self._session() as session:
            try:
                limit = current_read_timeout()
                work = unit_of_work(timeout=limit)(_collect) if limit else _collect
                records: list[Record] = await session.execute_read(work, cypher, dict(params or {}))
            except ClientError as exc:
                # "Writing in read access mode not allowed" (Neo.ClientError.Statement.AccessMode)
                if "AccessMode" in (exc.code or ""):
                    raise ReadOnlyViolation(
                        f"Neo4j refused a write in a read: {exc.message}"
                    ) from None
                raise StoreError(f"Neo4j: {exc.message}") from None
            except Neo4jError as exc:
                raise StoreError(f"Neo4j: {exc.message}") from None
        return records

    async def write(self, cypher: str, params: Params | None = None) -> list[Record]:
        self.round_trips += 1
        async with self._session() as session:
            try:
                records: list[Record] = await session.execute_write(
                    _collect, cypher, dict(params or {})
                )
            except Neo4jError as exc:
                raise StoreError(f"Neo4j: {exc.message}") from None
        return records

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        async with self._session() as session:
            tx = await session.begin_transaction()
            try:
                yield Neo4jTransaction(tx, self)
            except BaseException:
                await tx.rollback()
                raise
            else:
                await tx.commit()
            finally:
                await tx.close()

    async def existing_schema(self) -> list[str]:
        rows = await self.read(
            "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, owningConstraint "
            "RETURN name, type, labelsOrTypes, properties, owningConstraint"
        )
        return sorted(
            f"{'CONSTRAINT' if r['owningConstraint'] else r['type']} {r['name']} "
            f":{'|'.join(r['labelsOrTypes'] or [])}({','.join(r['properties'] or [])})"
            for r in rows
            if r["type"] != "LOOKUP"
        )

    async def ensure_schema(self) -> list[str]:
        before = set(await self.existing_schema())
        for statement in NEO4J.schema_statements():
            await self.write(statement)
        after = set(await self.existing_schema())
        return sorted(after - before)

    async def clear(self) -> None:
        await self.write("MATCH (n) DETACH DELETE n")

    async def close(self) -> None:
        await self._driver.close()
