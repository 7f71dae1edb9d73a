"""Influence analytics at scale: 2,000 actors and 200,000 incidents, one window.

Run: `.venv/bin/python bench/bench_analytics.py [--actors 2000 --incidents 200000
--window-start 2023-01 --window-end 2023-12 --repeat 3]`.

1. Builds a synthetic graph in a fresh embedded FalkorDB in a temporary directory, with the
   project's own batched `UNWIND … MERGE` statements (queries.writes): 50 regions; actors
   with a home region and Zipf-like activity; incidents over 2019–2023, each with actor1
   and actor2 (70 % from the region, else anywhere), associated actors on either side
   one time in five; alliances, ALLIED_WITH / SUPPORTS / HOSTILE_TO claims, OPERATES_IN,
   joint operations.
2. For one window (2023 by default, about a fifth of the incidents) it times, best of
   `--repeat`: each projection read (one query each), building the networkx graph, and
   every influence measure on the cooperation and the hostility network — networkx's
   implementation against the rustworkx one the catalog uses (compiled.py), as a speedup
   measured in the same run (networkx's slow ones timed once), and the whole
   `measures.measure` as the catalog runs it. The same on the seed knowledge base (data/).
3. Writes the figures to bench/results/analytics.json and prints them.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import importlib.util
import json
import os
import platform
import random
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import networkx as nx

from graph.store import GraphStore, open_store
from graph.vocab import CLAIM_STATUS_RANK, ClaimStatus
from queries.analytics import measures
from queries.analytics.compiled import Compiled
from queries.analytics.network import build_network
from queries.analytics.presence import PRESENCE
from queries.analytics.projection import NETWORK_STATEMENTS, Filters
from queries.place_rollup import refresh_place_rollup
from queries.stats import count_nodes_statement
from queries.writes import upsert_nodes_statement, upsert_relationships_statement

RESULTS = Path(__file__).resolve().parent / "results" / "analytics.json"
REGIONS = 50
BATCH = 10_000
SOURCE = ["source:bench"]
T = TypeVar("T")


def node(node_id: str, name: str, **props: Any) -> dict[str, Any]:
    return {"id": node_id, "props": {"id": node_id, "name": name, "search_text": name,
                                     "source_ids": SOURCE, **props}}  # fmt: skip


def edge(rel_type: str, a: str, b: str, key: str = "", **props: Any) -> dict[str, Any]:
    status = props.pop("status", "reported")
    body = {
        "id": f"{rel_type}|{a}|{b}|{key}",
        "key": key,
        "status": status,
        "status_rank": CLAIM_STATUS_RANK[ClaimStatus(status)],
        "credibility": props.pop("credibility", 2),
        "source_ids": SOURCE,
        **props,
    }
    return {"from_id": a, "to_id": b, "props": body}


class Synthetic:
    """The generated graph, as rows for the write statements, grouped by statement."""

    def __init__(self, actors: int, incidents: int, seed: int = 11) -> None:
        rng = random.Random(seed)
        self.nodes: dict[str, list[dict[str, Any]]] = {}
        self.rels: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        regions = [f"region:r{r:02d}" for r in range(REGIONS)]
        self.nodes["Region"] = [
            node(r, f"Region {i}", level=1, country="MLI") for i, r in enumerate(regions)
        ]
        ids = [f"actor:a{i:04d}" for i in range(actors)]
        self.nodes["Actor"] = [node(a, f"Actor {i}", kind="armed_group") for i, a in enumerate(ids)]
        home = {a: regions[i % REGIONS] for i, a in enumerate(ids)}
        local: dict[str, list[str]] = {r: [a for a in ids if home[a] == r] for r in regions}
        zipf = {r: [1.0 / (rank + 1) ** 1.1 for rank in range(len(local[r]))] for r in regions}
        heat = [1.0 / (i + 1) ** 0.5 for i in range(REGIONS)]
        self.rels[("OPERATES_IN", "Actor", "Region")] = [
            edge("OPERATES_IN", a, home[a]) for a in ids
        ]

        def pick(region: str, avoid: set[str]) -> str:
            while True:
                if rng.random() < 0.7:
                    found = rng.choices(local[region], zipf[region])[0]
                else:
                    found = rng.choice(ids)
                if found not in avoid:
                    return found

        incident_rows, where, roles = [], [], []
        start = 2019 * 372
        for n in range(incidents):
            day = start + rng.randrange(5 * 372)
            year, month, dom = day // 372, day % 372 // 31 + 1, min(day % 31 + 1, 28)
            date = f"{year:04d}-{month:02d}-{dom:02d}"
            iid = f"incident:b{n:06d}"
            incident_rows.append(
                node(iid, iid, date=date, month=date[:7], dataset="acled",
                     fatalities=min(int(rng.expovariate(0.4)), 60))
            )  # fmt: skip
            region = rng.choices(regions, heat)[0]
            where.append(edge("OCCURRED_IN", iid, region))
            taken: set[str] = set()
            for role in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"):
                if role.startswith("assoc") and rng.random() >= 0.2:
                    continue
                who = pick(region, taken)
                taken.add(who)
                roles.append(edge("PARTICIPATED_IN", who, iid, key=role, role=role))
        self.nodes["Incident"] = incident_rows
        self.rels[("OCCURRED_IN", "Incident", "Region")] = where
        self.rels[("PARTICIPATED_IN", "Actor", "Incident")] = roles

        alliances = [f"alliance:b{i:02d}" for i in range(20)]
        self.nodes["Alliance"] = [node(a, a, kind="coalition", status="active") for a in alliances]
        self.rels[("MEMBER_OF", "Actor", "Alliance")] = [
            edge("MEMBER_OF", a, al)
            for al in alliances
            for a in rng.sample(ids, rng.randint(3, 10))
        ]
        for rel_type, count in (("ALLIED_WITH", 300), ("SUPPORTS", 100), ("HOSTILE_TO", 300)):
            pairs = {tuple(rng.sample(ids, 2)) for _ in range(count)}
            self.rels[(rel_type, "Actor", "Actor")] = [
                edge(rel_type, a, b, valid_from="2018") for a, b in sorted(pairs)
            ]
        operations = [f"operation:b{i:04d}" for i in range(500)]
        self.nodes["Operation"] = [
            node(o, o, date=f"{rng.randint(2019, 2023)}-{rng.randint(1, 12):02d}-15")
            for o in operations
        ]
        self.rels[("CONDUCTED", "Actor", "Operation")] = [
            edge("CONDUCTED", a, o) for o in operations for a in rng.sample(ids, 2)
        ]

    def counts(self) -> dict[str, int]:
        return {
            "nodes": sum(len(v) for v in self.nodes.values()),
            "relationships": sum(len(v) for v in self.rels.values()),
            "incidents": len(self.nodes["Incident"]),
            "participations": len(self.rels[("PARTICIPATED_IN", "Actor", "Incident")]),
        }


def batches(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), BATCH):
        yield rows[i : i + BATCH]


async def load(store: GraphStore, graph: Synthetic) -> float:
    began = time.perf_counter()
    for label, rows in graph.nodes.items():
        for batch in batches(rows):
            await store.write(upsert_nodes_statement(label), {"rows": batch})
    for (rel_type, a, b), rows in graph.rels.items():
        for batch in batches(rows):
            await store.write(upsert_relationships_statement(rel_type, a, b), {"rows": batch})
    await refresh_place_rollup(store)  # as the loaders keep it (raw statements above)
    return time.perf_counter() - began


async def loaded(store: GraphStore, graph: Synthetic) -> bool:
    """Whether the store already holds this generated graph (a `--store` kept from a run)."""
    found = await store.read(count_nodes_statement("Incident"), {})
    return bool(found[0]["count"] == len(graph.nodes["Incident"]))


async def timed_async(repeat: int, work: Callable[[], Awaitable[T]]) -> tuple[float, T]:
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = await work()
        times.append(time.perf_counter() - began)
    assert result is not None
    return min(times), result


def timed(repeat: int, work: Callable[[], T]) -> tuple[float, T]:
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - began)
    assert result is not None
    return min(times), result


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def networkx_pagerank(graph: nx.Graph) -> dict[str, float]:
    """networkx's PageRank: the scipy one when installed, else its pure-Python reference."""
    if importlib.util.find_spec("scipy") is not None:
        return dict(nx.pagerank(graph, weight="weight"))
    module = importlib.import_module("networkx.algorithms.link_analysis.pagerank_alg")
    return dict(module._pagerank_python(graph, weight="weight"))


