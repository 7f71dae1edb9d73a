"""The explorer at size: time from query to drawn layout for 100, 1,000 and 5,000 nodes.

Run: `make bench-explorer` or `.venv/bin/python bench/bench_explorer.py [--sizes
100,1000,5000 --repeat 3]`.

1. Writes a synthetic curated knowledge base (one hub actor, ten coalitions allied with it,
   the other actors PART_OF a coalition, and one HOSTILE_TO claim per two actors between
   random coalition members) to a temporary directory, loads it with `sahelkg load` into
   a fresh embedded store, and serves the API app (`api.graphql.app.create_app`, the app
   `sahelkg serve` runs) with uvicorn in a thread, in local development mode and with the
   bulk graph field's node cap raised to the largest size.
2. For each size it opens the real page in Debian's headless chromium at
   `/explore/?actor=actor:hub&depth=2&maxNodes=N` and reads the page's own timings
   (`window.explorer.timings`): the GraphQL round trip (`queryMs`), Cytoscape drawing plus
   the fCoSE layout to its `layoutstop` (`drawMs`), and the sum (`totalMs`). Best of
   `--repeat` page loads.
3. Writes the figures, with each size's ratio to the 100-node run of the same run, to
   bench/results/explorer.json and prints them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import uvicorn
import yaml
from playwright.sync_api import sync_playwright

from api.graphql.app import create_app
from api.graphql.settings import ApiSettings, Limits
from graph.embedded import EmbeddedServer

REPO_ROOT = Path(__file__).resolve().parent.parent
RESULTS = REPO_ROOT / "bench" / "results" / "explorer.json"
CHROMIUM = os.environ.get("SAHELKG_CHROMIUM", "/usr/bin/chromium")
SAHELKG = [sys.executable, "-m", "api.cli"]
SOURCE = "source:bench-synthetic"
COALITIONS = 10


def knowledge_base(nodes: int, seed: int = 7) -> dict[str, Any]:
    """`nodes` actors reachable from actor:hub within two hops, about 1.5 claims per actor."""
    rng = random.Random(seed)
    kinds = ["jihadist_group", "armed_group", "militia", "state_force", "separatist_group"]
    actors = [{"id": "actor:hub", "name": "Hub", "kind": "armed_group", "source_ids": [SOURCE]}]
    relationships = []
    leaders = [f"actor:coalition-{i}" for i in range(COALITIONS)]

    def claim(kind: str, a: str, b: str) -> dict[str, Any]:
        return {
            "type": kind,
            "from": a,
            "to": b,
            "valid_from": "2020-01",
            "status": rng.choice(["confirmed", "reported", "possible"]),
            "credibility": rng.randint(1, 6),
            "source_ids": [SOURCE],
        }

    for i, leader in enumerate(leaders):
        actors.append(
            {"id": leader, "name": f"Coalition {i}", "kind": kinds[i % 5], "source_ids": [SOURCE]}
        )
        relationships.append(claim("ALLIED_WITH", "actor:hub", leader))
    members = []
    for i in range(nodes - 1 - COALITIONS):
        member = f"actor:member-{i}"
        members.append(member)
        actors.append(
            {"id": member, "name": f"Member {i}", "kind": rng.choice(kinds), "source_ids": [SOURCE]}
        )
        relationships.append(claim("PART_OF", member, leaders[i % COALITIONS]))
    for _ in range(len(members) // 2):
        a, b = rng.sample(members, 2)
        relationships.append(claim("HOSTILE_TO", a, b))
    source = {
        "id": SOURCE,
        "name": "Synthetic benchmark network",
        "reliability": "C",
        "kind": "reference",
    }
    return {"sources": [source], "actors": actors, "relationships": relationships}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_healthy(url: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise RuntimeError("the API did not start")


def measure(url: str, repeat: int) -> dict[str, Any]:
    """Best-of-`repeat` page timings at `url` (one fresh page each time)."""
    runs = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for _ in range(repeat):
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            page.goto(url)
            page.wait_for_function("document.body.dataset.ready === 'true'", timeout=600_000)
            page.evaluate(
                "async () => { let s; do { s = window.explorer.settled; await s; }"
                " while (s !== window.explorer.settled); }"
            )
            timings = page.evaluate("window.explorer.timings")
            errors = page.evaluate("window.explorer.errors")
            if errors:
                raise RuntimeError(f"the page reported: {errors}")
            runs.append(timings[-1])
            page.close()
        browser.close()
    best = min(runs, key=lambda r: r["totalMs"])
    return {
        key: round(value, 1) if isinstance(value, float) else value for key, value in best.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="sahelkg-bench-explorer-") as tmp:
        for size in sizes:
            home = Path(tmp) / f"n{size}"
            home.mkdir()
            kb = home / "kb.yaml"
            kb.write_text(yaml.safe_dump(knowledge_base(size), sort_keys=False), encoding="utf-8")
            env = {
                **os.environ,
                "SAHELKG_STORE": f"embedded:{home / 'graph'}",
                "SAHELKG_API_DEV": "1",
                "SAHELKG_TOKENS_FILE": str(home / "tokens.json"),
            }
            # Hold the embedded server from the load to the last page: nothing restarts it.
            lease = EmbeddedServer(home / "graph")
            lease.acquire()
            subprocess.run([*SAHELKG, "load", str(kb)], env=env, check=True, capture_output=True)
            settings = ApiSettings(
                store_url=env["SAHELKG_STORE"],
                dev=True,
                tokens_file=home / "tokens.json",
                limits=Limits(max_graph_nodes=max(sizes), timeout_s=120),
            )
            port = free_port()
            server = uvicorn.Server(
                uvicorn.Config(
                    create_app(settings), host="127.0.0.1", port=port, log_level="warning"
                )
            )
            thread = threading.Thread(target=server.run, daemon=True)
            thread.start()
            try:
                base = f"http://127.0.0.1:{port}"
                wait_healthy(base)
                page = f"{base}/explore/?actor=actor:hub&depth=2&end=2023-12&maxNodes={size}"
                result = measure(page, args.repeat)
            finally:
                server.should_exit = True
                thread.join(timeout=30)
                lease.release()
            figures[str(size)] = result
            print(f"{size:>6} nodes asked: {result}", flush=True)
    baseline = figures[str(sizes[0])]["totalMs"]
    for result in figures.values():
        result["ratio_to_smallest"] = round(result["totalMs"] / baseline, 2)
    report = {
        "what": "explorer: GraphQL graph query + Cytoscape draw + fCoSE layout, headless chromium",
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_1_5_15_at_end": [round(v, 1) for v in os.getloadavg()],
        },
        "repeat": args.repeat,
        "baseline": f"{sizes[0]} nodes",
        "sizes": figures,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(REPO_ROOT)}")


if __name__ == "__main__":
    main()
