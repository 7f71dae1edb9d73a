"""GraphQL download links through the real ASGI app over HTTP: the field returns a URL,
the URL (with the same token) returns the file, drawn by the export code. Every subgraph
choice (ego network, path, what-if) and the explorer's filters reach the file: each
download is read back and compared with the catalog's own answer for the same parameters."""

from __future__ import annotations

import csv
import io
import json
import stat
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import networkx as nx
import pytest
from PIL import Image

from api.graphql.app import create_app
from api.graphql.settings import ApiSettings, Limits
from api.graphql.tokens import Role, TokenStore
from graph.store import GraphStore, open_store
from queries.catalog import run_named
from queries.paths import RankedPath

LINK = """query($centre: ID!, $format: ExportFormat!) {
  networkExport(centre: $centre, depth: 1, asOf: "2023-10-01", format: $format, tlp: GREEN) {
    url filename mediaType format
  }
}"""


Client = tuple[httpx.AsyncClient, str]
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
async def served(export_store_url: str, tmp_path: Path) -> AsyncIterator[dict[str, Any]]:
    """The app over HTTP with a reader token, its store, and its export directory."""
    tokens = tmp_path / "tokens.json"
    reader = TokenStore(tokens).create(Role.READER, "export test")
    store = await open_store(export_store_url)
    exports = tmp_path / "exports"
    settings = ApiSettings(
        tokens_file=tokens, export_dir=exports, limits=Limits(max_graph_nodes=12)
    )
    app = create_app(settings, store=store)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test", timeout=120) as http:
        yield {"http": http, "token": reader, "store": store, "exports": exports}
    await store.close()


@pytest.fixture
def client(served: dict[str, Any]) -> Client:
    return served["http"], served["token"]


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


async def _link(http: httpx.AsyncClient, token: str, args: str) -> dict[str, str]:
    query = f"query {{ networkExport({args}) {{ url filename mediaType format }} }}"
    answer = (await http.post("/graphql", json={"query": query}, headers=_auth(token))).json()
    assert "errors" not in answer, answer
    return answer["data"]["networkExport"]  # type: ignore[no-any-return]


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def _path_answer(
    store: GraphStore, **params: Any
) -> tuple[set[str], set[tuple[str, str, str]]]:
    """Nodes and (source, target, type) of the catalog's k_shortest_paths answer."""
    paths = await run_named(store, "k_shortest_paths", **params)
    edges = {
        (e.source.id, e.target.id, e.type)
        for p in paths
        if isinstance(p, RankedPath)
        for hop in p.hops
        for e in hop.edges
    }
    return {n for a, b, _ in edges for n in (a, b)}, edges


async def test_path_link_with_filters_downloads_the_catalog_paths_as_graphml(
    served: dict[str, Any],
) -> None:
    http, token, store = served["http"], served["token"], served["store"]
    link = await _link(http, token, 'pathFrom: "actor:jnim", pathTo: "actor:government-of-mali", '
                       'k: 2, asOf: "2023-09-30", minStatus: REPORTED, maxCredibility: 3, '
                       "types: [HOSTILE_TO, MEMBER_OF, ALLIED_WITH, SUPPORTS], format: GRAPHML")  # fmt: skip
    assert link["url"] == (
        "/graphql/export/network.graphml?path_from=actor%3Ajnim&path_to=actor%3Agovernment-of-mali"
        "&depth=2&k=2&as_of=2023-09-30&types=HOSTILE_TO%2CMEMBER_OF%2CALLIED_WITH%2CSUPPORTS"
        "&min_status=reported&max_credibility=3&tlp=AMBER&lang=en"
    )
    download = await http.get(link["url"], headers=_auth(token))
    assert download.status_code == 200, download.text
    graph = nx.read_graphml(io.BytesIO(download.content))
    grades = {"as_of": "2023-09-30", "min_status": "reported", "max_credibility": 3}
    nodes, edges = await _path_answer(
        store, from_id="actor:jnim", to_id="actor:government-of-mali", k=2,
        types="HOSTILE_TO,MEMBER_OF,ALLIED_WITH,SUPPORTS", **grades,
    )  # fmt: skip
    assert nodes and set(graph.nodes) == nodes
    assert {(a, b, d["relationship"]) for a, b, d in graph.edges(data=True)} == edges
    assert all(d["credibility"] <= 3 for _, _, d in graph.edges(data=True))
    # The filters reached the file: without them the catalog's answer is another one.
    assert await _path_answer(
        store, from_id="actor:jnim", to_id="actor:government-of-mali", k=2
    ) != (nodes, edges)
    assert list(served["exports"].iterdir()) == []
    assert stat.S_IMODE(served["exports"].stat().st_mode) == 0o700


