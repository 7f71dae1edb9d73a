"""Region dates and lineage for stores written before Region nodes carried them.

Region nodes written from `data/gazetteer/admin1.csv` carry `valid_from`, `valid_to` and
`carved_from` (queries.regionchanges reads the crosswalk from them). A store written by
an older version has the same Region nodes without them, so `region_changes` and the
GraphQL `Region.carvedFrom` answer nothing until the regions are written again. This
fills them in place — at `sahelkg schema --ensure` and at the start of every event load,
like the places' roll-up — without touching what is already there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graph.store.base import GraphStore

FILL_MISSING_REGION_PERIODS = (
    "UNWIND $units AS unit "
    "MATCH (r:Region {id: unit.id}) "
    "WITH r, unit, (r.valid_from IS NULL AND r.valid_to IS NULL) AS undated "
    "WHERE (undated AND (unit.valid_from IS NOT NULL OR unit.valid_to IS NOT NULL)) "
    "OR (r.carved_from IS NULL AND unit.carved_from IS NOT NULL) "
    "SET r.valid_from = CASE WHEN undated THEN unit.valid_from ELSE r.valid_from END, "
    "r.valid_to = CASE WHEN undated THEN unit.valid_to ELSE r.valid_to END, "
    "r.carved_from = coalesce(r.carved_from, unit.carved_from) "
    "RETURN count(r) AS filled"
)
"""A region's period is taken whole, and only when it has none (a period a curated file
gave stays as it is, as the curated loader keeps it); its lineage when it has none. A
store that lacks nothing matches no row, so nothing is written (one indexed look-up per
dated unit of the table, a few dozen)."""


async def fill_missing_region_periods(store: GraphStore, units: Sequence[Mapping[str, Any]]) -> int:
    """Give the Region nodes among `units` (`id`, `valid_from`, `valid_to`, `carved_from`,
    absent ones null) the period and lineage they lack; returns how many were filled."""
    if not units:
        return 0
    rows = await store.write(FILL_MISSING_REGION_PERIODS, {"units": [dict(u) for u in units]})
    return int(rows[0]["filled"]) if rows else 0
