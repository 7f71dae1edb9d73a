"""DataLoaders keep store round trips bounded by a query's depth, not by its width."""

from __future__ import annotations

import pytest

from tests.api.graphql.conftest import Api
from tests.conftest import ENGINES

pytestmark = pytest.mark.asyncio(loop_scope="module")
API_ENGINES = ENGINES  # every test here runs on embedded FalkorDB and on Neo4j

TWO_LEVELS = """query($n: Int) { actors(first: $n) { edges { node {
  name allies(first: 5) { edges { node { id name } evidence { status sources { title } } } } } } } }"""

THREE_LEVELS = """query($n: Int) { actors(first: $n) { edges { node {
  name allies(first: 5) { edges { node { id name ... on Actor {
    enemies(first: 5) { edges { node { id name } evidence { sources { title } } } } } } } } } } } }"""


async def round_trips(api: Api, query: str, n: int) -> tuple[int, int]:
    """(round trips, actors at the top level) for one request."""
    before = api.store.round_trips
    data = await api.data(query, {"n": n})
    return api.store.round_trips - before, len(data["actors"]["edges"])


async def test_round_trips_grow_with_depth_not_with_width(api: Api) -> None:
    two = [await round_trips(api, TWO_LEVELS, n) for n in range(1, 10)]
    three = [await round_trips(api, THREE_LEVELS, n) for n in range(1, 10)]
    assert [actors for _, actors in two] == list(range(1, 10))
    # the response cache reads the store's version once per request (Neo4j has none)
    check = 0 if api.store.engine == "neo4j" else 1
    # actors page; relations of every actor on the page (one batch); nodes and sources
    # they name (one batch): 3 whatever the width
    assert [trips for trips, _ in two] == [3 + check] * 9
    # one level deeper adds the allies' relations and their nodes: at most 5, whatever the
    # width (fewer when a level's nodes were already loaded by an earlier level)
    assert max(trips for trips, _ in three) == 5 + check
    assert all(trips > 3 + check for trips, _ in three)
