"""ACLED exports, every header generation and the monadic layout (`sahelkg load-acled`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from graph.model import Source
from graph.store.base import GraphStore
from loaders.acled.parser import parse_acled
from loaders.eventload import LoadOptions, load_event_files
from loaders.progress import EventLoadSummary
from loaders.records import Dataset

ACLED_SOURCE = Source(
    id="source:acled",
    name="ACLED — Armed Conflict Location & Event Data",
    publisher="Armed Conflict Location & Event Data (ACLED)",
    url="https://acleddata.com/",
    kind="dataset",
    reliability="B",
)
ACLED = Dataset(name="ACLED", source=ACLED_SOURCE, parse=parse_acled)


async def load_acled(
    store: GraphStore, paths: Sequence[Path], options: LoadOptions | None = None
) -> EventLoadSummary:
    """Load ACLED CSV exports (see `loaders.acled.layouts` for the layouts understood)."""
    return await load_event_files(store, paths, ACLED, options or LoadOptions())


__all__ = ["ACLED", "ACLED_SOURCE", "load_acled", "parse_acled"]
