"""The explorer's data files: the shared stylesheet, the boundaries and their crosswalk,
and the routes that serve them (no browser needed)."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
from starlette.applications import Starlette

from api.web import STATIC_DIR, VENDOR_SCRIPTS, explorer_routes, load_network_style
from api.web.routes import missing_vendor_scripts
from graph.schema import ACTOR_RELATIONSHIP_TYPES
from graph.vocab import ActorKind, ClaimStatus

GEO = STATIC_DIR / "geo"
REPO_ROOT = Path(__file__).resolve().parents[3]


def selectors() -> list[str]:
    return [rule["selector"] for rule in load_network_style()["stylesheet"]]


def test_every_relationship_type_status_and_category_has_a_style_rule() -> None:
    style = load_network_style()
    found = selectors()
    assert sorted(style["relationships"]) == sorted(ACTOR_RELATIONSHIP_TYPES)
    for kind in ACTOR_RELATIONSHIP_TYPES:
        assert f"edge[type = '{kind}']" in found
    assert sorted(style["statuses"]) == sorted(s.value for s in ClaimStatus)
    for status in ("reported", "assessed", "possible"):
        assert f"edge[status = '{status}']" in found
    for credibility in range(1, 7):
        assert f"edge[credibility = {credibility}]" in found
    for category in style["categories"]:
        if category != "other":
            assert f"node[category = '{category}']" in found
    assert set(style["kinds"]) <= {k.value for k in ActorKind}
    assert set(style["kinds"].values()) | set(style["labels"].values()) <= set(style["categories"])


def test_category_colours_in_the_palette_match_the_stylesheet() -> None:
    style = load_network_style()
    rules = {rule["selector"]: rule["style"] for rule in style["stylesheet"]}
    for name, category in style["categories"].items():
        if name == "other":
            continue
        rule = rules[f"node[category = '{name}']"]
        assert rule["background-color"] == category["colour"]
        assert rule["shape"] == category["shape"]
    for kind, relationship in style["relationships"].items():
        assert rules[f"edge[type = '{kind}']"]["line-color"] == relationship["colour"]


def test_boundaries_cover_mali_burkina_faso_and_niger_with_a_crosswalk_entry_each() -> None:
    geo = json.loads((GEO / "sahel-admin1.geojson").read_text(encoding="utf-8"))
    crosswalk = json.loads((GEO / "crosswalk.json").read_text(encoding="utf-8"))
    features = geo["features"]
    by_country: dict[str, int] = {}
    for feature in features:
        country = feature["properties"]["country_iso3"]
        by_country[country] = by_country.get(country, 0) + 1
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
        assert feature["properties"]["iso_3166_2"] in crosswalk["units"]
    assert by_country == {"MLI": 9, "BFA": 13, "NER": 8}
    assert len(crosswalk["units"]) == 30


def test_every_malian_region_of_the_knowledge_base_has_a_polygon() -> None:
    import yaml

    geography = yaml.safe_load((REPO_ROOT / "data/reference/geography.yaml").read_text())
    crosswalk = json.loads((GEO / "crosswalk.json").read_text(encoding="utf-8"))
    drawn = {unit["id"] for units in crosswalk["units"].values() for unit in units}
    malian = {r["id"] for r in geography["regions"] if r["id"].startswith("region:mli-")}
    assert malian - drawn == set()
    mopti = {u["name"]: (u["valid_from"], u["valid_to"]) for u in crosswalk["units"]["ML-5"]}
    assert mopti == {
        "Mopti": (None, None),
        "Bandiagara": ("2023", None),
        "Douentza": ("2023", None),
    }


async def test_routes_serve_the_page_and_redirect_keeping_the_view() -> None:
    app = Starlette(routes=explorer_routes())
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        moved = await client.get("/explore?actor=actor:jnim&end=2023-08")
        assert moved.status_code == 307
        assert moved.headers["location"] == "/explore/?actor=actor:jnim&end=2023-08"
        page = await client.get("/explore/")
        assert page.status_code == 200
        assert "<title>Sahel KG — network explorer</title>" in page.text
        for script in VENDOR_SCRIPTS:
            assert f'src="vendor/{script}"' in page.text
        style = await client.get("/explore/style/network-style.json")
        assert style.json()["stylesheet"][0]["selector"] == "node"
        missing = await client.get("/explore/no-such-file.js")
        assert missing.status_code == 404


async def test_without_built_scripts_the_page_says_how_to_build_them(tmp_path: Path) -> None:
    assert missing_vendor_scripts(tmp_path) == list(VENDOR_SCRIPTS)
    assert missing_vendor_scripts() == []
