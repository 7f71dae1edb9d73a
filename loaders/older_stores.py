"""What a store written by an older version lacks, derived again from what it holds.

Each place's region roll-up (queries.place_rollup) and each Region's dates and lineage
from the admin-1 table (queries.region_periods) are written with the places; a store
from before they existed has the places without them. `sahelkg schema --ensure` and the
start of every event load fill them in, and write nothing when nothing is missing.
"""

from __future__ import annotations

from graph.store.base import GraphStore
from loaders.admins import dated_units
from queries.place_rollup import refresh_place_rollup
from queries.region_periods import fill_missing_region_periods


async def complete_older_store(store: GraphStore) -> int:
    """Fill in the places' roll-up and the Region dates and lineage a store lacks; returns
    how many Region nodes got their dates or lineage."""
    await refresh_place_rollup(store, missing_only=True)
    return await fill_missing_region_periods(store, dated_units())
