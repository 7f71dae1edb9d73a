"""The real ASGI app over HTTP (httpx), on a real store holding the fixture graph.

The graph is loaded once per module (tests here only read, except the mutation tests,
which reload it); tokens for each role live in a private temporary file. The store is the
embedded FalkorDB; a module that sets `API_ENGINES = ENGINES` runs every test on Neo4j too
(the session's server, as the `store` fixture uses), with the same expected answers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio

from api.graphql.app import create_app
from api.graphql.settings import ApiSettings, Limits
from api.graphql.tokens import Role, TokenStore
from graph.store import GraphStore, open_store
from tests.conftest import open_neo4j
from tests.queries.conftest import load_fixture


@dataclass
class Api:
    """An httpx client on the app, with a token per role."""

    client: httpx.AsyncClient
    store: GraphStore
    tokens: dict[str, str]

    async def post(self, query: str, variables: dict[str, Any] | None = None,
                   role: str | None = "reader", **extra: Any) -> httpx.Response:  # fmt: skip
        headers = {"Authorization": f"Bearer {self.tokens[role]}"} if role else {}
        body: dict[str, Any] = {"query": query, **extra}
        if variables is not None:
            body["variables"] = variables
        return await self.client.post("/graphql", json=body, headers=headers)

    async def data(self, query: str, variables: dict[str, Any] | None = None,
                   role: str = "reader") -> Any:  # fmt: skip
        response = await self.post(query, variables, role)
        payload = response.json()
        assert response.status_code == 200, payload
        assert "errors" not in payload, payload["errors"]
        return payload["data"]

    async def errors(self, query: str, variables: dict[str, Any] | None = None,
                     role: str = "reader") -> list[dict[str, Any]]:  # fmt: skip
        payload = (await self.post(query, variables, role)).json()
        assert payload.get("errors"), payload
        return list(payload["errors"])


def make_tokens(path: Path) -> dict[str, str]:
    store = TokenStore(path)
    return {role.value: store.create(role, f"test {role.value}") for role in Role}


@pytest.fixture(scope="module")
def tokens_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("api") / "tokens.json"


@pytest.fixture(scope="module")
def module_tokens(tokens_file: Path) -> dict[str, str]:
    return make_tokens(tokens_file)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Modules opting in (`API_ENGINES`) run on each engine, one module-wide graph each."""
    engines = getattr(metafunc.module, "API_ENGINES", None)
    if engines and "api_engine" in metafunc.fixturenames:
        metafunc.parametrize("api_engine", engines, indirect=True, scope="module")


@pytest.fixture(scope="module")
def api_engine(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "falkordb"))


async def empty_store(api_engine: str, request: pytest.FixtureRequest) -> GraphStore:
    """The session's store of `api_engine`, emptied, with the schema ensured."""
    if api_engine == "neo4j":
        store: GraphStore = await open_neo4j(request.getfixturevalue("neo4j_connection"))
    else:
        store = await open_store(f"embedded:{request.getfixturevalue('embedded_dir')}")
    await store.clear()
    await store.ensure_schema()
    return store


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def graph_store(api_engine: str, request: pytest.FixtureRequest) -> AsyncIterator[GraphStore]:
    store = await empty_store(api_engine, request)
    await load_fixture(store)
    yield store
    await store.close()


def api_for(settings: ApiSettings, store: GraphStore) -> httpx.AsyncClient:
    app = create_app(settings, store=store)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def api(
    graph_store: GraphStore, tokens_file: Path, module_tokens: dict[str, str]
) -> AsyncIterator[Api]:
    settings = ApiSettings(tokens_file=tokens_file)
    async with api_for(settings, graph_store) as client:
        yield Api(client, graph_store, module_tokens)


def with_limits(settings: ApiSettings, **limits: Any) -> ApiSettings:
    return replace(settings, limits=replace(Limits(), **limits))
