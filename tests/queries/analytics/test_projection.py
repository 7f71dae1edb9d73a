"""The cooperation, hostility and presence projections of the fixture graph, by hand.

Window June–July 2023, floor `assessed` (the default): the AES forms only in September,
the JNIM–CMA alignment is merely possible, CMA's hostility to FAMa starts in September —
none of them counts. CMA–FAMa's alliance runs to 2023-08 and does.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph.store import GraphStore
from queries.analytics.network import read_network
from queries.analytics.presence import read_presence
from queries.analytics.projection import Filters, side_of

JUNE_JULY = Filters(start="2023-06", end="2023-07")


def edges(graph: nx.Graph, *keys: str) -> list[tuple[Any, ...]]:
    return sorted((u, v, *(d[k] for k in keys)) for u, v, d in graph.edges(data=True))


def short(node: str) -> str:
    return node.removeprefix("actor:")


def test_one_side_mapping_for_acled_ucdp_and_curated() -> None:
    assert [side_of(r) for r in ("actor1", "assoc_actor_1", "side_a", "perpetrator")] == ["A"] * 4
    assert [side_of(r) for r in ("actor2", "assoc_actor_2", "side_b", "target")] == ["B"] * 4
    assert side_of("participant") is None and side_of(None) is None


async def test_cooperation_network(kg: GraphStore) -> None:
    graph = await read_network(kg, "cooperation", JUNE_JULY)
    got = [(short(u), short(v), w, k) for u, v, w, k in edges(graph, "weight", "kinds")]
    assert got == [
        ("ansar-dine", "jnim", 1.0, {"part_of": 1}),
        ("ansar-dine", "katiba-macina", 1.0, {"alliance": 1}),
        ("cma", "fama", 1.0, {"allied_with": 1}),
        ("fama", "government-of-mali", 1.0, {"part_of": 1}),
        ("fama", "wagner", 5.0, {"allied_with": 1, "joint_operation": 1, "same_side": 3}),
        ("government-of-mali", "wagner", 1.0, {"supports": 1}),
        ("jnim", "katiba-macina", 2.0, {"part_of": 1, "same_side": 1}),
    ]
    assert graph.edges["actor:fama", "actor:wagner"]["fatalities"] == 15
    assert graph.edges["actor:ansar-dine", "actor:katiba-macina"]["alliances"] == [
        "alliance:jnim-coalition"
    ]
    assert graph.nodes["actor:fama"]["name"] == "FAMa"


async def test_possible_alignment_counts_only_with_a_possible_floor(kg: GraphStore) -> None:
    graph = await read_network(kg, "cooperation", Filters("2023-06", "2023-07", "possible"))
    assert graph.edges["actor:cma", "actor:jnim"]["kinds"] == {"alliance": 1}
    graph = await read_network(kg, "cooperation", Filters("2023-10", "2023-10"))
    assert graph.edges["actor:government-of-mali", "actor:government-of-niger"]["kinds"] == {
        "alliance": 1
    }
    assert not graph.has_edge("actor:cma", "actor:fama")


async def test_hostility_network_by_incidents_and_by_deaths(kg: GraphStore) -> None:
    graph = await read_network(kg, "hostility", JUNE_JULY)
    deaths = await read_network(kg, "hostility", JUNE_JULY, weight_by="fatalities")
    got = [(short(u), short(v), w, k) for u, v, w, k in edges(graph, "weight", "kinds")]
    assert got == [
        ("cma", "fama", 1.0, {"opposite_sides": 1}),
        ("cma", "wagner", 1.0, {"opposite_sides": 1}),
        ("fama", "isgs", 1.0, {"hostile_to": 1}),
        ("fama", "jnim", 3.0, {"hostile_to": 1, "opposite_sides": 2}),
        ("fama", "katiba-macina", 3.0, {"opposite_sides": 3}),
        ("isgs", "jnim", 2.0, {"hostile_to": 1, "opposite_sides": 1}),
        ("jnim", "wagner", 2.0, {"hostile_to": 1, "opposite_sides": 1}),
        ("katiba-macina", "wagner", 1.0, {"opposite_sides": 1}),
    ]
    assert [w for *_, w in edges(deaths, "weight")] == [10, 10, 1, 3, 12, 5, 1, 5]
    acled = await read_network(kg, "hostility", Filters("2023-06", "2023-07", dataset="acled"))
    assert acled.edges["actor:fama", "actor:katiba-macina"]["items"] == 2


async def test_presence(kg: GraphStore) -> None:
    presence = await read_presence(kg, JUNE_JULY)
    assert presence.incidents["actor:katiba-macina"] == {
        "region:mli-kayes": 2,
        "region:mli-koulikoro": 1,
    }
    assert presence.fatalities["actor:fama"] == {
        "region:mli-kayes": 10,
        "region:mli-koulikoro": 2,
        "region:mli-kidal": 10,
    }
    assert presence.claims["actor:cma"] == {"region:mli-kidal": 1, "region:mli-timbuktu": 1}
    assert presence.totals == {
        "region:mli-kayes": 2,
        "region:mli-koulikoro": 2,
        "region:mli-kidal": 1,
        "region:mli-timbuktu": 1,
    }
    assert presence.regions_of("actor:jnim") == {"region:mli-koulikoro", "region:mli-timbuktu"}
