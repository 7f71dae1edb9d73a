"""The catalog on the seed knowledge base (data/): the answers the newsletters give.

The JNIM–CMA what-if is the one the June 2023 issue raises ("JNIM might end up striking
up an alliance with the northern armed groups … including Kayes region"): in the
June–September 2023 window JNIM is present in Kayes (OPERATES_IN from 2023-05, and its
sub-unit Katiba Macina there); the possible alignment (members JNIM, the CMA and the
northern armed groups) is left out of the baseline because it is only *possible*; adding
it makes the CMA, present in Kidal, a partner, and JNIM's reach grows into Kidal.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import partial
from typing import Any

import networkx as nx
import pytest

from graph.store import GraphStore
from loaders.curated import load_paths
from queries.analytics import whatif
from queries.analytics.network import read_network
from queries.analytics.projection import Filters
from queries.analytics.scenario import WhatIfParams, build_scenario
from queries.catalog import load_catalog
from queries.stats import graph_counts
from queries.tabular import table_rows
from tests.conftest import REPO_ROOT
from tests.support.networks import reference_pagerank

CATALOG = load_catalog()
WINDOW = {"start": "2023-06", "end": "2023-09"}


@pytest.fixture
async def seed(store: GraphStore) -> AsyncIterator[GraphStore]:
    await load_paths(store, [REPO_ROOT / "data"])
    yield store


async def run(store: GraphStore, name: str, **params: Any) -> list[dict[str, Any]]:
    return table_rows(await CATALOG[name].execute(store, **params))


def brief(rows: list[dict[str, Any]], *keys: str) -> list[tuple[Any, ...]]:
    return [tuple(row[k] for k in keys) for row in rows]


async def test_jnim_cma_alignment_grows_jnim_reach_into_cma_regions(seed: GraphStore) -> None:
    before = await graph_counts(seed)
    rows = await run(seed, "whatif", add_alliances="alliance:jnim-cma-alignment",
                     actor_id="actor:jnim", **WINDOW)  # fmt: skip
    assert await graph_counts(seed) == before  # computed in memory, nothing written

    assert brief(rows, "network", "measure") == [
        ("cooperation", measure)
        for measure in ("degree", "weighted_degree", "pagerank", "betweenness", "eigenvector",
                        "constraint", "articulation", "broker", "community_size", "reach")
    ]  # fmt: skip
    counted = {r["measure"]: (r["before"], r["after"], r["change"]) for r in rows}
    assert counted["degree"] == counted["weighted_degree"] == (1.0, 3.0, 2.0)
    assert counted["articulation"] == counted["broker"] == (0.0, 1.0, 1.0)
    assert counted["community_size"] == (7.0, 6.0, -1.0)
    assert counted["reach"] == (1.0, 2.0, 1.0)

    # The scores equal networkx's own on the projected network, before and after the edit.
    base = await read_network(seed, "cooperation", Filters("2023-06", "2023-09"))
    params = WhatIfParams(add_alliances=["alliance:jnim-cma-alignment"], **WINDOW)
    scenario, names = await build_scenario(seed, params)
    edited = whatif.apply(base, scenario, "cooperation", names)
    reference = {
        "pagerank": (reference_pagerank, 1e-5),
        "betweenness": (nx.betweenness_centrality, 1e-6),
        "eigenvector": (partial(nx.eigenvector_centrality, max_iter=1000, weight="weight"), 1e-6),
        "constraint": (partial(nx.constraint, weight="weight"), 1e-6),
    }
    for measure, (compute, tol) in reference.items():
        before, after, _ = counted[measure]
        assert before == pytest.approx(compute(base)["actor:jnim"], abs=tol), measure
        assert after == pytest.approx(compute(edited)["actor:jnim"], abs=tol), measure
    reach = rows[-1]
    assert reach["gained"] == ["region:mli-kidal"] and reach["lost"] == []
    community = rows[-2]
    assert community["gained"] == [
        "actor:cma", "actor:hcua", "actor:maa", "actor:mnla", "actor:northern-armed-groups"
    ]  # fmt: skip

    # Kidal is exactly where the CMA operates in the window; JNIM had only Kayes.
    cma = await run(seed, "operates_where", actor_id="actor:cma", as_of="2023-09")
    assert brief(cma, "place_id") == [("region:mli-kidal",)]
    jnim = await run(seed, "operates_where", actor_id="actor:jnim", as_of="2023-09")
    assert brief(jnim, "place_id") == [("region:mli-kayes",)]


async def test_the_alignment_counts_only_when_possible_claims_are_admitted(
    seed: GraphStore,
) -> None:
    rows = await run(seed, "whatif", add_alliances="alliance:jnim-cma-alignment",
                     actor_id="actor:jnim", min_status="possible", **WINDOW)  # fmt: skip
    assert rows == []  # already in the baseline: adding it again changes nothing


async def test_newsletter_hotspots_and_exposure(seed: GraphStore) -> None:
    rows = await run(seed, "hotspots", start="2023-06", end="2023-06", source="reports")
    assert brief(rows, "rank", "region_id", "current", "previous", "rise") == [
        (1, "region:mli-koulikoro", 51, 21, 30),
        (2, "region:mli-segou", 34, 23, 11),
        (3, "region:mli-kayes", 37, 31, 6),
    ]
    rows = await run(seed, "neighbour_exposure_trend", start="2023-06", end="2023-06")
    assert brief(rows, "country_id", "current", "previous", "change", "trend") == [
        ("country:sen", 37, 31, 6, "rising"),
        ("country:mrt", 122, 75, 47, "rising"),
        ("country:gin", 88, 52, 36, "rising"),
    ]


async def test_katiba_macina_in_kayes(seed: GraphStore) -> None:
    rows = await run(seed, "actor_spread", actor_id="actor:katiba-macina", start="2023-06",
                     end="2023-06")  # fmt: skip
    assert brief(rows, "region_id", "change", "current_reported", "previous_reported") == [
        ("region:mli-kayes", "continuing", 7, 4)
    ]
