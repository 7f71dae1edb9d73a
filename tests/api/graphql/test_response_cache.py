"""The whole-response cache: repeated queries answered without running them, never across a
write, a role, a mutation, a batch or a refused query; bounded; off on Neo4j and when asked."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import pytest_asyncio

from api.graphql.response_cache import ResponseCache, SharedVersionReads, Stored
from api.graphql.settings import ApiSettings
from graph.store import GraphStore
from tests.api.graphql.conftest import Api, api_for, with_limits
from tests.conftest import ENGINES

pytestmark = pytest.mark.asyncio(loop_scope="module")
API_ENGINES = ENGINES  # on Neo4j (no store version) nothing may be kept

NAME = '{ actor(id: "actor:jnim") { name aliases } }'
RENAME = """mutation($name: String!) { updateActor(input: {id: "actor:jnim", name: $name,
  source: {id: "source:test"}, reason: "cache test"}) { node { id } } }"""


def cache_of(api: Api) -> ResponseCache:
    transport = api.client._transport
    assert isinstance(transport, httpx.ASGITransport)
    cache: ResponseCache = transport.app.state.response_cache  # type: ignore[attr-defined]
    return cache


def caches(api: Api) -> bool:
    return api.store.engine != "neo4j"


async def test_a_repeated_query_is_answered_from_the_cache(api: Api) -> None:
    cache = cache_of(api)
    before = (cache.hits, len(cache.entries))
    first = await api.post(NAME)
    trips = api.store.round_trips
    again = await api.post(NAME)
    assert again.status_code == 200 and again.json() == first.json()
    assert again.headers["content-type"] == first.headers["content-type"]
    if caches(api):
        assert (cache.hits - before[0], len(cache.entries) - before[1]) == (1, 1)
        assert api.store.round_trips - trips == 1  # the version read, nothing else
    else:
        assert (cache.hits, len(cache.entries)) == (0, 0)


async def test_a_write_is_seen_by_the_next_identical_query(api: Api) -> None:
    original = (await api.data(NAME))["actor"]["name"]
    assert (await api.data(NAME))["actor"]["name"] == original
    await api.data(RENAME, {"name": "JNIM renamed"}, role="analyst")
    assert (await api.data(NAME))["actor"]["name"] == "JNIM renamed"
    await api.data(RENAME, {"name": original}, role="analyst")
    assert (await api.data(NAME))["actor"]["name"] == original


async def test_mutations_are_never_replayed_from_the_cache(api: Api) -> None:
    cache = cache_of(api)
    entries = len(cache.entries)
    alias = """mutation { addAlias(input: {actorId: "actor:isgs", alias: "ISGS-cache",
      reason: "cache test", source: {id: "source:test"}}) { node { ... on Actor { aliases } } } }"""
    edits = '{ history(id: "actor:isgs") { action } }'
    before = len((await api.data(edits))["history"])
    first = await api.data(alias, role="analyst")
    again = await api.data(alias, role="analyst")
    assert again == first
    assert len((await api.data(edits))["history"]) == before + 2
    # only the history read is kept (one body: its second answer replaced the first)
    assert len(cache.entries) - entries == (1 if caches(api) else 0)


async def test_roles_do_not_share_entries(api: Api) -> None:
    cache = cache_of(api)
    entries = len(cache.entries)
    kind = '{ actor(id: "actor:isgs") { kind } }'
    for role in ("reader", "analyst", "admin", "reader"):
        assert await api.data(kind, role=role) == {"actor": {"kind": "JIHADIST_GROUP"}}
    assert len(cache.entries) - entries == (3 if caches(api) else 0)
    assert {key[1] for key in list(cache.entries)[-3:]} == (
        {"reader", "analyst", "admin"} if caches(api) else set()
    )


async def test_a_refused_query_stays_refused(api: Api) -> None:
    nested = "relationships(first: 2) { edges { node { ... on Actor { " * 4
    deep = f'{{ actor(id: "actor:jnim") {{ {nested} name {"} } } } " * 4} }} }}'
    for _ in range(2):
        [error] = await api.errors(deep)
        assert error["extensions"]["code"] == "depth_exceeded"
    pages = """query($n: Int) { actors(first: $n) { edges { node {
        allies(first: $n) { edges { node { id } } } } } } }"""
    for _ in range(2):  # allowed, then answered from the cache
        assert len((await api.data(pages, {"n": 5}))["actors"]["edges"]) == 5
    for _ in range(2):  # the same document with other variables is another key
        [error] = await api.errors(pages, {"n": 100})
        assert (error["extensions"]["code"], error["extensions"]["cost"]) == (
            "cost_exceeded",
            30_301,
        )


async def test_batches_and_errors_are_not_kept(api: Api) -> None:
    cache = cache_of(api)
    entries = len(cache.entries)
    batch = [{"query": NAME}, {"query": '{ actor(id: "actor:isgs") { name } }'}]
    for _ in range(2):
        response = await api.client.post(
            "/graphql", json=batch, headers={"Authorization": f"Bearer {api.tokens['reader']}"}
        )
        assert response.status_code == 200 and len(response.json()) == 2
    await api.errors(
        '{ path(fromId: "actor:jnim", toId: "actor:nowhere") { confidence { value } } }'
    )
    assert len(cache.entries) == entries


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def uncached(
    graph_store: GraphStore, tokens_file: Path, module_tokens: dict[str, str]
) -> AsyncIterator[Api]:
    settings = ApiSettings(tokens_file=tokens_file, response_cache_entries=0)
    async with api_for(with_limits(settings), graph_store) as client:
        yield Api(client, graph_store, module_tokens)


async def test_off_when_asked(uncached: Api) -> None:
    for _ in range(2):
        assert (await uncached.data(NAME))["actor"]["name"]
    cache = cache_of(uncached)
    assert (cache.hits, cache.misses, len(cache.entries)) == (0, 0, 0)


async def test_bounded_by_entries_and_bytes() -> None:
    cache = ResponseCache(max_entries=3, max_bytes=800)

    def stored(size: int) -> Stored:
        return Stored("v1", [], b"x" * size)

    for n in range(5):
        cache.put((str(n),), stored(50))
    assert list(cache.entries) == [("2",), ("3",), ("4",)]
    assert cache.get(("2",), "v1") is not None  # now the most recent
    cache.put(("5",), stored(100))
    assert list(cache.entries) == [("4",), ("2",), ("5",)]
    cache.put(("big",), stored(101))  # over 1/8 of the byte budget: never kept
    assert ("big",) not in cache.entries and cache.bytes == 200
    assert cache.get(("5",), "v2") is None  # another store version


async def test_concurrent_requests_share_one_version_read(api: Api) -> None:
    versions = SharedVersionReads(api.store)
    together = await asyncio.gather(*(versions.current() for _ in range(20)))
    assert versions.reads == 1 and len(set(together)) == 1
    await api.data(RENAME, {"name": "JNIM again"}, role="analyst")
    after = await versions.current()
    assert versions.reads == 2
    assert (after == together[0]) is (not caches(api))  # Neo4j: None before and after
    await api.data(RENAME, {"name": "JNIM"}, role="analyst")
