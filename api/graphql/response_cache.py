"""Whole responses to read-only operations, kept per store version so a repeated query
skips parsing, validation and execution.

The key is the exact request body (its SHA-256: document, operation name, variables and
extensions), the caller's role, the UTC date (relative dates such as a default `asOf` of
today move on at midnight) and `GraphStore.version()`, which changes after every committed
write from any process: a response read before a write is never served after it. A store
that cannot tell its version (Neo4j) caches nothing. Only a single operation that was
validated and ran as a query without any error is kept, so mutations, batches, refused
queries (depth, cost, tokens …) and timeouts are never served from here; limits are
per process and the key is the exact text, so what was once allowed stays allowed.

Bounded by entries and bytes (least recently used first out); `SAHELKG_API_RESPONSE_CACHE=0`
or `sahelkg serve --response-cache 0` turns it off.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.store.base import GraphStore

CACHEABLE = "sahelkg.cacheable"
"""Scope flag the GraphQL endpoint sets when the response may be kept."""
MAX_ENTRY_SHARE = 8
"""One response may take at most this share (1/n) of the byte budget."""


@dataclass(frozen=True)
class Stored:
    version: str
    headers: list[tuple[bytes, bytes]]
    body: bytes


class ResponseCache:
    """An LRU of response bodies, bounded by entries and total bytes, of one store version."""

    def __init__(self, max_entries: int, max_bytes: int) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.entries: OrderedDict[tuple[str, ...], Stored] = OrderedDict()
        self.bytes = 0
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple[str, ...], version: str) -> Stored | None:
        found = self.entries.get(key)
        if found is None or found.version != version:
            self.misses += 1
            return None
        self.hits += 1
        self.entries.move_to_end(key)
        return found

    def put(self, key: tuple[str, ...], stored: Stored) -> None:
        if len(stored.body) * MAX_ENTRY_SHARE > self.max_bytes:
            return
        old = self.entries.pop(key, None)
        if old is not None:
            self.bytes -= len(old.body)
        self.entries[key] = stored
        self.bytes += len(stored.body)
        while len(self.entries) > self.max_entries or self.bytes > self.max_bytes:
            _, dropped = self.entries.popitem(last=False)
            self.bytes -= len(dropped.body)


class SharedVersionReads:
    """`store.version()` shared by concurrent requests: one read serves every request that
    arrived before it started (never one that started earlier, so a write a client saw
    committed before sending its request is always seen). Under load this is one version
    round trip per batch of requests, not one per request."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.waiting: asyncio.Future[str | None] | None = None
        self.running: asyncio.Future[str | None] | None = None
        self.rounds: set[asyncio.Future[None]] = set()
        self.reads = 0

    async def current(self) -> str | None:
        if self.waiting is None:
            self.waiting = asyncio.get_running_loop().create_future()
            round_ = asyncio.ensure_future(self._round(self.waiting))
            self.rounds.add(round_)
            round_.add_done_callback(self.rounds.discard)
        return await asyncio.shield(self.waiting)

    async def _round(self, answer: asyncio.Future[str | None]) -> None:
        if self.running is not None and not self.running.done():
            await asyncio.wait({self.running})  # it may have started before our callers came
        self.waiting = None  # from here on, newcomers wait for the next read
        self.reads += 1
        try:
            self.running = read = asyncio.ensure_future(self.store.version())
            answer.set_result(await read)
        except Exception as exc:  # every waiter hears of it, none waits forever
            answer.set_exception(exc)
        except BaseException:
            answer.cancel()
            raise


def _header(scope: Scope, name: bytes) -> bytes:
    for key, value in scope["headers"]:
        if key == name:
            return bytes(value)
    return b""


class CachedResponses:
    """ASGI middleware (inside authentication) answering repeated queries from the cache."""

    def __init__(self, app: ASGIApp, cache: ResponseCache, state: dict[str, Any]) -> None:
        self.app = app
        self.cache = cache
        self.state = state
        self.versions: SharedVersionReads | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        principal = scope.get("sahelkg.principal")
        store: GraphStore | None = self.state.get("store")
        if (
            scope["type"] != "http"
            or scope["path"] != "/graphql"
            or scope["method"] != "POST"
            or principal is None
            or store is None
            or not _header(scope, b"content-type").startswith(b"application/json")
        ):
            await self.app(scope, receive, send)
            return
        body, more = await _read_body(receive)
        replay = _replay(body, more, receive)
        if self.versions is None or self.versions.store is not store:
            self.versions = SharedVersionReads(store)
        try:
            version = await self.versions.current() if not more else None
        except Exception:  # the store is unreachable: the query itself will say so
            version = None
        if version is None:
            await self.app(scope, replay, send)
            return
        key = (
            hashlib.sha256(body).hexdigest(),
            principal.role.value,
            datetime.now(UTC).date().isoformat(),
        )
        found = self.cache.get(key, version)
        if found is not None:
            await send({"type": "http.response.start", "status": 200, "headers": found.headers})
            await send({"type": "http.response.body", "body": found.body})
            return
        await self._run_and_keep(scope, replay, send, key, version)

    async def _run_and_keep(
        self, scope: Scope, receive: Receive, send: Send, key: tuple[str, ...], version: str
    ) -> None:
        start: Message | None = None
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False) and _keepable(scope, start):
                    assert start is not None
                    headers = [(bytes(k), bytes(v)) for k, v in start.get("headers", [])]
                    self.cache.put(key, Stored(version, headers, b"".join(chunks)))
            await send(message)

        await self.app(scope, receive, capture)


def _keepable(scope: Scope, start: Message | None) -> bool:
    return bool(scope.get(CACHEABLE)) and start is not None and start["status"] == 200


async def _read_body(receive: Receive) -> tuple[bytes, bool]:
    """The whole body, or (what was read, True) if the client sent something else first."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks), True
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks), False


def _replay(body: bytes, interrupted: bool, receive: Receive) -> Receive:
    """A `receive` that hands the body read already to the app, then the client's own."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            if interrupted:
                return {"type": "http.disconnect"}
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed
