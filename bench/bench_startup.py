"""CLI start-up: seconds spent importing Python modules, measured with `python -X importtime`.

Run: `.venv/bin/python bench/bench_startup.py [--repeat 5]`.

For `sahelkg --help`, `sahelkg stats` (on the seed knowledge base, loaded into a store in a temporary directory)
and, as the baseline measured in the same run, importing every command module up front
(what start-up cost before commands were loaded on demand), it runs the command `--repeat`
times in a fresh interpreter and sums the cumulative import time of the top-level imports
(best of the runs), and lists the five costliest top-level imports of the best run.
Target: at most 0.4 s of imports for `--help` and `stats`. Figures go to
bench/results/startup.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results" / "startup.json"
LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \| ( *)(\S+)$")
EAGER = (
    "import importlib; from api.cli.main import COMMAND_MODULES; "
    "[importlib.import_module(x) for x in COMMAND_MODULES]"
)


def top_level_imports(stderr: str) -> dict[str, float]:
    """Seconds per top-level import (cumulative), from `-X importtime` output."""
    entries = [m.groups() for line in stderr.splitlines() if (m := LINE.match(line))]
    top = min(len(indent) for _, _, indent, _ in entries)
    found: dict[str, float] = {}
    for _, cumulative, indent, name in entries:
        if len(indent) == top:
            found[name] = found.get(name, 0.0) + int(cumulative) / 1e6
    return found


def measure(args: list[str], env: dict[str, str], repeat: int) -> dict[str, Any]:
    best: dict[str, float] | None = None
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", *args],
            cwd=REPO, env=env, capture_output=True, text=True, timeout=300, check=True,
        )  # fmt: skip
        imports = top_level_imports(done.stderr)
        if best is None or sum(imports.values()) < sum(best.values()):
            best = imports
    assert best is not None
    costliest = sorted(best.items(), key=lambda item: -item[1])[:5]
    return {
        "import_s": round(sum(best.values()), 3),
        "costliest": {name: round(s, 3) for name, s in costliest},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--output", type=Path, default=RESULTS)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "SAHELKG_STORE": f"embedded:{tmp}/graph"}
        # `stats` needs a store that exists: load the seed knowledge base into it first.
        subprocess.run([sys.executable, "-m", "api.cli", "load", "data"], cwd=REPO, env=env,
                       capture_output=True, check=True, timeout=300)  # fmt: skip
        figures = {
            "help": measure(["-m", "api.cli", "--help"], env, options.repeat),
            "stats": measure(["-m", "api.cli", "stats"], env, options.repeat),
            "baseline_all_command_modules": measure(["-c", EAGER], env, options.repeat),
        }
    baseline = figures["baseline_all_command_modules"]["import_s"]
    result = {
        "what": "seconds importing Python modules at CLI start-up (python -X importtime)",
        "command": "bench/bench_startup.py " + " ".join(sys.argv[1:]),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "timing": f"best of {options.repeat} fresh interpreters",
        "target_import_s": 0.4,
        **figures,
        "help_vs_baseline": round(figures["help"]["import_s"] / baseline, 3),
        "stats_vs_baseline": round(figures["stats"]["import_s"] / baseline, 3),
    }
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
