"""The explorer's tools: paths, expand, hide/pin/undo, filters, change between windows, and a
URL that reopens the same view — each checked against the catalog on the served store."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from tests.api.web.catalog_answers import catalog_rows, ego_node_ids
from tests.api.web.conftest import Explorer, ExplorerServer
from tests.api.web.test_explorer import JNIM, search_and_open, shown_node_ids

GOVERNMENT_OF_NIGER = "actor:government-of-niger"


def url_query(explorer: Explorer) -> dict[str, list[str]]:
    return parse_qs(urlparse(explorer.page.url).query)


def click_node(explorer: Explorer, node_id: str, double: bool = False) -> None:
    """Click (or double-click) a node where the canvas draws it."""
    point = explorer.state(
        f"(() => {{ const p = x.cy.getElementById({node_id!r}).renderedPosition();"
        " const box = x.cy.container().getBoundingClientRect();"
        " return [box.left + p.x, box.top + p.y]; })()"
    )
    assert isinstance(point, list)
    if double:
        explorer.page.mouse.dblclick(point[0], point[1])
    else:
        explorer.page.mouse.click(point[0], point[1])
    explorer.settle()


def test_k_shortest_paths_are_listed_with_confidence_and_highlighted(
    explorer: Explorer, explorer_server: ExplorerServer
) -> None:
    explorer.open(f"?actor={JNIM}&depth=1&end=2023-10")
    explorer.page.fill("#path-from", JNIM)
    explorer.page.fill("#path-to", GOVERNMENT_OF_NIGER)
    explorer.page.fill("#path-k", "3")
    explorer.page.click("#find-paths")
    explorer.settle()

    ranked = catalog_rows(
        explorer_server.store_url,
        "k_shortest_paths",
        from_id=JNIM,
        to_id=GOVERNMENT_OF_NIGER,
        k=3,
        as_of="2023-10-31",
    )
    panel = explorer.page.locator("#panel-body")
    assert panel.locator("section.path").count() == len(ranked) == 2
    first = ranked[0]
    confidence = f"{first.confidence.value:.3f}".rstrip("0").rstrip(".")
    assert panel.locator("section.path").first.locator(".path-confidence").inner_text() == (
        confidence
    )
    hops = panel.locator("section.path").first.locator("li.hop")
    assert hops.count() == len(first.hops)
    claims = sum(len(hop.edges) for hop in first.hops)
    assert panel.locator("section.path").first.locator("article.claim").count() == claims
    path_nodes = [node.id for node in first.nodes]
    on_path = explorer.state("x.cy.nodes('.on-path').map(n => n.id())")
    assert isinstance(on_path, list)
    assert sorted(on_path) == sorted(path_nodes)
    assert GOVERNMENT_OF_NIGER in shown_node_ids(explorer)
    assert explorer.page.inner_text("#status").startswith("path 1: JNIM → Government of Mali")


def test_double_click_expands_a_node_and_undo_takes_it_back(
    explorer: Explorer, explorer_server: ExplorerServer
) -> None:
    explorer.open(f"?actor={JNIM}&depth=1&end=2023-10")
    before = shown_node_ids(explorer)
    click_node(explorer, "actor:government-of-mali", double=True)

    expected = before | ego_node_ids(
        explorer_server.store_url, "actor:government-of-mali", 1, "2023-10-31"
    )
    assert shown_node_ids(explorer) == expected
    assert len(expected) > len(before)
    assert url_query(explorer)["expanded"] == ["actor:government-of-mali"]

    explorer.page.click("#undo")
    explorer.settle()
    assert shown_node_ids(explorer) == before
    assert "expanded" not in url_query(explorer)


def test_hide_and_pin_selected_nodes_then_undo(explorer: Explorer) -> None:
    explorer.open(f"?actor={JNIM}&depth=1&end=2023-10")
    shown = shown_node_ids(explorer)
    explorer.page.click("#node-list-box summary")
    explorer.page.get_by_role("button", name="al-Qaeda", exact=True).click()
    assert explorer.page.locator("#hide").is_enabled()
    explorer.page.click("#hide")
    explorer.settle()
    assert shown_node_ids(explorer) == shown - {"actor:al-qaeda"}
    assert url_query(explorer)["hidden"] == ["actor:al-qaeda"]
    assert explorer.page.get_by_role("button", name="al-Qaeda", exact=True).count() == 0

    explorer.page.click("#undo")
    explorer.settle()
    assert shown_node_ids(explorer) == shown
    explorer.page.click("#node-list-box summary")  # close the list: it lies over the canvas

    click_node(explorer, "actor:government-of-mali")
    explorer.page.click("#pin")
    assert explorer.state("x.cy.nodes('.pinned').map(n => n.id())") == ["actor:government-of-mali"]
    assert url_query(explorer)["pinned"] == ["actor:government-of-mali"]
    position = explorer.state("x.cy.getElementById('actor:government-of-mali').position()")
    explorer.page.select_option("#depth", "2")
    explorer.settle()
    assert explorer.state("x.cy.getElementById('actor:government-of-mali').position()") == (
        position
    )


def test_filters_by_status_and_type_match_the_catalog(
    explorer: Explorer, explorer_server: ExplorerServer
) -> None:
    explorer.open(f"?actor={JNIM}&depth=2&end=2023-10")
    explorer.page.select_option("#min-status", "confirmed")
    explorer.settle()
    statuses = explorer.state("[...new Set(x.cy.edges().map(e => e.data('status')))]")
    assert statuses == ["confirmed"]
    edges = catalog_rows(
        explorer_server.store_url,
        "ego_network",
        actor_id=JNIM,
        depth=2,
        as_of="2023-10-31",
        min_status="confirmed",
    )
    expected = {JNIM} | {e.source.id for e in edges} | {e.target.id for e in edges}
    assert shown_node_ids(explorer) == expected

    explorer.page.locator("#type-filter input[value='OPERATES_IN']").uncheck()
    explorer.settle()
    types = explorer.state("x.cy.edges().map(e => e.data('type'))")
    assert isinstance(types, list) and types and "OPERATES_IN" not in types
    assert "region:mli-kayes" not in shown_node_ids(explorer)
    assert url_query(explorer)["minStatus"] == ["confirmed"]
    assert "OPERATES_IN" not in url_query(explorer)["types"][0].split(",")


def test_a_shared_url_reopens_the_same_view(explorer: Explorer) -> None:
    query = (
        f"?actor={JNIM}&depth=1&start=2023-06&end=2023-09&minStatus=reported"
        "&maxCredibility=3&sizeBy=betweenness&hidden=actor:al-qaeda"
        "&whatIf=actor:jnim~actor:cma"
    )
    explorer.open(query)
    assert explorer.page.input_value("#depth") == "1"
    assert explorer.page.input_value("#min-status") == "reported"
    assert explorer.page.input_value("#max-credibility") == "3"
    assert explorer.page.input_value("#size-by") == "betweenness"
    assert explorer.page.inner_text("#window-label") == "2023-06 to 2023-09 (as of 2023-09)"
    assert "actor:al-qaeda" not in shown_node_ids(explorer)
    credibilities = explorer.state("x.cy.edges().not('.ghost').map(e => e.data('credibility'))")
    assert isinstance(credibilities, list) and max(credibilities) <= 3
    assert explorer.page.locator("#legend").inner_text().count("size: betweenness") == 1
    ghost = explorer.state("x.cy.edges('.ghost').map(e => [e.source().id(), e.target().id()])")
    assert ghost == [[JNIM, "actor:cma"]]
    assert explorer.page.locator("#panel-title").inner_text() == "What if"


def test_change_between_windows_lists_rank_moves_and_marks_them(
    explorer: Explorer, explorer_server: ExplorerServer
) -> None:
    explorer.open(f"?actor={JNIM}&depth=2&start=2023-06&end=2023-09")
    explorer.page.fill("#before-start", "2023-01")
    explorer.page.fill("#before-end", "2023-05")
    explorer.page.click("#run-change")
    explorer.settle()

    moves = catalog_rows(
        explorer_server.store_url,
        "influence_change",
        before_start="2023-01",
        before_end="2023-05",
        after_start="2023-06",
        after_end="2023-09",
        limit=50,
    )
    table = explorer.page.locator("#panel-body table.changes tbody tr")
    assert table.count() == len(moves) > 0
    shown = shown_node_ids(explorer)
    risen = {
        m.actor.id
        for m in moves
        if m.network.value == "cooperation" and m.measure == "pagerank" and (m.move or 0) > 0
    }
    marked = explorer.state("x.cy.nodes('.rank-up').map(n => n.id())")
    assert isinstance(marked, list)
    assert set(marked) == risen & shown


def test_colour_by_community_uses_the_catalogs_communities(
    explorer: Explorer, explorer_server: ExplorerServer
) -> None:
    explorer.open(f"?actor={JNIM}&depth=2&start=2023-06&end=2023-09")
    explorer.page.check("#colour-community")
    explorer.settle()
    groups = catalog_rows(explorer_server.store_url, "communities", start="2023-06", end="2023-09")
    community = {member.id: g.community for g in groups for member in g.members}
    colours = explorer.state(
        "Object.fromEntries(x.cy.nodes('[community]').map(n => [n.id(), n.data('community')]))"
    )
    assert isinstance(colours, dict)
    assert set(colours) == shown_node_ids(explorer) & set(community)
    by_group: dict[int, set[str]] = {}
    for node_id, colour in colours.items():
        by_group.setdefault(community[node_id], set()).add(colour)
    assert all(len(c) == 1 for c in by_group.values())
    assert "fill: community" in explorer.page.inner_text("#legend")
    assert url_query(explorer)["community"] == ["true"]


def test_every_control_has_a_label_and_the_keyboard_reaches_search(explorer: Explorer) -> None:
    explorer.open(f"?actor={JNIM}&depth=1&end=2023-10")
    unlabelled = explorer.state(
        "[...document.querySelectorAll('input, select, button')]"
        ".filter(el => !el.closest('[hidden]'))"
        ".filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')"
        " && !el.textContent.trim()).map(el => el.outerHTML)"
    )
    assert unlabelled == []
    explorer.page.keyboard.press("Tab")
    explorer.page.keyboard.press("Tab")
    assert explorer.state("document.activeElement.id") == "search"
    explorer.page.keyboard.type("Wagner")
    explorer.page.keyboard.press("Enter")
    explorer.settle()
    first = explorer.page.locator("#search-results button").first
    assert first.inner_text().startswith("Wagner")
    first.focus()
    explorer.page.keyboard.press("Enter")
    explorer.settle()
    assert url_query(explorer)["actor"] == ["actor:wagner-group"]
    assert explorer.page.locator("#status").inner_text().endswith("as of 2023-10-31")


def test_an_alliance_opens_through_its_members_on_the_date(
    explorer: Explorer, explorer_server: ExplorerServer
) -> None:
    explorer.open("?end=2023-10")
    search_and_open(explorer, "Alliance of Sahel", "Alliance of Sahel States")
    members = catalog_rows(
        explorer_server.store_url,
        "alliance_members",
        alliance_id="alliance:alliance-of-sahel-states",
        as_of="2023-10-31",
    )
    member_ids = {m.member.id for m in members}
    assert member_ids == {
        "actor:government-of-burkina-faso",
        "actor:government-of-mali",
        "actor:government-of-niger",
    }
    shown = shown_node_ids(explorer)
    assert member_ids | {"alliance:alliance-of-sahel-states"} <= shown
    centre = explorer.state("x.cy.nodes('.centre').map(n => n.id())")
    assert centre == ["alliance:alliance-of-sahel-states"]


def test_region_and_kind_filters_keep_the_matching_actors(
    explorer: Explorer, explorer_server: ExplorerServer
) -> None:
    explorer.open(f"?actor={JNIM}&depth=2&end=2023-10")
    explorer.page.select_option("#region-filter", "region:mli-kayes")
    explorer.settle()
    edges = catalog_rows(
        explorer_server.store_url, "ego_network", actor_id=JNIM, depth=2, as_of="2023-10-31"
    )
    in_kayes = {
        e.source.id for e in edges if e.type == "OPERATES_IN" and e.target.id == "region:mli-kayes"
    }
    actors = explorer.state("x.cy.nodes('[kind = \"Actor\"]').map(n => n.id())")
    assert isinstance(actors, list)
    assert set(actors) == in_kayes | {JNIM}
    assert url_query(explorer)["region"] == ["region:mli-kayes"]

    explorer.page.select_option("#region-filter", "")
    explorer.page.locator("#kind-filter input[value='jihadist_group']").uncheck()
    explorer.settle()
    kinds = explorer.state(
        "[...new Set(x.cy.nodes('[kind = \"Actor\"]').filter(n => n.id() !== 'actor:jnim')"
        ".map(n => n.data('actorKind')))]"
    )
    assert isinstance(kinds, list) and kinds and "jihadist_group" not in kinds
