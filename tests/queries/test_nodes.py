"""Node lists, lookups and search on the fixture graph (both engines' shared Cypher)."""

from __future__ import annotations

from graph.model import Actor
from graph.store import GraphStore
from queries.nodes import Keyset, NodeFilter, count_nodes, list_nodes, nodes_by_ids, search_nodes
from queries.writes import upsert_nodes


async def test_list_actors_by_name_in_pages(kg: GraphStore) -> None:
    first = await list_nodes(kg, "Actor", NodeFilter(), limit=3)
    assert [p["id"] for p, _ in first] == ["actor:ansar-dine", "actor:cma", "actor:fama"]
    props, value = first[-1]
    second = await list_nodes(kg, "Actor", NodeFilter(), limit=3, after=Keyset(value, props["id"]))
    assert [p["name"] for p, _ in second] == ["Government of Mali", "Government of Niger", "ISGS"]
    back = await list_nodes(kg, "Actor", NodeFilter(), limit=2, before=Keyset(value, props["id"]))
    assert [p["id"] for p, _ in back] == ["actor:ansar-dine", "actor:cma"]
    assert await count_nodes(kg, "Actor", NodeFilter()) == 9


async def test_keyset_page_is_stable_when_a_node_is_inserted_before_it(kg: GraphStore) -> None:
    first = await list_nodes(kg, "Actor", NodeFilter(), limit=3)
    props, value = first[-1]
    await upsert_nodes(kg, [Actor(id="actor:aaa", name="AAA", kind="militia")])
    second = await list_nodes(kg, "Actor", NodeFilter(), limit=3, after=Keyset(value, props["id"]))
    assert [p["name"] for p, _ in second] == ["Government of Mali", "Government of Niger", "ISGS"]


async def test_filters(kg: GraphStore) -> None:
    def ids(rows: list[tuple[dict[str, object], str]]) -> list[object]:
        return [p["id"] for p, _ in rows]

    gov = NodeFilter(kinds=("government",))
    assert ids(await list_nodes(kg, "Actor", gov, limit=10)) == [
        "actor:government-of-mali",
        "actor:government-of-niger",
    ]
    gsim = NodeFilter(name_contains="gsim")
    assert ids(await list_nodes(kg, "Actor", gsim, limit=10)) == ["actor:jnim"]
    kayes = NodeFilter(region_id="region:mli-kayes")
    assert ids(await list_nodes(kg, "Actor", kayes, limit=10)) == [
        "actor:fama",
        "actor:katiba-macina",
    ]
    in_kayes = NodeFilter(region_id="region:mli-kayes")
    assert ids(await list_nodes(kg, "Incident", in_kayes, sort="date", limit=10)) == [
        "incident:i1",
        "incident:i2",
        "incident:u1",
    ]
    june = NodeFilter(active_from="2023-06", active_to="2023-06", actor_id="actor:jnim")
    assert ids(await list_nodes(kg, "Incident", june, sort="date", limit=10)) == ["incident:i3"]
    assert await count_nodes(kg, "Incident", NodeFilter(dataset="ucdp-ged")) == 1
    level2 = NodeFilter(level=2)
    assert ids(await list_nodes(kg, "Region", level2, limit=10)) == ["region:mli-nioro"]


async def test_nodes_by_ids_one_round_trip(kg: GraphStore) -> None:
    before = kg.round_trips
    found = await nodes_by_ids(kg, ["actor:jnim", "alliance:aes", "region:mli-kayes", "actor:none"])
    assert kg.round_trips == before + 1
    assert {k: v[0] for k, v in found.items()} == {
        "actor:jnim": "Actor",
        "alliance:aes": "Alliance",
        "region:mli-kayes": "Region",
    }


async def test_search_ranks_exact_then_prefix_then_contains(kg: GraphStore) -> None:
    found = await search_nodes(kg, "Kayes", None, 10)
    assert [(label, p["id"], rank) for label, p, rank in found] == [
        ("Region", "region:mli-kayes", 0)
    ]
    found = await search_nodes(kg, "ma", ["Actor", "Country"], 10)
    assert [p["id"] for _, p, _ in found] == [
        "country:mli",
        "country:mrt",
        "actor:cma",
        "actor:fama",
        "actor:government-of-mali",
        "actor:jnim",
        "actor:katiba-macina",
    ]
