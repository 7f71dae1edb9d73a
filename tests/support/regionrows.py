"""ACLED rows in the admin-1 units Mali (2023) and Burkina Faso (July 2025) carved from
older ones, and a loader for them: the stores the crosswalk tests read."""

from __future__ import annotations

from pathlib import Path

from graph.store import GraphStore
from loaders.acled import load_acled
from loaders.eventload import LoadOptions
from tests.support.eventfiles import write_short_acled

CARVED_REGION_ROWS = [  # Burkina Faso's Sahel region before July 2025, Liptako and Soum after
    ["BFA1", "2024-03-05", "Battles", "A", "B", "Burkina Faso", "854", "Sahel", "", "", ""],
    ["BFA2", "2025-09-01", "Battles", "A", "B", "Burkina Faso", "854", "Liptako", "", "", ""],
    ["BFA3", "2025-09-02", "Battles", "A", "B", "Burkina Faso", "854", "Soum", "", "", ""],
    ["MLI1", "2024-01-05", "Battles", "A", "B", "Mali", "466", "Bandiagara", "", "", ""],
    ["MLI2", "2024-01-06", "Battles", "A", "B", "Mali", "466", "Kita", "", "", ""],
]


async def load_short_acled(store: GraphStore, folder: Path, rows: list[list[str]]) -> None:
    """Load `rows` (SHORT_ACLED_HEADER's columns) as one ACLED file; none may be rejected."""
    path = write_short_acled(folder / f"acled-{rows[0][0]}.csv", rows)
    summary = await load_acled(store, [path], LoadOptions(rejects_dir=folder))
    assert summary.rows_rejected == 0
