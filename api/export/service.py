"""Exports from Python: read what a picture needs (async, from the store), then draw it
(sync: chromium runs outside the event loop). The CLI and the GraphQL download links call
these; so can a notebook.

    data = asyncio.run(read_network(store, NetworkQuery("actor", ["actor:jnim"], depth=2)))
    export_network(data, PictureOptions(marking=Tlp.GREEN), "png", Path("jnim.png"))
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from api.export.activity import Activity, read_activity
from api.export.changes import Change, link_changes, rank_changes
from api.export.chart import chart_picture
from api.export.choropleth import map_picture
from api.export.picture import PictureOptions, plan_network
from api.export.write import Progress, browser_for, quiet, write_network, write_svg_picture
from graph.store.base import GraphStore
from queries.series import MonthWindow as Window
from queries.subgraph import (
    Subgraph,
    read_ego_subgraph,
    read_path_subgraph,
    read_whatif_subgraph,
)

Metric = Literal["incidents", "fatalities", "reported"]


@dataclass(frozen=True)
class NetworkQuery:
    """Which subgraph: an ego network (actor, alliance or region) or paths between two."""

    selection: Literal["actor", "alliance", "region", "path", "whatif"]
    ids: list[str]
    depth: int = 2
    as_of: str | None = None
    min_status: str = "possible"
    max_credibility: int = 6
    types: list[str] | None = None
    k: int = 3
    kinds: list[str] | None = None
    """Only actors of these kinds (the explorer's kind filter)."""
    in_region: str | None = None
    """Only actors operating in this region (the explorer's region filter)."""


async def read_network(store: GraphStore, query: NetworkQuery) -> Subgraph:
    """The subgraph the query chooses, with the explorer's actor filters applied."""
    subgraph = await _read_selection(store, query)
    return subgraph.keep_actors(query.kinds, query.in_region)


async def _read_selection(store: GraphStore, query: NetworkQuery) -> Subgraph:
    grades: dict[str, Any] = {
        "as_of": query.as_of, "min_status": query.min_status,
        "max_credibility": query.max_credibility, "types": query.types,
    }  # fmt: skip
    if query.selection == "path":
        if len(query.ids) != 2:
            raise ValueError("--path takes two ids: FROM TO")
        return await read_path_subgraph(store, query.ids[0], query.ids[1], query.k, **grades)
    if query.selection == "whatif":
        if len(query.ids) != 2:
            raise ValueError("--whatif takes two actor ids: ACTOR OTHER")
        return await read_whatif_subgraph(store, query.ids[0], query.ids[1], query.depth, **grades)
    subgraph = await read_ego_subgraph(
        store, query.ids[0], query.depth, selection=query.selection, **grades
    )
    if not subgraph.nodes:
        raise LookupError(
            f"{query.ids[0]} has no links for these filters (or is not in the graph); "
            "`sahelkg query ego_network -p actor_id=…` shows the same answer"
        )
    return subgraph


def export_network(
    subgraph: Subgraph, options: PictureOptions, fmt: str, path: Path, chromium: Any = None,
    progress: Progress = quiet,
) -> list[Path]:  # fmt: skip
    progress(f"laying out {len(subgraph.nodes)} nodes and {len(subgraph.edges)} links")
    picture = plan_network(subgraph, options)
    with browser_for({fmt}, chromium) as started:
        progress(f"writing {fmt.upper()} to {path}")
        return write_network(picture, fmt, path, started)


@dataclass(frozen=True)
class ActivityWindows:
    """Activity in a window and in the window of the same length just before it."""

    now: Activity
    previous: Activity


async def read_activity_windows(
    store: GraphStore, start: str, end: str, region_id: str | None = None,
    before: tuple[str, str] | None = None,
) -> ActivityWindows:  # fmt: skip
    window = Window.of(start, end)
    earlier = Window.of(*before) if before else window.previous()
    now = await read_activity(store, window.first, window.last, region_id)
    previous = await read_activity(store, earlier.first, earlier.last, region_id)
    return ActivityWindows(now, previous)


def place_name(data: ActivityWindows, region_id: str | None) -> str:
    """What a chart's title calls its area: the region's name, or the Sahel."""
    if not region_id:
        return "Sahel"
    names = {**data.previous.names(), **data.now.names()}
    return names.get(region_id, region_id)


def export_map(
    data: ActivityWindows, options: PictureOptions, metric: Metric, change: bool, fmt: str,
    path: Path, chromium: Any = None,
) -> Path:  # fmt: skip
    root = map_picture(data.now, options, metric, data.previous if change else None)
    with browser_for({fmt}, chromium) as started:
        return write_svg_picture(root, fmt, path, options.size, started)


def export_chart(
    data: ActivityWindows, options: PictureOptions, where: str, fmt: str, path: Path,
    chromium: Any = None,
) -> Path:  # fmt: skip
    root = chart_picture(data.now, data.previous, options, where)
    with browser_for({fmt}, chromium) as started:
        return write_svg_picture(root, fmt, path, options.size, started)


@dataclass(frozen=True)
class BriefData:
    """Everything a briefing pack shows, read in one go."""

    actor_id: str
    start: str
    end: str
    network: Subgraph
    activity: ActivityWindows
    changes: list[Change] = field(default_factory=list)


async def read_brief(
    store: GraphStore, actor_id: str, start: str, end: str, depth: int = 2,
    progress: Progress = quiet,
) -> BriefData:  # fmt: skip
    window = Window.of(start, end)
    progress(f"reading the network of {actor_id} as of {window.last}")
    network = await read_network(store, NetworkQuery("actor", [actor_id], depth, as_of=window.last))
    progress("reading the network at the window's start (for what changed)")
    before = await read_ego_subgraph(store, actor_id, depth, as_of=window.first)
    progress(f"reading regional activity {window.first} to {window.last} and the window before")
    activity = await read_activity_windows(store, window.first, window.last)
    progress("measuring influence in both windows")
    changes = link_changes(before, network) + await rank_changes(
        store, network, window.first, window.last
    )
    return BriefData(actor_id, window.first, window.last, network, activity, changes)
