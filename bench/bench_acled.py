"""ACLED load throughput and memory: 200,000 synthetic rows into a fresh embedded store.

Run: `.venv/bin/python bench/bench_acled.py [--rows 200000 --memory-sizes 50000,200000]`.

1. Generates synthetic ACLED rows (2023+ layout: 300 actor names, 2,000 places in a
   three-level admin hierarchy, associated actors, quoted notes) to a temporary file.
2. Parse rate: the ACLED parser alone over the file (rows/s).
3. End-to-end rate: `load_acled` into a fresh embedded FalkorDB in a temporary directory
   (parse, resolve, batched UNWIND writes, progress off), then a second load of the same
   file (every MERGE hits: the idempotent re-load).
4. Engine-only vs end-to-end, side by side in the same run: the writes a load sends are
   recorded, then a plain load and a replay of those writes (the engine and its client
   alone) each go into a fresh store; the ratio is the loader's share of the engine's rate.
   Beside it, the CPU seconds each side used (this process, the parse worker, the server):
   on a machine whose cores are all busy the wall-clock ratio tends to their ratio.
5. Peak memory: for each size the parent writes a file of that many rows; a fresh child
   process imports everything, notes its maximum resident set size, loads the file into its
   own fresh store and reports the maximum again (VmHWM). The loader's
   memory stays flat as the file grows (the database server's grows with the graph and is
   not counted: it is a separate process).

Figures go to bench/results/acled.json and are printed.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.recording import RecordingStore, replay
from graph.store import open_store
from loaders.acled import load_acled, parse_acled
from loaders.csvfile import CsvFile
from loaders.eventload import INCIDENTS_PER_TRANSACTION, LoadOptions
from queries.stats import graph_counts

RESULTS = Path(__file__).resolve().parent / "results" / "acled.json"
SIDE_RESULTS = RESULTS.with_name("acled_engine_vs_loader.json")
HEADER = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
_INTERS = ("State forces", "Rebel group", "Political militia", "Identity militia", "Civilians")
_TYPES = (
    ("Political violence", "Battles", "Armed clash"),
    ("Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Political violence", "Violence against civilians", "Attack"),
    ("Demonstrations", "Protests", "Peaceful protest"),
    ("Strategic developments", "Strategic developments", "Looting/property destruction"),
)


def generate(path: Path, rows: int, seed: int = 7) -> None:
    """Write `rows` synthetic ACLED rows (deterministic for a given seed)."""
    rng = random.Random(seed)
    actors = [f"Synthetic Armed Group {i} (Mali)" for i in range(296)]
    actors += ["JNIM: Group for Support of Islam and Muslims", "Military Forces of Mali (2021-)",
               "Wagner Group", "Civilians (Mali)"]  # fmt: skip
    admins = [(f"Region {a}", f"Cercle {a}-{b}", f"Commune {a}-{b}-{c}")
              for a in range(10) for b in range(10) for c in range(20)]  # fmt: skip
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i in range(rows):
            disorder, event_type, sub = _TYPES[i % len(_TYPES)]
            admin1, admin2, admin3 = admins[rng.randrange(len(admins))]
            day = 1 + i % 28
            assoc = "; ".join(rng.sample(actors, rng.randrange(0, 3)))
            writer.writerow([
                f"MLI{i}", f"2023-{1 + i % 12:02d}-{day:02d}", "2023", "1", disorder, event_type,
                sub, rng.choice(actors), assoc, rng.choice(_INTERS), rng.choice(actors), "",
                rng.choice(_INTERS), "", "", "466", "Western Africa", "Mali", admin1, admin2,
                admin3, f"Village {admin3}", f"{rng.uniform(10, 20):.4f}",
                f"{rng.uniform(-12, 4):.4f}", "1", "Synthetic source", "National",
                f"On day {day}, an event \"{sub}\" happened near Village {admin3}, reportedly.",
                str(rng.randrange(0, 20)), "", "1690000000",
            ])  # fmt: skip


def parse_rate(path: Path) -> dict[str, Any]:
    started = time.perf_counter()
    count = 0
    with CsvFile(path) as csv_file:
        for _ in parse_acled(csv_file):
            count += 1
    seconds = time.perf_counter() - started
    return {"rows": count, "seconds": round(seconds, 2), "rows_per_second": round(count / seconds)}


async def load_rate(path: Path, batch_size: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="sahelkg-bench-") as data_dir:
        store = await open_store(f"embedded:{data_dir}")
        try:
            options = LoadOptions(batch_size=batch_size, progress=False)
            first = await load_acled(store, [path], options)
            second = await load_acled(store, [path], options)
            nodes, rels = await graph_counts(store)
        finally:
            await store.close()
    return {
        "rows": first.rows_read,
        "batch_size": batch_size,
        "first_load_seconds": round(first.seconds, 2),
        "first_load_rows_per_second": round(first.rows_per_second),
        "reload_seconds": round(second.seconds, 2),
        "reload_rows_per_second": round(second.rows_per_second),
        "incidents": nodes["Incident"],
        "actors": nodes["Actor"],
        "relationships": sum(rels.values()),
    }


async def engine_side_by_side(path: Path, batch_size: int, repeats: int = 3) -> dict[str, Any]:
    """End-to-end load vs the engine alone taking the same writes, each into a fresh store.

    A recording load captures every write the loader sends (statements and parameters,
    grouped by transaction); then, in this order, a plain load into a fresh store
    (end-to-end: parse, resolve, batch, write) and a replay of the recorded transactions
    into another fresh store (engine-only: the same writes through the same client),
    `repeats` times, alternating, each pair reported with its ratio and the median ratio.
    """
    options = LoadOptions(batch_size=batch_size, progress=False)
    pairs: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="sahelkg-bench-") as data_dir:
        recording = RecordingStore(await open_store(f"embedded:{data_dir}/recorded"))
        try:
            summary = await load_acled(recording, [path], options)
        finally:
            await recording.close()
        rows = summary.rows_read
        for run in range(repeats):  # alternate, so both see the same machine load
            store = await open_store(f"embedded:{data_dir}/end-to-end-{run}")
            try:
                before = await _cpu_seconds(store)
                end_to_end = await load_acled(store, [path], options)
                loader_cpu = await _cpu_seconds(store) - before
            finally:
                await store.close()
            store = await open_store(f"embedded:{data_dir}/engine-only-{run}")
            try:
                before = await _cpu_seconds(store)
                engine = await replay(store, recording.transactions)
                engine_cpu = await _cpu_seconds(store) - before
            finally:
                await store.close()
            pairs.append({
                "end_to_end_rows_per_second": round(end_to_end.rows_per_second),
                "engine_only_rows_per_second": round(rows / engine["seconds"]),
                "share": round(end_to_end.rows_per_second * engine["seconds"] / rows, 3),
                "end_to_end_cpu_seconds": round(loader_cpu, 2),
                "engine_only_cpu_seconds": round(engine_cpu, 2),
                "cpu_share": round(engine_cpu / loader_cpu, 3),
            })  # fmt: skip
    shares = sorted(pair["share"] for pair in pairs)
    cpu_shares = sorted(pair["cpu_share"] for pair in pairs)
    return {
        "rows": rows,
        "batch_size": batch_size,
        "transactions": engine["transactions"],
        "statements": engine["statements"],
        "pairs": pairs,
        "end_to_end_share_of_engine_only_median": shares[len(shares) // 2],
        "cpu_share_median": cpu_shares[len(cpu_shares) // 2],
    }


async def _cpu_seconds(store: Any) -> float:
    """CPU seconds so far of this process, its reaped children (a parse worker) and the
    store's server: on a saturated machine the wall-clock share tends to the ratio of
    these totals (engine-only over end-to-end), whatever runs in parallel."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    info = await store._db.connection.info("cpu")  # the embedded FalkorDB server
    server = sum(float(info[key]) for key in ("used_cpu_sys", "used_cpu_user"))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime + server