COMPARED: dict[str, tuple[Callable[[nx.Graph], Any], Callable[[Compiled], Any]]] = {
    "pagerank": (networkx_pagerank, lambda c: c.pagerank()),
    "betweenness_exact": (nx.betweenness_centrality, lambda c: c.betweenness()),
    "eigenvector": (
        lambda g: nx.eigenvector_centrality(g, max_iter=1000, weight="weight"),
        lambda c: c.eigenvector(),
    ),
    "articulation_points": (
        lambda g: set(nx.articulation_points(g)),
        lambda c: c.articulation_points(),
    ),
    "louvain": (
        lambda g: nx.community.louvain_communities(g, weight="weight", seed=measures.DEFAULT_SEED),
        lambda c: c.communities(measures.DEFAULT_SEED),
    ),
}
"""Influence measures with a networkx and a compiled (rustworkx or numpy) implementation."""

PYTHON_ONLY: dict[str, Callable[[nx.Graph], Any]] = {
    "degree": lambda g: dict(g.degree()),
    "weighted_degree": lambda g: dict(g.degree(weight="weight")),
    "constraint": measures.constraint,
}
"""Measures computed the same way in both set-ups (no compiled implementation used)."""


def measure_timings(graph: nx.Graph, repeat: int, slow_repeat: int = 1) -> dict[str, Any]:
    """networkx vs rustworkx per measure (best of repeat; networkx's slow ones once), and the
    whole `measures.measure` (conversion included) as the catalog runs it."""
    convert_s, compiled = timed(repeat, lambda: Compiled.of(graph))
    compared = {}
    for name, (reference, fast) in COMPARED.items():
        progress(f"  {name}: networkx, then rustworkx")
        nx_s, _ = timed(
            slow_repeat if graph.number_of_nodes() > 500 else repeat, lambda r=reference: r(graph)
        )  # type: ignore[misc]
        rx_s, _ = timed(repeat, lambda f=fast: f(compiled))  # type: ignore[misc]
        compared[name] = {
            "networkx_s": round(nx_s, 4),
            "rustworkx_s": round(rx_s, 4),
            "speedup": round(nx_s / rx_s, 1) if rx_s else None,
        }
    same_code = {name: round(timed(repeat, lambda f=f: f(graph))[0], 4)  # type: ignore[misc]
                 for name, f in PYTHON_ONLY.items()}  # fmt: skip
    all_s, _ = timed(repeat, lambda: measures.measure(graph))
    networkx_total = sum(v["networkx_s"] for v in compared.values()) + sum(same_code.values())
    return {
        "to_rustworkx_s": round(convert_s, 4),
        "compared": compared,
        "python_in_both_s": same_code,
        "all_measures_s": round(all_s, 3),
        "all_measures_networkx_s": round(networkx_total, 3),
        "all_measures_speedup": round(networkx_total / all_s, 1),
    }


