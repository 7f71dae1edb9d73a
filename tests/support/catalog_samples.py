"""The data and the catalog questions both engines answer in the engines-agree test and in
bench/bench_engines.py: data/ (the curated knowledge base) plus the ACLED and UCDP GED
test files, so the event queries have incidents to count; one sample call per entry.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph.store import GraphStore
from loaders.acled import load_acled
from loaders.curated import load_paths
from loaders.eventload import LoadOptions
from loaders.ucdp import load_ucdp_ged

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = REPO_ROOT / "tests" / "fixtures"
SUMMER = {"start": "2023-05", "end": "2023-09"}
TWO_WINDOWS = {"before_start": "2023-01", "before_end": "2023-06", "after_start": "2023-07",
               "after_end": "2023-12"}  # fmt: skip

SAMPLES: dict[str, dict[str, Any]] = {
    "actor_relations": {"actor_id": "actor:jnim"},
    "actor_profile": {"actor_id": "actor:jnim", "as_of": "2023-09"},
    "common_allies": {"actor_a": "actor:mnla", "actor_b": "actor:hcua"},
    "common_enemies": {"actor_a": "actor:cma", "actor_b": "actor:jihadist-groups"},
    "alliance_members": {"alliance_id": "alliance:alliance-of-sahel-states"},
    "alliance_timeline": {"alliance_id": "alliance:jnim-coalition"},
    "operates_where": {"actor_id": "actor:jnim"},
    "affiliation_chain": {"actor_id": "actor:katiba-macina"},
    "reported_counts": {"metric": "security_incidents"},
    "operations": {"joint_only": False},
    "alliance_status": {},
    "events_between": {"start": "2023-06", "end": "2023-09"},
    "regions_bordering": {"country_ids": ["country:sen", "country:mrt"]},
    "region_changes": {},
    "assessments_about": {"node_id": "event:minusma-withdrawal"},
    "shortest_path": {"from_id": "actor:katiba-macina", "to_id": "actor:cma"},
    "k_shortest_paths": {"from_id": "actor:katiba-macina", "to_id": "actor:cma", "k": 3},
    "ego_network": {"actor_id": "actor:cma", "depth": 2},
    "activity_series": {"region_id": "region:mli-kayes", **SUMMER},
    "hotspots": SUMMER,
    "top_actors": SUMMER,
    "actor_footprint": {"actor_id": "actor:jnim"},
    "actor_spread": {"actor_id": "actor:jnim", **SUMMER},
    "neighbour_exposure": SUMMER,
    "neighbour_exposure_trend": SUMMER,
    "influence": {"network": "hostility", **SUMMER},
    "communities": SUMMER,
    "brokers": {"network": "hostility", **SUMMER},
    "regional_influence": SUMMER,
    "influence_change": {"network": "hostility", **TWO_WINDOWS},
    "broker_change": {"network": "hostility", **TWO_WINDOWS},
    "community_change": {"network": "hostility", **TWO_WINDOWS},
    "whatif": {"add_alliances": "alliance:jnim-cma-alignment", "actor_id": "actor:jnim",
               **SUMMER},
}  # fmt: skip


async def load_everything(store: GraphStore, rejects: Path) -> None:
    """Empty the store, ensure the schema, load the data through the real loaders."""
    await store.clear()
    await store.ensure_schema()
    await load_paths(store, [REPO_ROOT / "data"])
    options = LoadOptions(rejects_dir=rejects)
    await load_acled(store, [FIXTURES / "acled" / "acled_2023.csv"], options)
    await load_ucdp_ged(store, [FIXTURES / "ucdp" / "ged_mali.csv"], options)
