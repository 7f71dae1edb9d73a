"""Batched upsert throughput on the embedded engine: 100,000 nodes and 300,000 relationships.

Run: `.venv/bin/python bench/bench_upsert.py [--nodes N --rels M --batch B]`.
Writes figures to bench/results/upsert.json (and prints them). A fresh store in a temporary
directory is used, so nothing touches ./var. Each write is a real `UNWIND $rows … MERGE`
through the same statements the loaders use; the second pass measures re-load (MERGE hits).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import random
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from graph.store import GraphStore, open_store
from queries.stats import graph_counts
from queries.writes import upsert_nodes_statement, upsert_relationships_statement

RESULTS = Path(__file__).resolve().parent / "results" / "upsert.json"


def node_rows(count: int) -> list[dict[str, Any]]:
    return [
        {
            "id": f"actor:bench-{i}",
            "props": {
                "id": f"actor:bench-{i}",
                "name": f"Bench actor {i}",
                "kind": "armed_group",
                "aliases": [f"BA{i}"],
                "source_ids": ["source:bench"],
            },
        }
        for i in range(count)
    ]


def rel_rows(nodes: int, count: int) -> list[dict[str, Any]]:
    rng = random.Random(7)
    rows = []
    for i in range(count):
        a, b = rng.randrange(nodes), rng.randrange(nodes)
        rel_id = f"HOSTILE_TO|actor:bench-{a}|actor:bench-{b}|{i}"
        rows.append(
            {
                "from_id": f"actor:bench-{a}",
                "to_id": f"actor:bench-{b}",
                "props": {
                    "id": rel_id,
                    "status": "reported",
                    "status_rank": 3,
                    "credibility": 3,
                    "source_ids": ["source:bench"],
                    "valid_from": "2023-01-01",
                },
            }
        )
    return rows


async def timed_upserts(store: GraphStore, nodes: int, rels: int, batch: int) -> dict[str, float]:
    """Seconds for the node upserts, the relationship upserts and the re-load of both."""
    n_rows, r_rows = node_rows(nodes), rel_rows(nodes, rels)
    node_statement = upsert_nodes_statement("Actor")
    rel_statement = upsert_relationships_statement("HOSTILE_TO", "Actor", "Actor")
    started = time.perf_counter()
    await store.write_batches(node_statement, n_rows, batch)
    node_s = time.perf_counter() - started
    started = time.perf_counter()
    await store.write_batches(rel_statement, r_rows, batch)
    rel_s = time.perf_counter() - started
    started = time.perf_counter()
    await store.write_batches(node_statement, n_rows, batch)
    await store.write_batches(rel_statement, r_rows, batch)
    reload_s = time.perf_counter() - started
    counts, rel_counts = await graph_counts(store)
    assert counts["Actor"] == nodes, counts
    assert rel_counts["HOSTILE_TO"] == rels, rel_counts
    return {"node_s": node_s, "rel_s": rel_s, "reload_s": reload_s}


async def run(nodes: int, rels: int, batch: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="sahelkg-bench-") as tmp:
        store = await open_store(f"embedded:{tmp}/graph")
        try:
            await store.ensure_schema()
            timed = await timed_upserts(store, nodes, rels, batch)
        finally:
            await store.close()
    node_s, rel_s, reload_s = timed["node_s"], timed["rel_s"], timed["reload_s"]
    return {
        "nodes": nodes,
        "relationships": rels,
        "batch_size": batch,
        "node_seconds": round(node_s, 3),
        "relationship_seconds": round(rel_s, 3),
        "nodes_per_second": round(nodes / node_s),
        "relationships_per_second": round(rels / rel_s),
        "reload_seconds": round(reload_s, 3),
        "client_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "machine": f"{platform.machine()} {platform.python_implementation()} "
        f"{platform.python_version()}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--rels", type=int, default=300_000)
    parser.add_argument("--batch", type=int, default=5_000)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    figures = asyncio.run(run(args.nodes, args.rels, args.batch))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
