"""GraphQL download links through the real ASGI app over HTTP: the field returns a URL,
the URL (with the same token) returns the file, drawn by the export code."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import networkx as nx
import pytest
from PIL import Image

from api.graphql.app import create_app
from api.graphql.settings import ApiSettings
from api.graphql.tokens import Role, TokenStore
from graph.store import open_store

LINK = """query($centre: ID!, $format: ExportFormat!) {
  networkExport(centre: $centre, depth: 1, asOf: "2023-10-01", format: $format, tlp: GREEN) {
    url filename mediaType format
  }
}"""


@pytest.fixture
async def client(
    export_store_url: str, tmp_path: Path
) -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    tokens = tmp_path / "tokens.json"
    reader = TokenStore(tokens).create(Role.READER, "export test")
    store = await open_store(export_store_url)
    app = create_app(ApiSettings(tokens_file=tokens), store=store)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test", timeout=120) as http:
        yield http, reader
    await store.close()


async def test_network_link_downloads_a_gexf_of_the_alliance(
    client: tuple[httpx.AsyncClient, str],
) -> None:
    http, token = client
    auth = {"Authorization": f"Bearer {token}"}
    answer = await http.post("/graphql", json={"query": LINK, "variables": {
        "centre": "alliance:alliance-of-sahel-states", "format": "GEXF"}}, headers=auth)  # fmt: skip
    link = answer.json()["data"]["networkExport"]
    assert link == {
        "url": "/graphql/export/network.gexf?centre=alliance%3Aalliance-of-sahel-states&depth=1"
        "&as_of=2023-10-01&tlp=GREEN&lang=en",
        "filename": "network.gexf",
        "mediaType": "application/gexf+xml",
        "format": "gexf",
    }
    assert (await http.get(link["url"])).status_code == 401
    download = await http.get(link["url"], headers=auth)
    assert download.status_code == 200
    assert download.headers["content-disposition"] == 'attachment; filename="network.gexf"'
    graph = nx.read_gexf(io.BytesIO(download.content))
    members = {
        a
        for a, b, d in graph.edges(data=True)
        if b == "alliance:alliance-of-sahel-states" and d["relationship"] == "MEMBER_OF"
    }
    assert members == {
        "actor:government-of-mali",
        "actor:government-of-niger",
        "actor:government-of-burkina-faso",
    }


async def test_png_link_is_drawn_by_chromium(client: tuple[httpx.AsyncClient, str]) -> None:
    http, token = client
    auth = {"Authorization": f"Bearer {token}"}
    answer = await http.post(
        "/graphql",
        json={"query": LINK, "variables": {"centre": "actor:jnim", "format": "PNG"}},
        headers=auth,
    )
    download = await http.get(answer.json()["data"]["networkExport"]["url"], headers=auth)
    assert download.status_code == 200 and download.headers["content-type"] == "image/png"
    with Image.open(io.BytesIO(download.content)) as image:
        assert image.size == (1920, 1080)


async def test_bad_requests_get_clear_errors(client: tuple[httpx.AsyncClient, str]) -> None:
    http, token = client
    auth = {"Authorization": f"Bearer {token}"}
    query = 'query { mapExport(start: "2023-05", end: "2023-09", format: GEXF) { url } }'
    errors = (await http.post("/graphql", json={"query": query}, headers=auth)).json()["errors"]
    assert errors[0]["message"] == "maps and charts are drawn as png, pdf, svg; not gexf"
    missing = await http.get("/graphql/export/map.png?start=2023-05", headers=auth)
    assert missing.status_code == 400
    assert missing.json()["errors"][0]["message"] == "missing parameter end"
    unknown = await http.get("/graphql/export/network.svg?centre=actor:nobody", headers=auth)
    assert unknown.status_code == 400
    assert unknown.json()["errors"][0]["message"].startswith(
        "actor:nobody has no links for these filters"
    )
