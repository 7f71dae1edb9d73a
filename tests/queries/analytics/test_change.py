"""Change between two windows: pure functions by hand, catalog entries on the fixture."""

from __future__ import annotations

import networkx as nx

from graph.store import GraphStore
from queries.analytics import change, measures
from queries.analytics.network import read_network
from queries.analytics.projection import Filters
from queries.catalog import load_catalog
from queries.tabular import table_rows

CATALOG = load_catalog()


def test_competition_ranks_and_constraint_ranks_low_first() -> None:
    values = {"a": 3.0, "b": 3.0, "c": 1.0, "d": None}
    assert change.ranks(values, "degree") == {"a": 1, "b": 1, "c": 3}
    assert change.ranks(values, "constraint") == {"c": 1, "a": 2, "b": 2}
    assert change.ranks({"a": 0.1 + 0.2, "b": 0.3}, "pagerank") == {"a": 1, "b": 1}


def test_splits_and_merges_are_matched_by_members() -> None:
    before = [["a", "b", "c", "d"], ["e", "f"], ["x"]]
    after = [["c", "d", "e", "f"], ["a", "b"], ["y"]]
    assert change.community_changes(before, after) == [
        change.CommunityChange("split", (("a", "b", "c", "d"),), (("a", "b"), ("c", "d"))),
        change.CommunityChange("merged", (("c", "d"), ("e", "f")), (("c", "d", "e", "f"),)),
    ]
    assert change.community_changes(before, before) == []


def test_new_and_lost_brokers() -> None:
    path = nx.path_graph(["a", "b", "c"])
    tail = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")])
    for graph in (path, tail):
        nx.set_edge_attributes(graph, 1.0, "weight")
    changes = change.broker_changes(measures.measure(path), measures.measure(tail))
    assert [
        (c.actor_id, c.change, c.articulation_before, c.articulation_after) for c in changes
    ] == [
        ("c", "new", False, True),
        ("b", "lost", True, False),
    ]


def test_rank_moves_cover_actors_entering_and_leaving() -> None:
    one = nx.Graph([("a", "b"), ("b", "c")])
    two = nx.Graph([("a", "b"), ("a", "c"), ("a", "d")])
    for graph in (one, two):
        nx.set_edge_attributes(graph, 1.0, "weight")
    moves = change.rank_moves(measures.measure(one), measures.measure(two))
    degree = {
        m.actor_id: (m.rank_before, m.rank_after, m.move) for m in moves if m.measure == "degree"
    }
    assert degree == {"a": (2, 1, 1), "b": (1, 2, -1), "c": (2, 2, 0), "d": (None, 2, None)}


async def test_change_entries_on_the_fixture(kg: GraphStore) -> None:
    """Hostility, June against July 2023. In July JNIM links Wagner to the FAMa–ISGS
    triangle (i5, i6 and the claims): the one cut vertex, a new broker."""
    windows = {"before_start": "2023-06", "before_end": "2023-06", "after_start": "2023-07",
               "after_end": "2023-07", "network": "hostility"}  # fmt: skip
    june = measures.measure(await read_network(kg, "hostility", Filters("2023-06", "2023-06")))
    july = measures.measure(await read_network(kg, "hostility", Filters("2023-07", "2023-07")))
    assert {n for n, m in july.nodes.items() if m.articulation} == {"actor:jnim"}
    assert july.brokers == {"actor:jnim"}

    rows = table_rows(await CATALOG["broker_change"].execute(kg, **windows))
    # June: six actors, one broker slot; FAMa has the highest betweenness (no cut vertex).
    assert june.brokers == {"actor:fama"}
    assert [(r["actor_id"], r["change"], r["articulation_after"]) for r in rows] == [
        ("actor:jnim", "new", True),
        ("actor:fama", "lost", False),
    ]

    rows = table_rows(await CATALOG["influence_change"].execute(
        kg, measure="degree", limit=0, **windows))  # fmt: skip
    assert [(r["actor_id"], r["rank_before"], r["rank_after"]) for r in rows] == [
        (m.actor_id, m.rank_before, m.rank_after)
        for m in sorted(
            (m for m in change.rank_moves(june, july) if m.measure == "degree"),
            key=lambda m: (m.move is None, -abs(m.move or 0), m.rank_after or 10**9, m.actor_id),
        )
    ]
    # Katiba Macina and the CMA fought only in June: no rank in July.
    gone = {r["actor_id"] for r in rows if r["rank_after"] is None}
    assert gone == {"actor:cma", "actor:katiba-macina"}

    rows = table_rows(await CATALOG["community_change"].execute(kg, **windows))
    # June: {CMA, Wagner}, {FAMa, Katiba Macina}, {ISGS, JNIM}; July: one community.
    assert june.communities == [
        ["actor:cma", "actor:wagner"],
        ["actor:fama", "actor:katiba-macina"],
        ["actor:isgs", "actor:jnim"],
    ]
    assert rows == [
        {
            "network": "hostility",
            "change": "merged",
            "before": [["actor:fama"], ["actor:isgs", "actor:jnim"], ["actor:wagner"]],
            "after": [["actor:fama", "actor:isgs", "actor:jnim", "actor:wagner"]],
        }
    ]
