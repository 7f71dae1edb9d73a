"""Serving: health, authentication and roles at the HTTP layer, body size, CORS, GraphiQL."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from api.graphql.settings import ApiSettings
from graph.store import GraphStore
from tests.api.graphql.conftest import Api, api_for, with_limits
from tests.conftest import ENGINES

pytestmark = pytest.mark.asyncio(loop_scope="module")
API_ENGINES = ENGINES  # every test here runs on embedded FalkorDB and on Neo4j


async def test_healthz_reports_the_engine(api: Api, api_engine: str) -> None:
    response = await api.client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "engine": api_engine}


async def test_no_token_is_401_with_a_clear_message(api: Api) -> None:
    response = await api.post('{ actor(id: "actor:jnim") { name } }', role=None)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json() == {
        "errors": [
            {
                "message": "send an API token as `Authorization: Bearer TOKEN` "
                "(create one with `sahelkg token create --role reader`)",
                "extensions": {"code": "unauthenticated"},
            }
        ]
    }


async def test_a_wrong_token_is_401(api: Api) -> None:
    reader = api.tokens["reader"]
    forged = reader[:-4] + ("aaaa" if not reader.endswith("aaaa") else "bbbb")
    response = await api.client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"Authorization": f"Bearer {forged}"}
    )
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "unauthenticated"


@pytest.mark.parametrize("role", ["reader", "analyst", "admin"])
async def test_every_role_can_query(api: Api, role: str) -> None:
    assert await api.data('{ actor(id: "actor:jnim") { name } }', role=role) == {
        "actor": {"name": "JNIM"}
    }


async def test_dev_mode_needs_no_token(graph_store: GraphStore, tokens_file: Path) -> None:
    async with api_for(ApiSettings(dev=True, tokens_file=tokens_file), graph_store) as client:
        response = await client.post(
            "/graphql", json={"query": '{ actor(id: "actor:cma") { name } }'}
        )
    assert response.json() == {"data": {"actor": {"name": "CMA"}}}


async def test_body_over_the_limit_is_413(
    graph_store: GraphStore, tokens_file: Path, api: Api
) -> None:
    settings = with_limits(ApiSettings(tokens_file=tokens_file), max_body_bytes=200)
    async with api_for(settings, graph_store) as client:
        padding = " " * 300
        response = await client.post(
            "/graphql",
            json={"query": "{ __typename }" + padding},
            headers={"Authorization": f"Bearer {api.tokens['reader']}"},
        )
    assert response.status_code == 413
    assert response.json()["errors"][0] == {
        "message": "request body is larger than 200 bytes",
        "extensions": {"code": "body_too_large"},
    }


async def test_cors_is_off_by_default_and_on_when_configured(
    api: Api, graph_store: GraphStore, tokens_file: Path
) -> None:
    headers = {"Origin": "https://example.org", "Access-Control-Request-Method": "POST"}
    response = await api.client.options("/graphql", headers=headers)
    assert "access-control-allow-origin" not in response.headers
    settings = ApiSettings(tokens_file=tokens_file, cors_origins=("https://example.org",))
    async with api_for(settings, graph_store) as client:
        allowed = await client.options("/graphql", headers=headers)
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://example.org"


async def test_access_log_is_one_json_line_per_request(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    import json

    caplog.set_level("INFO", logger="sahelkg.access")
    await api.data('{ actor(id: "actor:jnim") { name } }')
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "sahelkg.access"]
    assert len(lines) == 1
    line = lines[0]
    assert {k: line[k] for k in ("event", "method", "path", "status")} == {
        "event": "request", "method": "POST", "path": "/graphql", "status": 200,
    }  # fmt: skip
    assert len(line["token_id"]) == 8 and line["duration_ms"] > 0


CDN_HOSTS = ("unpkg", "jsdelivr", "cdnjs", "esm.sh", "googleapis", "gstatic", "skypack")
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")


async def test_graphiql_page_loads_only_local_files(api: Api) -> None:
    page = await api.client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "GraphiQL" in page.text
    assets = EXTERNAL.findall(page.text)
    assert sorted(assets) == [
        "/graphql/static/graphiql-start.js",
        "/graphql/static/vendor/graphiql.min.css",
        "/graphql/static/vendor/graphiql.min.js",
        "/graphql/static/vendor/react-dom.production.min.js",
        "/graphql/static/vendor/react.production.min.js",
    ]
    for asset in assets:
        assert not urlparse(asset).netloc, asset
        served = await api.client.get(asset)
        assert served.status_code == 200, asset
        text = served.text
        # Nothing the page runs loads code, styles or fonts from elsewhere: no CDN hosts,
        # no absolute URLs in script/link/import/url() positions.
        hosts = {urlparse(url).netloc for url in re.findall(r"https?://[A-Za-z0-9.-]+", text)}
        assert not {h for h in hosts if any(cdn in h for cdn in CDN_HOSTS)}, asset
        assert not re.search(r"""fetch\(\s*["']https?://""", text), asset
        assert not re.search(r"""import\s*\(\s*["']https?://""", text), asset
        assert not re.search(r"""url\(\s*["']?https?://""", text), asset
        assert not re.search(r"""\.src\s*=\s*["']https?://""", text), asset
    start = (await api.client.get("/graphql/static/graphiql-start.js")).text
    assert 'window.location.origin + "/graphql"' in start
