"""Networks, presence and measures kept per store, keyed by what they were read with and
the store's version, so the influence entries do not re-read and re-measure the same
window (influence, brokers and communities of one window share one read and one measure).

The key is (what, window and floors, dataset, weighting, measure options, store version).
`GraphStore.version()` changes after every committed write from any process, so an entry
read before a write is never served after it. A store that cannot tell its version (None)
caches nothing. Cached graphs are frozen: a caller that wants to edit one copies it.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, TypeVar

from graph.store.base import GraphStore, Params, Record

T = TypeVar("T")

MAX_ENTRIES = 32
"""Per store; the oldest goes first. A 300k-incident network is a few MB."""


class ReadCache:
    """One store's cached reads, all of one store version."""

    def __init__(self) -> None:
        self.version: str | None = None
        self.entries: OrderedDict[Hashable, Any] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def at(self, version: str) -> None:
        """Drop everything read at another version."""
        if version != self.version:
            self.entries.clear()
            self.version = version


_CACHES: weakref.WeakKeyDictionary[GraphStore, ReadCache] = weakref.WeakKeyDictionary()


def cache_of(store: GraphStore) -> ReadCache:
    found = _CACHES.get(store)
    if found is None:
        found = _CACHES[store] = ReadCache()
    return found


async def cached(store: GraphStore, key: Hashable, compute: Callable[[], Awaitable[T]]) -> T:
    """`compute()`'s answer for `key` at the store's current version, computed at most once
    per version. The version is taken before computing: a write during the computation
    moves the version on, so what was computed is never served for the newer data."""
    version = await store.version()
    if version is None:
        return await compute()
    cache = cache_of(store)
    cache.at(version)
    if key in cache.entries:
        cache.hits += 1
        cache.entries.move_to_end(key)
        found: T = cache.entries[key]
        return found
    cache.misses += 1
    value = await compute()
    if cache.version == version:  # not if a concurrent reader has seen a newer version
        cache.entries[key] = value
        while len(cache.entries) > MAX_ENTRIES:
            cache.entries.popitem(last=False)
    return value


def _hashable(value: Any) -> Hashable:
    if isinstance(value, list | tuple):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    hashable: Hashable = value
    return hashable


def params_key(params: Params) -> Hashable:
    """Statement parameters as part of a cache key (lists and dicts made hashable)."""
    return _hashable(dict(params))


async def cached_read(store: GraphStore, cypher: str, params: Params) -> list[Record]:
    """`store.read(cypher, params)`, cached per store version; callers must not edit the
    records (they are shared with later callers)."""

    async def read() -> list[Record]:
        return await store.read(cypher, params)

    return await cached(store, ("read", cypher, params_key(params)), read)
