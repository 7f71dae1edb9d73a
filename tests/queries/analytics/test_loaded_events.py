"""The projections over incidents as the real loaders write them: the ACLED and UCDP GED
test files (tests/fixtures) loaded on top of the seed knowledge base.

ACLED MLI6001: JNIM (actor1) against FAMa (actor2) with Wagner (assoc_actor_2) — Wagner
fights on FAMa's side. UCDP 190001: Government of Mali (side_a) against JNIM (side_b);
190002: the CMA against GATIA and MSA.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graph.store import GraphStore
from loaders.acled import load_acled
from loaders.curated import load_paths
from loaders.eventload import LoadOptions
from loaders.ucdp import load_ucdp_ged
from queries.analytics.network import read_network
from queries.analytics.projection import Filters
from tests.conftest import REPO_ROOT

FIXTURES = REPO_ROOT / "tests" / "fixtures"


def incident_edges(graph: nx.Graph) -> list[tuple[str, str, dict[str, int]]]:
    return sorted(
        (u, v, d["kinds"])
        for u, v, d in graph.edges(data=True)
        if {"same_side", "opposite_sides"} & set(d["kinds"])
    )


async def test_sides_from_acled_and_ucdp_roles(store: GraphStore, tmp_path: Path) -> None:
    await load_paths(store, [REPO_ROOT / "data"])
    options = LoadOptions(rejects_dir=tmp_path)
    await load_acled(store, [FIXTURES / "acled" / "acled_2023.csv"], options)
    await load_ucdp_ged(store, [FIXTURES / "ucdp" / "ged_mali.csv"], options)

    acled = Filters(start="2023-06", end="2023-06", dataset="acled")
    hostile = incident_edges(await read_network(store, "hostility", acled))
    assert hostile == [
        ("actor:civilians-mali", "actor:unidentified-armed-group-mali", {"opposite_sides": 1}),
        ("actor:fama", "actor:jnim", {"opposite_sides": 1}),
        ("actor:jnim", "actor:wagner-group", {"opposite_sides": 1}),
    ]
    together = incident_edges(await read_network(store, "cooperation", acled))
    assert together == [
        ("actor:fama", "actor:wagner-group",
         {"alliance": 1, "joint_operation": 1, "same_side": 1}),
    ]  # fmt: skip

    ucdp = Filters(dataset="ucdp-ged")
    hostile = incident_edges(await read_network(store, "hostility", ucdp))
    assert ("actor:government-of-mali", "actor:jnim") in [(u, v) for u, v, _ in hostile]
    assert ("actor:cma", "actor:gatia") in [(u, v) for u, v, _ in hostile]
    together = incident_edges(await read_network(store, "cooperation", ucdp))
    assert [(u, v) for u, v, _ in together] == [("actor:gatia", "actor:msa")]
