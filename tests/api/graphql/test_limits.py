"""Every limit, with the error a client sees: depth, aliases, tokens, cost, page size,
batching, timeout, introspection and suggestions in production, masking, cursors."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import pytest_asyncio

from api.graphql.settings import ApiSettings
from graph.store import GraphStore
from tests.api.graphql.conftest import Api, api_for, with_limits
from tests.conftest import ENGINES

pytestmark = pytest.mark.asyncio(loop_scope="module")
API_ENGINES = ENGINES  # every test here runs on embedded FalkorDB and on Neo4j


def code_of(payload: dict[str, object]) -> str:
    errors = payload["errors"]
    assert isinstance(errors, list)
    return str(errors[0]["extensions"]["code"])


async def test_depth_limit(api: Api) -> None:
    nested = "relationships(first: 2) { edges { node { ... on Actor { " * 4
    closing = "} } } } " * 4
    query = f'{{ actor(id: "actor:jnim") {{ {nested} name {closing} }} }}'
    [error] = await api.errors(query)
    assert error["extensions"]["code"] == "depth_exceeded"
    assert error["message"] == "'anonymous' exceeds maximum operation depth of 10"
    shallow = '{ actor(id: "actor:jnim") { relationships { edges { node { name } } } } }'
    assert (await api.data(shallow))["actor"]["relationships"]["edges"]


async def test_alias_limit(api: Api) -> None:
    aliases = " ".join(f'a{i}: actor(id: "actor:jnim") {{ name }}' for i in range(16))
    [error] = await api.errors(f"{{ {aliases} }}")
    assert error["extensions"]["code"] == "aliases_exceeded"
    assert error["message"] == "16 aliases found. Allowed: 15"
    fifteen = " ".join(f'a{i}: actor(id: "actor:jnim") {{ name }}' for i in range(15))
    assert len(await api.data(f"{{ {fifteen} }}")) == 15


async def test_token_limit(api: Api) -> None:
    fields = " ".join(["name"] * 2000)
    [error] = await api.errors(f'{{ actor(id: "actor:jnim") {{ {fields} }} }}')
    assert error["extensions"]["code"] == "tokens_exceeded"
    assert error["message"] == (
        "Syntax Error: Document contains more than 2000 tokens. Parsing aborted."
    )


async def test_cost_limit_from_page_sizes(api: Api) -> None:
    query = """{ actors(first: 100) { edges { node {
        relationships(first: 100) { edges { node { id } } } } } } }"""
    [error] = await api.errors(query)
    assert error["extensions"]["code"] == "cost_exceeded"
    assert error["extensions"]["maximum"] == 10_000
    assert error["extensions"]["cost"] == 30_301
    assert error["message"].startswith("query cost 30301 is over the limit of 10000")
    small = "{ actors(first: 5) { edges { node { relationships(first: 5) { edges { node { id } } } } } } }"
    assert len((await api.data(small))["actors"]["edges"]) == 5


async def test_cost_counts_variables(api: Api) -> None:
    query = """query($n: Int) { actors(first: $n) { edges { node {
        allies(first: $n) { edges { node { id } } } } } } }"""
    [error] = await api.errors(query, {"n": 100})
    assert error["extensions"]["code"] == "cost_exceeded"


async def test_page_size_limit(api: Api) -> None:
    [error] = await api.errors("{ actors(first: 101) { edges { node { id } } } }")
    assert error["extensions"] == {
        "code": "page_size_exceeded", "field": "first", "maximum": 100,
    }  # fmt: skip
    assert error["message"] == "first is 101; a page holds at most 100"
    [error] = await api.errors('{ search(text: "a", first: 500) { totalCount } }')
    assert error["extensions"]["code"] == "page_size_exceeded"
    [error] = await api.errors('{ egoNetwork(actorId: "actor:jnim", maxEdges: 101) { truncated } }')
    assert error["message"] == "maxEdges is 101; at most 100"


async def test_first_and_last_together_is_invalid(api: Api) -> None:
    [error] = await api.errors("{ actors(first: 1, last: 1) { edges { node { id } } } }")
    assert error["extensions"]["code"] == "invalid_parameter"
    assert error["message"] == "give first or last, not both"


async def test_cursor_of_another_list_is_refused(api: Api) -> None:
    page = await api.data("{ regions(first: 1) { pageInfo { endCursor } } }")
    cursor = page["regions"]["pageInfo"]["endCursor"]
    [error] = await api.errors(
        "query($c: String) { actors(after: $c) { edges { node { id } } } }", {"c": cursor}
    )
    assert error["extensions"]["code"] == "invalid_cursor"
    [error] = await api.errors('{ actors(after: "garbage!") { edges { node { id } } } }')
    assert error["extensions"]["code"] == "invalid_cursor"


async def test_batching_up_to_five_operations(api: Api) -> None:
    one = {"query": '{ actor(id: "actor:jnim") { name } }'}
    headers = {"Authorization": f"Bearer {api.tokens['reader']}"}
    ok = await api.client.post("/graphql", json=[one] * 5, headers=headers)
    assert ok.status_code == 200
    assert ok.json() == [{"data": {"actor": {"name": "JNIM"}}}] * 5
    refused = await api.client.post("/graphql", json=[one] * 6, headers=headers)
    assert refused.status_code == 400
    assert "Too many operations" in refused.text


async def test_introspection_and_suggestions_off_in_production(api: Api) -> None:
    errors = await api.errors("{ __schema { types { name } } }")
    assert {e["extensions"]["code"] for e in errors} == {"introspection_disabled"}
    assert errors[0]["message"] == (
        "GraphQL introspection has been disabled, but the requested query contained the "
        "field '__schema'."
    )
    [error] = await api.errors('{ actor(id: "actor:jnim") { nam } }')
    assert error["message"] == "Cannot query field 'nam' on type 'Actor'."
    assert error["extensions"]["code"] == "invalid_query"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def dev_client(
    graph_store: GraphStore, tokens_file: Path
) -> AsyncIterator[httpx.AsyncClient]:
    async with api_for(ApiSettings(dev=True, tokens_file=tokens_file), graph_store) as client:
        yield client


async def test_introspection_and_suggestions_on_in_dev(dev_client: httpx.AsyncClient) -> None:
    schema = await dev_client.post(
        "/graphql", json={"query": "{ __schema { queryType { name } } }"}
    )
    assert schema.json() == {"data": {"__schema": {"queryType": {"name": "Query"}}}}
    typo = await dev_client.post("/graphql", json={"query": '{ actor(id: "actor:jnim") { nam } }'})
    assert typo.json()["errors"][0]["message"] == (
        "Cannot query field 'nam' on type 'Actor'. Did you mean 'name'?"
    )


async def test_timeout_stops_the_query(
    graph_store: GraphStore, tokens_file: Path, api: Api
) -> None:
    settings = with_limits(ApiSettings(tokens_file=tokens_file), timeout_s=0.000001)
    async with api_for(settings, graph_store) as client:
        response = await client.post(
            "/graphql",
            json={"query": '{ egoNetwork(actorId: "actor:jnim") { nodeCount } }'},
            headers={"Authorization": f"Bearer {api.tokens['reader']}"},
        )
    assert response.json() == {
        "data": None,
        "errors": [
            {
                "message": "the query took longer than 1e-06 s and was stopped",
                "extensions": {"code": "timeout", "timeout_s": 1e-06},
            }
        ],
    }


async def test_unexpected_errors_are_masked_outside_debug(
    graph_store: GraphStore, tokens_file: Path, api: Api
) -> None:
    broken = '{ actor(id: "actor:jnim") { allies(asOf: "2023") { edges { node { id } } } } }'
    query = broken
    headers = {"Authorization": f"Bearer {api.tokens['reader']}"}
    store = _FailingStore(graph_store)
    async with api_for(ApiSettings(tokens_file=tokens_file), store) as client:  # type: ignore[arg-type]
        masked = (await client.post("/graphql", json={"query": query}, headers=headers)).json()
    assert masked["errors"][0]["message"] == "Unexpected error."
    assert masked["errors"][0]["extensions"] == {"code": "internal_error"}
    debug = ApiSettings(tokens_file=tokens_file, debug=True)
    async with api_for(debug, store) as client:  # type: ignore[arg-type]
        shown = (await client.post("/graphql", json={"query": query}, headers=headers)).json()
    assert shown["errors"][0]["message"] == "a bug in a resolver"


class _FailingStore:
    """A real store whose relation reads hit a programming error (a bug, not bad input)."""

    def __init__(self, inner: GraphStore) -> None:
        self._inner = inner
        self.engine = inner.engine
        self.dialect = inner.dialect

    async def read(self, cypher: str, params: object = None) -> object:
        if "actor_ids" in cypher:
            raise ZeroDivisionError("a bug in a resolver")
        return await self._inner.read(cypher, params)  # type: ignore[arg-type]
