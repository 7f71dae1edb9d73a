"""Embedded FalkorDB and Neo4j side by side, in one run: the same bulk load, the same queries.

Run: `.venv/bin/python bench/bench_engines.py [--nodes N --rels M --batch B --repeat R]`
(`make bench-engines`; needs `make neo4j`). Neo4j is started from the Maven jars for the run
(with the JVM options of a long-running server), or taken from `NEO4J_URI` — which is then
emptied, so never point it at a database you care about.

1. Bulk load: the loaders' own `UNWIND $rows … MERGE` statements, N Actor nodes and M
   HOSTILE_TO relationships in batches, then the same again (every MERGE hits): rows/s.
2. Catalog: data/ plus the ACLED and UCDP test files (the engines-agree test's data), then
   every catalog entry with the engines-agree test's sample call, R timed runs after two
   warm-up runs: p50 and p95 in milliseconds, and Neo4j's time as a ratio of FalkorDB's.

Figures go to bench/results/engines.json and are printed as a table.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_upsert import timed_upserts

from graph.store import GraphStore, open_store, parse_store_url
from graph.store.neo4j_store import Neo4jStore
from queries.catalog import load_catalog
from tests.support.catalog_samples import SAMPLES, load_everything
from tests.support.neo4j_session import server_version
from tools.neo4j.server import Connection, start

RESULTS = Path(__file__).resolve().parent / "results" / "engines.json"


async def bulk_load(store: GraphStore, nodes: int, rels: int, batch: int) -> dict[str, Any]:
    await store.clear()
    await store.ensure_schema()
    timed = await timed_upserts(store, nodes, rels, batch)
    return {
        "nodes_per_second": round(nodes / timed["node_s"]),
        "relationships_per_second": round(rels / timed["rel_s"]),
        "reload_rows_per_second": round((nodes + rels) / timed["reload_s"]),
    }


async def time_catalog(store: GraphStore, repeat: int, rejects: Path) -> dict[str, Any]:
    await load_everything(store, rejects)
    catalog = load_catalog()
    figures: dict[str, Any] = {}
    for name in sorted(SAMPLES):
        entry, params = catalog[name], SAMPLES[name]
        for _ in range(2):
            await entry.execute(store, **params)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            await entry.execute(store, **params)
            times.append((time.perf_counter() - started) * 1000)
        figures[name] = {
            "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(statistics.quantiles(times, n=20)[-1], 2),
        }
    return figures


async def run_engine(store: GraphStore, args: argparse.Namespace, rejects: Path) -> dict[str, Any]:
    try:
        bulk = await bulk_load(store, args.nodes, args.rels, args.batch)
        queries = await time_catalog(store, args.repeat, rejects)
        await store.clear()
    finally:
        await store.close()
    return {"bulk": bulk, "queries": queries}


def neo4j_connection(home: Path) -> tuple[Connection, Any]:
    given = os.environ.get("NEO4J_URI")
    if given:
        parsed = parse_store_url(given)
        assert parsed.uri is not None and parsed.user is not None
        return Connection(parsed.uri, parsed.user, parsed.password or ""), None
    server = start(home, short_lived=False)
    return server.connection, server


async def measure(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    falkordb = await open_store(f"embedded:{tmp / 'graph'}")
    results = {"falkordb": await run_engine(falkordb, args, tmp)}
    connection, server = neo4j_connection(tmp / "neo4j")
    try:
        version = server_version(connection)
        neo4j = await Neo4jStore.open(connection.uri, connection.user, connection.password)
        results["neo4j"] = await run_engine(neo4j, args, tmp)
    finally:
        if server is not None:
            server.stop()
    return {"neo4j_version": version, **results}


def side_by_side(results: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    falkor, neo = results["falkordb"], results["neo4j"]
    bulk = {
        key: {
            "falkordb": falkor["bulk"][key],
            "neo4j": neo["bulk"][key],
            "neo4j_over_falkordb": round(neo["bulk"][key] / falkor["bulk"][key], 2),
        }
        for key in falkor["bulk"]
    }
    queries = {
        name: {
            "falkordb_p50_ms": falkor["queries"][name]["p50_ms"],
            "falkordb_p95_ms": falkor["queries"][name]["p95_ms"],
            "neo4j_p50_ms": neo["queries"][name]["p50_ms"],
            "neo4j_p95_ms": neo["queries"][name]["p95_ms"],
            "neo4j_over_falkordb_p50": round(
                neo["queries"][name]["p50_ms"] / falkor["queries"][name]["p50_ms"], 2
            ),
        }
        for name in falkor["queries"]
    }
    return {
        "neo4j_version": results["neo4j_version"],
        "nodes": args.nodes,
        "relationships": args.rels,
        "batch_size": args.batch,
        "query_runs": args.repeat,
        "bulk": bulk,
        "queries": queries,
        "machine": f"{platform.machine()} {os.cpu_count()} cpus, CPython "
        f"{platform.python_version()}",
    }


def table(figures: dict[str, Any]) -> str:
    lines = [f"Neo4j {figures['neo4j_version']} vs embedded FalkorDB", ""]
    lines.append(f"{'bulk load':32} {'FalkorDB':>12} {'Neo4j':>12} {'Neo4j/Falkor':>13}")
    for key, row in figures["bulk"].items():
        lines.append(
            f"{key:32} {row['falkordb']:>12,} {row['neo4j']:>12,} {row['neo4j_over_falkordb']:>13}"
        )
    lines += ["", f"{'catalog query (ms)':26} {'F p50':>8} {'F p95':>8} {'N p50':>8} {'N p95':>8}"]
    for name, row in figures["queries"].items():
        lines.append(
            f"{name:26} {row['falkordb_p50_ms']:>8} {row['falkordb_p95_ms']:>8} "
            f"{row['neo4j_p50_ms']:>8} {row['neo4j_p95_ms']:>8}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=50_000)
    parser.add_argument("--rels", type=int, default=150_000)
    parser.add_argument("--batch", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sahelkg-bench-engines-") as tmp:
        results = asyncio.run(measure(args, Path(tmp)))
    figures = side_by_side(results, args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n")
    print(table(figures))


if __name__ == "__main__":
    main()
