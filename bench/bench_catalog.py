"""Every catalog entry at growing event-data sizes: median of 5 runs, one process.

Run: `.venv/bin/python bench/bench_catalog.py [--sizes 10000 100000 300000 --repeat 5]`.

For each size, a fresh embedded FalkorDB in a temporary directory gets the seed knowledge
base (data/) and a generated graph of that many incidents (bench_analytics.Synthetic:
actors, regions, incidents over 2019–2023 with their participants, alliances, claims,
operations). Each entry then runs with the parameters of its example command (`sahelkg
queries NAME`, i.e. the seed data's ids) through `CatalogQuery.execute`, as the CLI and the
API call it; the median of `--repeat` runs is kept. Writes bench/results/catalog.json and
a table, bench/results/catalog.md, one column per size.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_analytics import Synthetic, load  # noqa: E402

from api.cli.explain import EXAMPLE_VALUES  # noqa: E402
from graph.store import open_store  # noqa: E402
from loaders.curated import load_paths  # noqa: E402
from queries.catalog import load_catalog  # noqa: E402
from queries.place_rollup import refresh_place_rollup  # noqa: E402

RESULTS = ROOT / "bench" / "results"
TARGET_MS = 300.0
WHATIF_TARGET_MS = 1000.0


def progress(message: str) -> None:
    print(f"[bench_catalog] {message}", file=sys.stderr, flush=True)


SCENARIOS: dict[str, dict[str, Any]] = {
    "whatif": {"add_alliances": ["alliance:jnim-cma-alignment"]},
}
"""Entries whose example (no parameters) would time nothing real: the what-if then has an
empty scenario, so it runs the README's question instead — what would the possible
JNIM–CMA alignment (data/newsletters) change? — which edits the cooperation network."""


def example_params(entry: Any) -> dict[str, Any]:
    required = entry.params.model_json_schema().get("required", [])
    return {**{name: EXAMPLE_VALUES[name] for name in required}, **SCENARIOS.get(entry.name, {})}


async def loaded_store(incidents: int, keep: Path | None) -> tuple[Any, Path]:
    """A store holding the seed data and `incidents` generated ones: generated once into
    `keep/<incidents>` and reused by later runs (300k takes minutes), or a temporary one."""
    directory = keep / str(incidents) if keep else Path(tempfile.mkdtemp(prefix="bench-cat-"))
    done = directory / "loaded"
    store = await open_store(f"embedded:{directory}/graph")
    if done.exists():
        progress(f"{incidents:,} incidents: reusing {directory}")
        await refresh_place_rollup(store, missing_only=True)  # kept by an older version
        return store, directory
    await store.clear()
    await store.ensure_schema()
    await load_paths(store, [ROOT / "data"])
    progress(f"{incidents:,} incidents: generating and loading")
    await load(store, Synthetic(max(200, incidents // 150), incidents))
    if keep:
        done.write_text("ok\n")
    return store, directory


async def bench_size(
    incidents: int, repeat: int, keep: Path | None
) -> tuple[dict[str, float], dict[str, float]]:
    """(median of `repeat` runs, first run) per entry, in ms. The first run reads the
    networks cold; later runs of the analytics entries are served from the cache."""
    timings: dict[str, float] = {}
    first: dict[str, float] = {}
    store, directory = await loaded_store(incidents, keep)
    try:
        for name, entry in load_catalog().items():
            params = example_params(entry)
            runs = []
            for _ in range(repeat):
                began = time.perf_counter()
                await entry.execute(store, params)
                runs.append((time.perf_counter() - began) * 1000)
            timings[name] = round(statistics.median(runs), 1)
            first[name] = round(runs[0], 1)
            progress(f"{incidents:,} incidents: {name} {timings[name]} ms (first {first[name]})")
    finally:
        await store.close()
        if keep is None:
            shutil.rmtree(directory)
    return timings, first


def table(
    sizes: list[int], by_size: dict[int, dict[str, float]], first: dict[int, dict[str, float]]
) -> str:
    """Medians per size, the first (cold) run at the largest size, and the verdict."""
    largest_size = sizes[-1]
    head = (
        "| entry | "
        + " | ".join(f"{s:,} incidents (ms)" for s in sizes)
        + f" | first run at {largest_size:,} (ms) | target at largest |"
    )
    lines = [head, "|---" * (len(sizes) + 3) + "|"]
    for name in by_size[sizes[0]]:
        target = WHATIF_TARGET_MS if name == "whatif" else TARGET_MS
        largest = by_size[largest_size][name]
        verdict = "met" if largest <= target else f"missed (≤ {target:.0f})"
        cells = " | ".join(f"{by_size[s][name]:.1f}" for s in sizes)
        lines.append(f"| {name} | {cells} | {first[largest_size][name]:.1f} | {verdict} |")
    return "\n".join(lines)


async def main_async(args: argparse.Namespace) -> None:
    by_size: dict[int, dict[str, float]] = {}
    first: dict[int, dict[str, float]] = {}
    load_before = os.getloadavg()
    for size in args.sizes:
        by_size[size], first[size] = await bench_size(size, args.repeat, args.keep)
    load_after = os.getloadavg()
    report = {
        "what": "every catalog entry, median of repeat runs, one process, example parameters",
        "command": "bench/bench_catalog.py " + " ".join(sys.argv[1:]),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "repeat": args.repeat,
        "load_average_before_after": [list(load_before), list(load_after)],
        "median_ms": {str(size): timings for size, timings in by_size.items()},
        "first_run_ms": {str(size): timings for size, timings in first.items()},
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "catalog.json").write_text(json.dumps(report, indent=2) + "\n")
    text = table(args.sizes, by_size, first)
    loads = f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after"
    (RESULTS / "catalog.md").write_text(
        f"# Catalog entries by incidents loaded\n\n`{report['command']}`, median of "
        f"{args.repeat}, ms; {loads}. The first run reads cold; the analytics entries' later "
        f"runs come from the per-store-version cache (queries/readcache.py).\n\n"
        f"{text}\n"
    )
    print(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 300_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--keep",
        type=Path,
        default=None,
        help="Directory for the generated stores, one per size, reused by later runs.",
    )
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