async def bench_network(
    store: GraphStore, network: str, filters: Filters, repeat: int
) -> dict[str, Any]:
    """Projection read, graph build and every measure for one network, best of `repeat`."""
    progress(f"{network}: projection and measures")
    statement, params = NETWORK_STATEMENTS[network], filters.params()
    read_s, records = await timed_async(repeat, lambda: store.read(statement, params))
    build_s, net = timed(repeat, lambda: build_network(records))
    return {
        "projection_query_s": round(read_s, 3),
        "evidence_rows": len(records),
        "build_graph_s": round(build_s, 3),
        "actors": net.number_of_nodes(),
        "edges": net.number_of_edges(),
        "measures": measure_timings(net, repeat),
    }


async def bench_seed(repeat: int) -> dict[str, Any]:
    """The same comparison on the seed knowledge base (data/), all time."""
    from loaders.curated import load_paths

    with tempfile.TemporaryDirectory() as tmp:
        store = await open_store(f"embedded:{tmp}/graph")
        try:
            await load_paths(store, [Path(__file__).resolve().parent.parent / "data"])
            return {
                network: await bench_network(store, network, Filters(), repeat)
                for network in ("cooperation", "hostility")
            }
        finally:
            await store.close()


async def bench(args: argparse.Namespace) -> dict[str, Any]:
    began = time.perf_counter()
    graph = Synthetic(args.actors, args.incidents)
    generated = time.perf_counter() - began
    filters = Filters(start=args.window_start, end=args.window_end)
    with tempfile.TemporaryDirectory() as tmp:
        store = await open_store(f"embedded:{args.store or Path(tmp) / 'graph'}")
        try:
            await store.ensure_schema()
            load_seconds: float | None = None
            if await loaded(store, graph):
                progress(f"reusing the generated graph in {args.store}")
            else:
                progress("loading the generated graph")
                load_seconds = await load(store, graph)
            networks = {
                network: await bench_network(store, network, filters, args.repeat)
                for network in ("cooperation", "hostility")
            }
            presence = PRESENCE, filters.params()
            presence_s, _ = await timed_async(args.repeat, lambda: store.read(*presence))
        finally:
            await store.close()
    seed = await bench_seed(args.repeat)
    large_total = sum(n["measures"]["all_measures_s"] for n in networks.values())
    return {
        "what": "projection query and every influence measure for one window: networkx vs "
        "rustworkx per measure, on the seed knowledge base and on a generated graph",
        "command": "bench/bench_analytics.py " + " ".join(sys.argv[1:]),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "graph": {**graph.counts(), "actors": args.actors, "regions": REGIONS},
        "window": [args.window_start, args.window_end],
        "repeat": args.repeat,
        "timing": "best of repeat, seconds",
        "generate_s": round(generated, 2),
        "load_s": None if load_seconds is None else round(load_seconds, 2),
        "networks": networks,
        "all_measures_both_networks_s": round(large_total, 3),
        "target_all_measures_s": 3.0,
        "presence_query_s": round(presence_s, 3),
        "seed_knowledge_base": seed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--actors", type=int, default=2000)
    parser.add_argument("--incidents", type=int, default=200_000)
    parser.add_argument("--window-start", default="2023-01")
    parser.add_argument("--window-end", default="2023-12")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--store",
        type=Path,
        help="keep the generated graph in this embedded store directory and reuse it when "
        "it already holds it (default: a temporary one)",
    )
    args = parser.parse_args()
    figures = asyncio.run(bench(args))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
