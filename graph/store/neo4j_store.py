"""Neo4j 5 through the official async driver.

Writes go through managed transactions (`execute_write`), which the driver retries on
transient errors; reads go through `execute_read`, routed to readers in a cluster and
refused by the server if they try to write. Every driver or server error leaves this module
as the project's own error (`StoreError` and its subclasses), chosen by Neo4j's error code,
never by the words of the message.
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
    NotificationDisabledClassification,
    unit_of_work,
)
from neo4j.exceptions import AuthError, DriverError, Neo4jError

from graph.dialect import NEO4J
from graph.store.base import (
    ConstraintViolation,
    GraphStore,
    Params,
    QueryTimeout,
    ReadOnlyViolation,
    Record,
    StoreError,
    Transaction,
)
from graph.store.values import plain

READ_ONLY_CODE = "Neo.ClientError.Statement.AccessMode"
"""What Neo4j answers to a write in a read transaction ("Writing in read access mode …")."""
CONSTRAINT_CODE = "Neo.ClientError.Schema.ConstraintValidationFailed"
INDEX_WAIT_S = 300


def _query(cypher: str) -> LiteralString:
    # Statement text comes from the query catalog and schema, never from values;
    # values always travel as parameters.
    return cypher


def store_error(exc: Neo4jError | DriverError) -> StoreError:
    """The project's error for a driver or server error, chosen by Neo4j's error code."""
    if isinstance(exc, Neo4jError):
        if exc.code == READ_ONLY_CODE:
            return ReadOnlyViolation(f"Neo4j refused a write in a read: {exc.message}")
        if exc.code == CONSTRAINT_CODE:
            return ConstraintViolation(f"Neo4j: constraint violated: {exc.message}")
        if "TransactionTimedOut" in (exc.code or ""):
            return QueryTimeout(f"Neo4j stopped the query at its time limit: {exc.message}")
        return StoreError(f"Neo4j: {exc.message}")
    return StoreError(f"Neo4j is unavailable: {exc}")


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
        except (Neo4jError, DriverError) as exc:
            raise store_error(exc) from None


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
        driver = AsyncGraphDatabase.driver(
            uri,
            auth=(user, password),
            # "The relationship type X does not exist" for a type our schema declares but
            # this graph has no edge of yet: noise, not news. Deprecations still show.
            notifications_disabled_classifications=[
                NotificationDisabledClassification.UNRECOGNIZED
            ],
        )
        try:
            await driver.verify_connectivity()
        except AuthError:
            await driver.close()
            raise StoreError(
                f"Neo4j at {uri} refused user {user!r}: wrong user or password "
                "(set NEO4J_USER and NEO4J_PASSWORD)"
            ) from None
        except (Neo4jError, DriverError, OSError) as exc:
            await driver.close()
            raise StoreError(f"cannot reach Neo4j at {uri}: {exc}") from None
        return cls(driver, database)

    def _session(self) -> Any:
        return self._driver.session(database=self._database)

    async def read(self, cypher: str, params: Params | None = None) -> list[Record]:
        self.round_trips += 1
        async with self._session() as session:
            try:
                limit = self.read_timeout()
                work = unit_of_work(timeout=limit)(_collect) if limit > 0 else _collect
                records: list[Record] = await session.execute_read(work, cypher, dict(params or {}))
            except (Neo4jError, DriverError) as exc:
                raise store_error(exc) from None
        return records

    async def write(self, cypher: str, params: Params | None = None) -> list[Record]:
        self.round_trips += 1
        async with self._session() as session:
            try:
                records: list[Record] = await session.execute_write(
                    _collect, cypher, dict(params or {})
                )
            except (Neo4jError, DriverError) as exc:
                raise store_error(exc) from None
        return records

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        async with self._session() as session:
            try:
                tx = await session.begin_transaction()
            except (Neo4jError, DriverError) as exc:
                raise store_error(exc) from None
            try:
                yield Neo4jTransaction(tx, self)
            except BaseException:
                await tx.rollback()
                raise
            else:
                try:
                    await tx.commit()
                except (Neo4jError, DriverError) as exc:
                    raise store_error(exc) from None
            finally:
                await tx.close()

    async def existing_schema(self) -> list[str]:
        constraints = await self.read(
            "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties "
            "RETURN name, type, labelsOrTypes, properties"
        )
        indexes = await self.read(
            "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, owningConstraint "
            "WHERE owningConstraint IS NULL AND type <> 'LOOKUP' "
            "RETURN name, type, labelsOrTypes, properties"
        )
        return sorted(
            [f"CONSTRAINT {_describe(row)}" for row in constraints]
            + [_describe(row) for row in indexes]
        )

    async def ensure_schema(self) -> list[str]:
        """Create what is missing (Neo4j DDL, `IF NOT EXISTS`) and wait until it is online."""
        before = set(await self.existing_schema())
        for statement in NEO4J.schema_statements():
            await self.write(statement)
        after = set(await self.existing_schema())
        if after != before:
            await self.write(f"CALL db.awaitIndexes({INDEX_WAIT_S})")
        return sorted(after - before)

    async def clear(self) -> None:
        """Delete every node and relationship, in batches (a big graph in one transaction
        would need its whole size in heap); indexes and constraints stay."""
        self.round_trips += 1
        async with self._session() as session:
            try:
                result = await session.run(
                    "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
                )
                await result.consume()
            except (Neo4jError, DriverError) as exc:
                raise store_error(exc) from None

    async def close(self) -> None:
        await self._driver.close()


def _describe(row: Record) -> str:
    labels = "|".join(row["labelsOrTypes"] or [])
    return f"{row['type']} {row['name']} :{labels}({','.join(row['properties'] or [])})"
