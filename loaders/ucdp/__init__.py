"""UCDP data: GED events (`sahelkg load-ucdp-ged`) and the actor list (`load-ucdp-actors`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from graph.store.base import GraphStore
from loaders.eventload import LoadOptions, load_event_files
from loaders.progress import EventLoadSummary
from loaders.ucdp.actors import load_ucdp_actors
from loaders.ucdp.ged import UCDP_GED, UCDP_GED_SOURCE, parse_ged


async def load_ucdp_ged(
    store: GraphStore, paths: Sequence[Path], options: LoadOptions | None = None
) -> EventLoadSummary:
    """Load UCDP GED event CSVs."""
    return await load_event_files(store, paths, UCDP_GED, options or LoadOptions())


__all__ = ["UCDP_GED", "UCDP_GED_SOURCE", "load_ucdp_actors", "load_ucdp_ged", "parse_ged"]
