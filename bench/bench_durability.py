"""What durability costs, and how restart time follows the journal.

Run: `.venv/bin/python bench/bench_durability.py [--rows N]` (default 20,000 GED rows).
Writes bench/results/durability.json and prints it. Everything runs in one go on fresh
stores in a temporary directory, with the real CLI loader (`load-ucdp-ged`) on a
generated realistic GED file (tests/support/eventfiles.py):

1. Load throughput with the journal settings before this change (fsync once a second,
   query text journalled) against the current ones (fsync on every write, effects
   journalled), as rows/s and their ratio.
2. Restart time against journal size: after loading N/4, N/2 and N rows with compaction
   off (the journal holds every write), the time to reopen and answer a count; then the
   same after `store compact` (a snapshot).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from graph.journal import Journal  # noqa: E402
from tests.support.eventfiles import write_ged  # noqa: E402

RESULTS = REPO / "bench" / "results" / "durability.json"


def sahelkg(args: list[str], env: dict[str, str]) -> float:
    """Run the CLI; return its wall time in seconds (raise on failure)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "api.cli", *args], cwd=REPO, env=env,
                          capture_output=True, text=True)  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"sahelkg {' '.join(args)} failed: {done.stderr}")
    return time.perf_counter() - started


def load_throughput(ged: Path, rows: int, tmp: Path, settings: dict[str, str]) -> float:
    data_dir = tmp / f"graph-{len(os.listdir(tmp))}"
    env = {**os.environ, "SAHELKG_STORE": f"embedded:{data_dir}", **settings}
    sahelkg(["schema", "--ensure"], env)
    seconds = sahelkg(["load-ucdp-ged", str(ged), "--rejects-dir", str(tmp / "rejects")], env)
    return rows / seconds


def restart_curve(tmp: Path, rows: int) -> list[dict[str, Any]]:
    points = []
    for part in (rows // 4, rows // 2, rows):
        ged = write_ged(tmp / f"ged-{part}.csv", part)
        data_dir = tmp / f"restart-{part}"
        env = {**os.environ, "SAHELKG_STORE": f"embedded:{data_dir}",
               "SAHELKG_COMPACT_ON_CLOSE": "0"}  # fmt: skip
        sahelkg(["load-ucdp-ged", str(ged), "--rejects-dir", str(tmp / "rejects")], env)
        journal = Journal(data_dir)
        replay_bytes = journal.size()
        replay_s = sahelkg(["stats"], env)
        sahelkg(["store", "compact"], env)
        snapshot_bytes = journal.size()
        snapshot_s = sahelkg(["stats"], env)
        points.append({"rows": part, "journal_mb": round(replay_bytes / 1e6, 2),
                       "reopen_replay_s": round(replay_s, 2),
                       "snapshot_mb": round(snapshot_bytes / 1e6, 2),
                       "reopen_snapshot_s": round(snapshot_s, 2)})  # fmt: skip
        print(points[-1], flush=True)
    return points


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        ged = write_ged(tmp / "ged.csv", args.rows)
        before = load_throughput(ged, args.rows, tmp,
                                 {"SAHELKG_FSYNC": "everysec", "SAHELKG_JOURNAL_EFFECTS": "0"})  # fmt: skip
        after = load_throughput(ged, args.rows, tmp, {})
        fsync_only = load_throughput(ged, args.rows, tmp, {"SAHELKG_FSYNC": "everysec"})
        curve = restart_curve(tmp, args.rows)
    figures = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cpus, Python {platform.python_version()}",
        "ged_rows": args.rows,
        "load_rows_per_s": {
            "before (fsync everysec, query text journalled)": round(before),
            "after (fsync always, effects journalled)": round(after),
            "effects journalled, fsync everysec": round(fsync_only),
        },
        "after_over_before": round(after / before, 2),
        "fsync_always_over_everysec": round(after / fsync_only, 2),
        "restart_vs_journal": curve,
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
