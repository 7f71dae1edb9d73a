"""Per-request context: the store, the caller, the limits, and fresh DataLoaders.

Loaders live for one request only (no data is cached between requests, so workers and
hosts behind a load balancer never disagree). Each batches the keys one level of the
query asks for into one catalog read: a nested query costs round trips per level of
depth, not per node.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from strawberry.dataloader import DataLoader

from api.graphql.settings import ApiSettings, Limits
from api.graphql.tokens import Principal
from graph.store.base import GraphStore, Record
from queries.alliances import Membership
from queries.catalog import load_catalog
from queries.nodes import nodes_by_ids
from queries.params import AsOfWindowGrades
from queries.regionchanges import RegionChange
from queries.relations import Relation, read_relations


@dataclass(frozen=True)
class RelationFilter:
    """The analyst's filters on claims, as one hashable loader key part."""

    as_of: str | None = None
    min_status: str = "possible"
    max_credibility: int = 6
    types: tuple[str, ...] | None = None
    start: str | None = None
    end: str | None = None

    def params(self) -> dict[str, Any]:
        """As catalog parameters (unset ones left out, so the entry's defaults apply)."""
        values: dict[str, Any] = {
            "as_of": self.as_of,
            "min_status": self.min_status,
            "max_credibility": self.max_credibility,
            "types": list(self.types) if self.types else None,
            "start": self.start,
            "end": self.end,
        }
        return {k: v for k, v in values.items() if v is not None}

    def grades(self) -> AsOfWindowGrades:
        return AsOfWindowGrades.model_validate(
            {"as_of": self.as_of, "min_status": self.min_status,
             "max_credibility": self.max_credibility, "start": self.start, "end": self.end}
        )  # fmt: skip


class Loaders:
    """The DataLoaders of one request."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.nodes: DataLoader[str, tuple[str, Record] | None] = DataLoader(self._load_nodes)
        self.relations: DataLoader[tuple[str, RelationFilter], list[Relation]] = DataLoader(
            self._load_relations
        )
        self.members: DataLoader[tuple[str, RelationFilter], list[Membership]] = DataLoader(
            self._load_members
        )
        self.region_changes: DataLoader[str | None, list[RegionChange]] = DataLoader(
            self._load_region_changes
        )

    async def _load_nodes(self, ids: Sequence[str]) -> list[tuple[str, Record] | None]:
        found = await nodes_by_ids(self.store, list(ids))
        return [found.get(node_id) for node_id in ids]

    async def _load_members(
        self, keys: Sequence[tuple[str, RelationFilter]]
    ) -> list[list[Membership]]:
        """The catalog's alliance_members for each alliance, run concurrently."""
        entry = load_catalog()["alliance_members"]
        runs = [entry.execute(self.store, {"alliance_id": a, **f.params()}) for a, f in keys]
        return [list(found) for found in await asyncio.gather(*runs)]

    async def _load_region_changes(
        self, countries: Sequence[str | None]
    ) -> list[list[RegionChange]]:
        """The catalog's region_changes for each country (None: every country): the
        crosswalk of all the regions of a page in one read per country."""
        entry = load_catalog()["region_changes"]
        runs = [entry.execute(self.store, {"country": c} if c else {}) for c in countries]
        return [list(found) for found in await asyncio.gather(*runs)]

    async def _load_relations(
        self, keys: Sequence[tuple[str, RelationFilter]]
    ) -> list[list[Relation]]:
        by_filter: dict[RelationFilter, list[str]] = defaultdict(list)
        for actor_id, claim_filter in keys:
            by_filter[claim_filter].append(actor_id)
        answers: dict[tuple[str, RelationFilter], list[Relation]] = defaultdict(list)
        for claim_filter, actor_ids in by_filter.items():
            found = await read_relations(
                self.store, actor_ids, claim_filter.grades(), claim_filter.types
            )
            for row in found:
                answers[(row.actor_id, claim_filter)].append(row)
        return [answers[key] for key in keys]


@dataclass
class Context:
    """What every resolver can reach through `info.context`."""

    store: GraphStore
    settings: ApiSettings
    principal: Principal
    loaders: Loaders
    request_id: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def limits(self) -> Limits:
        return self.settings.limits