async def test_whatif_link_with_kind_filter_in_french_and_red(served: dict[str, Any]) -> None:
    http, token, store = served["http"], served["token"], served["store"]
    link = await _link(http, token, 'centre: "actor:jnim", whatIf: "actor:cma", depth: 1, '
                       'asOf: "2023-09-30", actorKinds: [SEPARATIST_GROUP], format: CYJS, '
                       "tlp: RED, lang: FR")  # fmt: skip
    download = await http.get(link["url"], headers=_auth(token))
    assert download.status_code == 200, download.text
    document = json.loads(download.content)
    assert document["data"]["marking"] == "TLP:RED"
    assert document["data"]["name"] == "Et si JNIM et CMA s'alliaient ? (hypothèse)"
    ego = await run_named(store, "ego_network", actor_id="actor:jnim", depth=1, as_of="2023-09-30")
    refs = {r.id: r for e in ego for r in (e.source, e.target)}
    kept = {
        i for i, r in refs.items()
        if i == "actor:jnim" or r.label != "Actor" or r.kind == "separatist_group"
    } | {"actor:cma"}  # fmt: skip
    expected_edges = {
        (e.source.id, e.target.id, e.type)
        for e in ego
        if e.source.id in kept and e.target.id in kept
    }
    assert len(kept) < len(refs)  # the kind filter left actors out
    nodes = {n["data"]["id"] for n in document["elements"]["nodes"]}
    assert nodes == kept
    claims = {
        (e["data"]["source"], e["data"]["target"], e["data"]["relationship"])
        for e in document["elements"]["edges"]
    }
    assert claims == expected_edges


async def test_ego_link_with_region_filter_and_window_as_csv(served: dict[str, Any]) -> None:
    http, token, store = served["http"], served["token"], served["store"]
    link = await _link(http, token, 'centre: "actor:jnim", depth: 2, start: "2023-06", '
                       'end: "2023-09-30", inRegion: "region:mli-kayes", format: CSV')  # fmt: skip
    download = await http.get(link["url"], headers=_auth(token))
    assert download.status_code == 200, download.text
    nodes_part, edges_part = download.text.split("\n# network.edges.csv\n")
    node_rows = list(csv.DictReader(io.StringIO(nodes_part.split("\n", 1)[1])))
    edge_rows = list(csv.DictReader(io.StringIO(edges_part)))
    ego = await run_named(store, "ego_network", actor_id="actor:jnim", depth=2, as_of="2023-09-30")
    refs = {r.id: r for e in ego for r in (e.source, e.target)}
    in_kayes = {
        e.source.id for e in ego if e.type == "OPERATES_IN" and e.target.id == "region:mli-kayes"
    }
    kept = {i for i, r in refs.items() if i == "actor:jnim" or r.label != "Actor" or i in in_kayes}
    assert in_kayes and len(kept) < len(refs)
    assert {r["id"] for r in node_rows} == kept
    assert {(r["source"], r["target"], r["relationship"]) for r in edge_rows} == {
        (e.source.id, e.target.id, e.type)
        for e in ego
        if e.source.id in kept and e.target.id in kept
    }


async def test_link_parameters_are_checked_and_limits_hold(served: dict[str, Any]) -> None:
    http, token = served["http"], served["token"]
    query = 'query { networkExport(centre: "actor:jnim", pathFrom: "actor:jnim", pathTo: "actor:cma") { url } }'
    errors = (await http.post("/graphql", json={"query": query}, headers=_auth(token))).json()[
        "errors"
    ]
    assert errors[0]["message"] == (
        "give centre (an ego network; with what_if, a what-if) or both path_from and path_to "
        "(the paths between them), not both"
    )
    edited = await http.get("/graphql/export/network.svg?centre=actor:jnim&types=FRIENDS_WITH",
                            headers=_auth(token))  # fmt: skip
    assert edited.status_code == 400
    assert edited.json()["errors"][0]["message"].startswith(
        "unknown types FRIENDS_WITH; choose from "
    )
    deep = await http.get(
        "/graphql/export/network.svg?centre=actor:jnim&depth=9", headers=_auth(token)
    )
    assert deep.json()["errors"][0]["message"] == "depth must be between 1 and 4, got 9"
    # This app draws at most 12 nodes; JNIM's depth-2 network is larger.
    ego = await run_named(
        served["store"], "ego_network", actor_id="actor:jnim", depth=2, as_of="2023-09-30"
    )
    size = len({r.id for e in ego for r in (e.source, e.target)})
    assert size > 12
    big = await http.get(
        "/graphql/export/network.svg?centre=actor:jnim&depth=2&as_of=2023-09-30",
        headers=_auth(token),
    )
    assert big.status_code == 400
    assert big.json()["errors"][0] == {
        "message": f"the network has {size} nodes; a download draws at most 12 (lower depth or add filters)",
        "extensions": {"code": "too_expensive"},
    }
    assert list(served["exports"].iterdir()) == []


async def test_chart_and_change_map_links_in_french(served: dict[str, Any]) -> None:
    http, token = served["http"], served["token"]
    query = """query { chart: chartExport(start: "2023-05", end: "2023-09", region: "region:mli-mopti",
      format: SVG, lang: FR) { url }
      map: mapExport(start: "2023-05", end: "2023-09", change: true, format: SVG) { url } }"""
    links = (await http.post("/graphql", json={"query": query}, headers=_auth(token))).json()[
        "data"
    ]
    assert links["map"]["url"] == (
        "/graphql/export/map.svg?start=2023-05&end=2023-09&metric=incidents&change=true"
        "&tlp=AMBER&lang=en"
    )
    chart = await http.get(links["chart"]["url"], headers=_auth(token))
    root = ET.fromstring(chart.content)
    titles = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "title"]
    assert titles == ["Activité mensuelle, Mopti, mai 2023 – septembre 2023"]
    map_ = ET.fromstring((await http.get(links["map"]["url"], headers=_auth(token))).content)
    titles = [t.text for t in map_.iter(f"{SVG}text") if t.get("class") == "title"]
    assert titles == ["Change in incidents by region: 2022-12 to 2023-04 vs 2023-05 to 2023-09"]
