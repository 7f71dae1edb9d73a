"""What the catalog says, for the browser tests to compare the page against.

The page reads the GraphQL API; these helpers ask the catalog directly, on the same store
the server uses, so a test can check that the picture shows exactly the catalog's answer.
They run in a worker thread with their own event loop (Playwright's sync API owns the
test thread's loop).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from graph.store import GraphStore, open_store
from queries.catalog import run_named
from queries.nodes import nodes_by_ids

T = TypeVar("T")


def _in_thread(store_url: str, work: Callable[[GraphStore], Awaitable[T]]) -> T:
    async def run() -> T:
        store = await open_store(store_url)
        try:
            return await work(store)
        finally:
            await store.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, run()).result()


def catalog_rows(store_url: str, name: str, **params: Any) -> list[Any]:
    """The rows of one catalog entry."""

    async def work(store: GraphStore) -> list[Any]:
        return await run_named(store, name, **params)

    return _in_thread(store_url, work)


def ego_node_ids(store_url: str, actor_id: str, depth: int, as_of: str) -> set[str]:
    """Every node of the catalog's ego network (the centre included)."""
    rows = catalog_rows(store_url, "ego_network", actor_id=actor_id, depth=depth, as_of=as_of)
    return {actor_id} | {r.from_id for r in rows} | {r.to_id for r in rows}


def source_names(store_url: str, ids: list[str]) -> dict[str, str]:
    """Source id → its title (the node's name)."""

    async def work(store: GraphStore) -> dict[str, str]:
        found = await nodes_by_ids(store, ids)
        return {node_id: str(record["name"]) for node_id, (_, record) in found.items()}

    return _in_thread(store_url, work)
