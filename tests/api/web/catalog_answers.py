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
    edges = catalog_rows(store_url, "ego_network", actor_id=actor_id, depth=depth, as_of=as_of)
    return {actor_id} | {e.source.id for e in edges} | {e.target.id for e in edges}
