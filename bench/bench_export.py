"""Briefing exports at size: time to export a 100- and a 1,000-node network to PNG and to
PPTX, with SVG (no browser) as the baseline measured in the same run.

Run: `make bench-export` or `.venv/bin/python bench/bench_export.py [--sizes 100,1000
--repeat 2]`.

The networks are synthetic subgraphs (seeded: a hub, preferential attachment, the
project's actor kinds, statuses and credibilities), handed to the same code the CLI runs:
`plan_network` (seeded layout and label placement), then SVG, PNG (Debian chromium drawing
with the explorer's Cytoscape code, one browser started once, as `sahelkg brief` does) and
a PPTX holding the network picture (PNG plus python-pptx). Best of `--repeat`. Figures go
to bench/results/export.json with each format's ratio to SVG of the same size.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from api.export.brief import BriefContent, PictureSlide, write_brief
from api.export.browser import browser
from api.export.marking import Tlp
from api.export.picture import PictureOptions, plan_network
from api.export.write import write_network
from queries.subgraph import Subgraph, SubgraphNode
from queries.types import Claim, Edge, NodeRef

RESULTS = Path(__file__).resolve().parent / "results" / "export.json"
KINDS = ["jihadist_group", "armed_group", "militia", "state_force", "foreign_state_force"]
TYPES = ["ALLIED_WITH", "HOSTILE_TO", "SUPPORTS", "PART_OF"]
STATUSES = ["confirmed", "reported", "assessed", "possible"]


def synthetic(n: int, seed: int = 11) -> Subgraph:
    rng = random.Random(seed)
    refs = [
        NodeRef(id=f"actor:a{i:05d}", label="Actor", name=f"Group {i}", kind=rng.choice(KINDS))
        for i in range(n)
    ]
    degree = [1] * n
    pairs: set[tuple[int, int]] = set()
    for i in range(1, n):
        for _ in range(2 if i > 2 else 1):
            j = rng.choices(range(i), weights=degree[:i])[0]
            pairs.add((j, i))
            degree[i] += 1
            degree[j] += 1
    depth = {0: 0}
    for a, b in sorted(pairs, key=lambda p: p[1]):
        depth.setdefault(b, depth.get(a, 0) + 1)
    nodes = [
        SubgraphNode(
            ref=r,
            depth=min(depth.get(i, 3), 3),
            measures={"pagerank": degree[i] / (2 * len(pairs))},
        )
        for i, r in enumerate(refs)
    ]
    edges = [
        Edge(type=rng.choice(TYPES), source=refs[a], target=refs[b],
             evidence=Claim(status=rng.choice(STATUSES), credibility=rng.randint(1, 6)))
        for a, b in sorted(pairs)
    ]  # fmt: skip
    return Subgraph(
        selection="actor",
        centre=[refs[0].id],
        as_of="2023-09-30",
        nodes=nodes,
        edges=edges,
        sources=[],
    )


def best(repeat: int, work: Callable[[], Any]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    options = PictureOptions(marking=Tlp.AMBER, acled_accessed="2024-01-15")
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as folder, browser() as chromium:
        out = Path(folder)
        for n in (int(s) for s in args.sizes.split(",")):
            graph = synthetic(n)
            print(f"{n} nodes, {len(graph.edges)} links", file=sys.stderr)

            def svg(graph: Subgraph = graph) -> None:
                write_network(plan_network(graph, options), "svg", out / "n.svg")

            def png(graph: Subgraph = graph) -> None:
                write_network(plan_network(graph, options), "png", out / "n.png", chromium)

            def pptx() -> None:
                png()
                content = BriefContent(
                    title="Bench", subtitle="", marking=options.marking, lang="en", cutoff="2023-09",
                    pictures=[PictureSlide(out / "n.png", "notes")], changes=[], changes_notes="",
                    sources=[], acled_accessed=None,
                )  # fmt: skip
                write_brief(content, out / "n.pptx")

            plan_s = best(args.repeat, lambda graph=graph: plan_network(graph, options))
            svg_s = best(args.repeat, svg)
            png_s = best(args.repeat, png)
            pptx_s = best(args.repeat, pptx)
            labels = len(plan_network(graph, options).labels)
            row = {
                "nodes": n, "links": len(graph.edges), "labels_shown": labels,
                "layout_and_labels_s": round(plan_s, 2), "svg_s": round(svg_s, 2),
                "png_s": round(png_s, 2), "pptx_s": round(pptx_s, 2),
                "png_vs_svg": round(png_s / svg_s, 2), "pptx_vs_svg": round(pptx_s / svg_s, 2),
            }  # fmt: skip
            print(json.dumps(row), file=sys.stderr)
            results.append(row)
    RESULTS.parent.mkdir(exist_ok=True)
    report = {
        "what": "export time from a subgraph (seconds, best of repeats); ratios to SVG (no browser)",
        "machine": f"{platform.machine()}, {platform.python_version()}, shared 2-core box",
        "repeat": args.repeat,
        "results": results,
    }
    RESULTS.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
