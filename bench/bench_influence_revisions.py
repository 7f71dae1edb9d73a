"""The influence path at two revisions of the code, side by side on one generated store.

Run: `.venv/bin/python bench/bench_influence_revisions.py --store DIR [--before main]
[--repeat 3]`, where DIR is a store kept by `bench/bench_analytics.py --store DIR` (2,000
actors, 200,000 incidents). For each revision — `--before` (extracted with `git archive`)
and the working tree — a fresh interpreter times, best of `--repeat`, for the cooperation
and the hostility network of one window: reading the projection into a networkx graph,
every influence measure on it (`measures.measure`, as the catalog computes them), and the
`influence` catalog entry end to end. Figures go to bench/results/influence_revisions.json
as seconds and before/after ratios from this one run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results" / "influence_revisions.json"
PACKAGES = ("graph", "queries", "loaders")

TIMER = r"""
import asyncio, json, sys, time
from graph.store import open_store
from queries.analytics import measures
from queries.analytics.projection import Filters
from queries.catalog import load_catalog
try:
    from queries.analytics.network import read_network
except ImportError:  # before the split of projection.py
    from queries.analytics.projection import read_network

store_dir, start, end, repeat = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])

def best(times):
    return round(min(times), 3)

async def main():
    store = await open_store(f"embedded:{store_dir}")
    found = {}
    try:
        for network in ("cooperation", "hostility"):
            reads, measured, entry = [], [], []
            for _ in range(repeat):
                began = time.perf_counter()
                graph = await read_network(store, network, Filters(start=start, end=end))
                reads.append(time.perf_counter() - began)
                began = time.perf_counter()
                result = measures.measure(graph)
                measured.append(time.perf_counter() - began)
                began = time.perf_counter()
                await load_catalog()["influence"].execute(store, network=network, start=start, end=end)
                entry.append(time.perf_counter() - began)
            found[network] = {
                "edges": graph.number_of_edges(),
                "betweenness_k": result.betweenness_k,
                "read_and_build_s": best(reads),
                "all_measures_s": best(measured),
                "influence_entry_s": best(entry),
            }
    finally:
        await store.close()
    print(json.dumps(found))

asyncio.run(main())
"""


def extract(revision: str, into: Path) -> Path:
    archive = into / "code.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "archive", revision, *PACKAGES], cwd=REPO, stdout=out, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into / "code", filter="data")
    return into / "code"


def run(code: Path, args: argparse.Namespace) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(code)}
    done = subprocess.run(
        [sys.executable, "-c", TIMER, str(args.store), args.start, args.end, str(args.repeat)],
        cwd=code, env=env, capture_output=True, text=True, check=True, timeout=3600,
    )  # fmt: skip
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--before", default="main")
    parser.add_argument("--start", default="2023-01")
    parser.add_argument("--end", default="2023-12")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        before = run(extract(args.before, Path(tmp)), args)
    after = run(REPO, args)
    ratios = {
        network: {
            key: round(before[network][key] / after[network][key], 1)
            for key in ("read_and_build_s", "all_measures_s", "influence_entry_s")
        }
        for network in before
    }
    figures = {
        "what": "influence path (projection read + graph, every measure, the influence entry) "
        "at two revisions on one generated store, best of repeat",
        "command": "bench/bench_influence_revisions.py " + " ".join(sys.argv[1:]),
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "load_average_at_start": [round(x, 2) for x in load],
        "cpus": os.cpu_count(),
        "window": [args.start, args.end],
        "before": {"revision": args.before, **before},
        "after": {"revision": "working tree", **after},
        "before_over_after": ratios,
        "all_measures_both_networks_s": {
            "before": round(sum(before[n]["all_measures_s"] for n in before), 3),
            "after": round(sum(after[n]["all_measures_s"] for n in after), 3),
            "target": 3.0,
        },
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
