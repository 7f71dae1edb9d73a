"""The explorer page, driven in Debian's chromium against a real `sahelkg serve`.

Each test does what an analyst does (search, expand, move the slider, click an edge, run a
what-if, open the map) and compares what the page shows with the catalog's answer on the
same store.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlparse

from api.web import STATIC_DIR
from tests.api.web.catalog_answers import catalog_rows, ego_node_ids
from tests.api.web.conftest import Explorer, ExplorerServer

JNIM = "actor:jnim"
AES = "alliance:alliance-of-sahel-states"
GOVERNMENT_OF_MALI = "actor:government-of-mali"


def shown_node_ids(explorer: Explorer) -> set[str]:
    ids = explorer.state("x.cy.nodes().not('.hidden').map(n => n.id())")
    assert isinstance(ids, list)
    return set(ids)


def search_and_open(explorer: Explorer, text: str, name: str) -> None:
    explorer.page.fill("#search", text)
    explorer.page.press("#search", "Enter")
    explorer.settle()
    explorer.page.get_by_role("button", name=re.compile(rf"^{re.escape(name)}\b")).first.click()
    explorer.settle()


def test_search_jnim_then_depth_two_shows_the_catalogs_ego_network(
    explorer: Explorer, explorer_server: ExplorerServer
) -> None:
    explorer.open("?end=2023-10")
    explorer.page.fill("#search", "JNIM")
    explorer.page.press("#search", "Enter")
    explorer.settle()
    hits = explorer.page.locator("#search-results button").all_inner_texts()
    assert hits[0].startswith("JNIM")

    explorer.page.locator("#search-results button").first.click()
    explorer.page.select_option("#depth", "1")
    explorer.settle()
    depth_one = ego_node_ids(explorer_server.store_url, JNIM, 1, "2023-10-31")
    assert shown_node_ids(explorer) == depth_one

    explorer.page.select_option("#depth", "2")
    explorer.settle()
    depth_two = ego_node_ids(explorer_server.store_url, JNIM, 2, "2023-10-31")
    assert shown_node_ids(explorer) == depth_two
    assert len(depth_two) > len(depth_one)
    assert AES in depth_two
    status = explorer.page.inner_text("#status")
    assert status.startswith(f"{len(depth_two)} nodes")
    assert status.endswith("as of 2023-10-31")
    query = parse_qs(urlparse(explorer.page.url).query)
    assert query["actor"] == [JNIM] and query["depth"] == ["2"] and query["end"] == ["2023-10"]
    explorer.screenshot("network-jnim-depth-2")
    assert explorer.errors == []


def test_slider_before_the_charter_removes_the_alliance_of_sahel_states(
    explorer: Explorer, explorer_server: ExplorerServer
) -> None:
    explorer.open(f"?actor={JNIM}&depth=2&end=2023-10")
    assert AES in shown_node_ids(explorer)

    end = explorer.page.locator("#time-end")
    end.focus()
    for _ in range(2):  # 2023-10 → 2023-08: the Liptako-Gourma Charter is of 2023-09-16
        end.press("ArrowLeft")
    explorer.settle()

    assert explorer.page.inner_text("#window-label") == "2023-08 (as of 2023-08)"
    shown = shown_node_ids(explorer)
    assert AES not in shown
    assert shown == ego_node_ids(explorer_server.store_url, JNIM, 2, "2023-08-31")
    assert explorer.page.inner_text("#status").endswith("as of 2023-08-31")
    assert parse_qs(urlparse(explorer.page.url).query)["end"] == ["2023-08"]


def test_clicking_an_edge_shows_its_claims_and_source_titles(
    explorer: Explorer, explorer_server: ExplorerServer
) -> None:
    explorer.open(f"?actor={JNIM}&depth=2&end=2023-10")
    edge_id = explorer.state(
        f"x.cy.edges().filter(e => e.data('type') === 'HOSTILE_TO' && "
        f"[e.source().id(), e.target().id()].includes('{GOVERNMENT_OF_MALI}')).id()"
    )
    assert isinstance(edge_id, str)
    # A point on the edge that no node covers (the layout is not seeded: the midpoint may
    # lie under a node).
    point = explorer.state(
        f"(() => {{ const e = x.cy.getElementById({edge_id!r});"
        " const a = e.source().renderedPosition(), b = e.target().renderedPosition();"
        " const free = (p) => x.cy.nodes(':visible').every((n) => {"
        "   const q = n.renderedBoundingBox();"
        "   return p.x < q.x1 - 2 || p.x > q.x2 + 2 || p.y < q.y1 - 2 || p.y > q.y2 + 2; });"
        " let p = e.renderedMidpoint();"
        " for (let i = 0; i <= 40 && !free(p); i += 1) {"
        "   const t = 0.1 + 0.8 * i / 40; p = {x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t}; }"
        " const box = x.cy.container().getBoundingClientRect();"
        " return [box.left + p.x, box.top + p.y]; })()"
    )
    assert isinstance(point, list)
    explorer.page.mouse.click(point[0], point[1])

    relations = catalog_rows(
        explorer_server.store_url, "actor_relations", actor_id=JNIM, as_of="2023-10-31"
    )
    claim = next(
        r.evidence for r in relations if r.type == "HOSTILE_TO" and r.other.id == GOVERNMENT_OF_MALI
    )
    titles = [source.name for source in claim.sources]
    panel = explorer.page.locator("#panel-body")
    assert panel.locator("h3").inner_text() == "JNIM — hostile to — Government of Mali"
    assert panel.locator(".claim-status").all_inner_texts() == [claim.status.value]
    assert panel.locator(".source-title").all_inner_texts() == titles
    assert titles == ["Reference histories of armed groups in Mali and the Sahel"]
    period = f"{claim.valid_from or '…'} to {claim.valid_to or '…'}"
    assert explorer.page.inner_text("#tooltip") == (
        f"hostile to: {claim.status.value}, credibility {claim.credibility}, {period}, 1 source"
    )
    explorer.screenshot("network-jnim-evidence")


def test_whatif_jnim_cma_draws_a_ghost_edge_and_lists_the_change(
    explorer: Explorer, explorer_server: ExplorerServer
) -> None:
    explorer.open(f"?actor={JNIM}&depth=1&start=2023-06&end=2023-09")
    explorer.page.fill("#whatif-a", JNIM)
    explorer.page.fill("#whatif-b", "actor:cma")
    explorer.page.click("#run-whatif")
    explorer.settle()

    ghost = explorer.state("x.cy.edges('.ghost').map(e => [e.source().id(), e.target().id()])")
    assert ghost == [[JNIM, "actor:cma"]]
    expected = catalog_rows(
        explorer_server.store_url,
        "whatif",
        add_edges=[f"{JNIM}~actor:cma"],
        start="2023-06",
        end="2023-09",
    )
    rows = explorer.page.locator("#panel-body table.changes tbody tr")
    assert rows.count() == len(expected) > 0
    jnim_degree = next(r for r in expected if r.actor.id == JNIM and r.measure == "degree")
    cells = (
        rows.filter(has_text="JNIM")
        .filter(has=explorer.page.locator("td", has_text=re.compile("^degree$")))
        .first.locator("td")
        .all_inner_texts()
    )
    assert cells[0] == "JNIM"
    assert [float(c) for c in cells[3:6]] == [
        jnim_degree.before,
        jnim_degree.after,
        jnim_degree.change,
    ]
    assert "Nothing is written" in explorer.page.inner_text("#panel-body")


def test_map_colours_mopti_by_incidents_in_the_window(
    explorer: Explorer, explorer_server: ExplorerServer
) -> None:
    explorer.open(f"?actor={JNIM}&start=2023-06&end=2023-09&view=map")
    series = catalog_rows(
        explorer_server.store_url,
        "activity_series",
        region_id="region:mli-mopti",
        start="2023-06",
        end="2023-09",
        source="incidents",
    )
    mopti_incidents = sum(point.value or 0 for point in series)
    assert mopti_incidents == 3  # the three Mopti rows of tests/fixtures/web/acled_central_mali.csv

    mopti = explorer.page.locator("#map path[data-iso='ML-5']")
    assert mopti.get_attribute("data-value") == str(mopti_incidents)
    assert mopti.get_attribute("fill") not in (None, "#f2f2f2")
    kidal = explorer.page.locator("#map path[data-iso='ML-8']")
    assert kidal.get_attribute("fill") == "#f2f2f2"
    assert explorer.page.locator("#map path.region").count() == 30
    footprint = catalog_rows(
        explorer_server.store_url, "actor_footprint", actor_id=JNIM, start="2023-06", end="2023-09"
    )
    crosswalk = json.loads((STATIC_DIR / "geo" / "crosswalk.json").read_text(encoding="utf-8"))
    present = {point.region.id for point in footprint if (point.value or 0) > 0}
    polygons = {
        iso for iso, units in crosswalk["units"].items() if present & {u["id"] for u in units}
    }
    outlined = explorer.page.locator("#map path.footprint")
    assert {outlined.nth(i).get_attribute("data-iso") for i in range(outlined.count())} == polygons
    assert polygons == {"ML-4", "ML-5"}  # Ségou and Mopti: JNIM's incidents in the fixture
    assert "where JNIM is present" in explorer.page.inner_text("#map .map-head")
    mopti.click()
    assert explorer.page.locator("#panel-body h3").inner_text() == "Mopti, Bandiagara, Douentza"
    explorer.screenshot("map-incidents-2023-06-to-09")


def test_map_names_the_regions_valid_at_the_windows_end(explorer: Explorer) -> None:
    explorer.open("?start=2022-01&end=2022-06&view=map")
    names = explorer.state(
        "Object.fromEntries([...document.querySelectorAll('#map path.region')]"
        ".map(p => [p.dataset.iso, p.dataset.name]))"
    )
    assert isinstance(names, dict)
    assert names["ML-5"] == "Mopti"  # Bandiagara and Douentza are regions from 2023
    assert names["ML-6"] == "Tombouctou, Taoudénit"  # Taoudénit from 2016
    assert names["BF-12"] == "Sahel"  # Burkina Faso's 2025 regions come later
    explorer.open("?start=2025-08&end=2025-09&view=map")
    names = explorer.state(
        "Object.fromEntries([...document.querySelectorAll('#map path.region')]"
        ".map(p => [p.dataset.iso, p.dataset.name]))"
    )
    assert isinstance(names, dict)
    assert names["BF-12"] == "Liptako, Soum"
    assert names["ML-5"] == "Mopti, Bandiagara, Douentza"