def child_peak(path: Path, batch_size: int) -> dict[str, Any]:
    """Load `path` in a fresh child process into its own store; its peak RSS in MiB."""
    output = subprocess.run(
        [sys.executable, __file__, "--child", str(path), "--batch", str(batch_size)],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return dict(json.loads(output.strip().splitlines()[-1]))


def _high_water_mib() -> float:
    """This process's peak resident set size (VmHWM).

    Not `getrusage`'s ru_maxrss: Linux carries that across fork and exec, so a child would
    report its parent's peak.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux


def _child(path: Path, batch_size: int) -> None:
    """Runs in the child: everything imported first, so the difference is the load's."""
    before = _high_water_mib()
    result = asyncio.run(load_rate_once(path, batch_size))
    peak = _high_water_mib()
    result.update(file_mib=round(path.stat().st_size / 2**20, 1),
                  rss_before_load_mib=round(before, 1), peak_rss_mib=round(peak, 1),
                  load_growth_mib=round(peak - before, 1))  # fmt: skip
    print(json.dumps(result))


async def load_rate_once(path: Path, batch_size: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="sahelkg-bench-") as data_dir:
        store = await open_store(f"embedded:{data_dir}")
        try:
            summary = await load_acled(store, [path], LoadOptions(batch_size=batch_size,
                                                                  progress=False))  # fmt: skip
        finally:
            await store.close()
    return {"rows": summary.rows_read, "rows_per_second": round(summary.rows_per_second)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--batch", type=int, default=INCIDENTS_PER_TRANSACTION)
    parser.add_argument("--memory-sizes", default="50000,200000")
    parser.add_argument(
        "--side-rows",
        type=int,
        default=100_000,
        help="rows for the engine-only vs end-to-end comparison",
    )
    parser.add_argument(
        "--repeats", type=int, default=3, help="alternating end-to-end / engine-only pairs"
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--only-side-by-side",
        action="store_true",
        help="run only the engine-only vs end-to-end comparison",
    )
    args = parser.parse_args()
    if args.only_side_by_side:
        with tempfile.TemporaryDirectory(prefix="sahelkg-bench-") as tmp:
            side_path = Path(tmp) / "acled-side.csv"
            generate(side_path, args.side_rows)
            load_at_start = [round(x, 2) for x in os.getloadavg()]
            side = asyncio.run(engine_side_by_side(side_path, args.batch, args.repeats))
        side["machine"] = {"cpus": os.cpu_count(), "load_average_at_start": load_at_start,
                           "load_average_at_end": [round(x, 2) for x in os.getloadavg()]}  # fmt: skip
        SIDE_RESULTS.parent.mkdir(parents=True, exist_ok=True)
        SIDE_RESULTS.write_text(json.dumps(side, indent=2) + "\n")
        print(json.dumps(side, indent=2))
        return
    if args.child:
        _child(args.child, args.batch)
        return
    load_at_start = [round(x, 2) for x in os.getloadavg()]  # other work on the machine
    with tempfile.TemporaryDirectory(prefix="sahelkg-bench-") as tmp:
        path = Path(tmp) / "acled.csv"
        started = time.perf_counter()
        generate(path, args.rows)
        generated = time.perf_counter() - started
        parse = parse_rate(path)
        load = asyncio.run(load_rate(path, args.batch))
        side_path = Path(tmp) / "acled-side.csv"
        generate(side_path, args.side_rows)
        side_by_side = asyncio.run(engine_side_by_side(side_path, args.batch, args.repeats))
        size_mib = round(path.stat().st_size / 2**20, 1)
        memory = []
        for size in (int(text) for text in args.memory_sizes.split(",")):
            sized = Path(tmp) / f"acled-{size}.csv"
            generate(sized, size)
            memory.append(child_peak(sized, args.batch))
            sized.unlink()
    results = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average_at_start": load_at_start,
            "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        },
        "file": {"rows": args.rows, "mib": size_mib, "generate_seconds": round(generated, 2)},
        "parse": parse,
        "load": load,
        "engine_only_vs_end_to_end": side_by_side,
        "memory": memory,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
