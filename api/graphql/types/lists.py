"""Top-level node lists: filters as input objects, ordering enums, keyset-paged connections."""

from __future__ import annotations

from enum import Enum
from typing import Generic, TypeVar

import strawberry

from api.graphql.context import Context
from api.graphql.scalars import PartialDate
from api.graphql.types.connections import PageInfo, encode_cursor, requested_page
from api.graphql.types.evidence import ActorKindEnum, AllianceKindEnum
from api.graphql.types.node import node_from
from queries.nodes import Keyset, NodeFilter, count_nodes, list_nodes

T = TypeVar("T")


@strawberry.type(description="A node in a list, with the cursor that points at it.")
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type(description="A page of a list (Relay connection).")
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    label: strawberry.Private[str]
    where: strawberry.Private[NodeFilter]

    @strawberry.field(description="How many nodes the whole list has (one extra read).")
    async def total_count(self, info: strawberry.Info[Context, None]) -> int:
        return await count_nodes(info.context.store, self.label, self.where)


@strawberry.input(description="A period; either end may be left open.")
class DateWindow:
    start: PartialDate | None = strawberry.UNSET
    end: PartialDate | None = strawberry.UNSET


def window_bounds(window: DateWindow | None) -> tuple[str | None, str | None]:
    if window is None:
        return None, None
    start = None if window.start is strawberry.UNSET else window.start
    end = None if window.end is strawberry.UNSET else window.end
    return start, end


@strawberry.input(description="Which actors to list.")
class ActorFilter:
    kind: list[ActorKindEnum] | None = None
    name_contains: str | None = strawberry.field(
        default=None, description="Case-insensitive, in the name or any alias."
    )
    region: strawberry.ID | None = strawberry.field(
        default=None, description="Operating in this region or any part of it."
    )
    active_between: DateWindow | None = strawberry.field(
        default=None,
        description="Founded before the window ends and not dissolved before it starts.",
    )

    def to_filter(self) -> NodeFilter:
        start, end = window_bounds(self.active_between)
        return NodeFilter(
            kinds=tuple(str(k.value) for k in self.kind) if self.kind else None,
            name_contains=self.name_contains,
            region_id=self.region,
            active_from=start,
            active_to=end,
        )


@strawberry.input(description="Which alliances to list.")
class AllianceFilter:
    kind: list[AllianceKindEnum] | None = None
    name_contains: str | None = None
    active_between: DateWindow | None = None

    def to_filter(self) -> NodeFilter:
        start, end = window_bounds(self.active_between)
        return NodeFilter(
            kinds=tuple(str(k.value) for k in self.kind) if self.kind else None,
            name_contains=self.name_contains,
            active_from=start,
            active_to=end,
        )


@strawberry.input(description="Which regions to list.")
class RegionFilter:
    country: str | None = strawberry.field(default=None, description="ISO3 code, e.g. MLI.")
    level: int | None = None
    name_contains: str | None = None
    valid_on: PartialDate | None = strawberry.field(
        default=None,
        description="Only units that exist on this date (any precision), e.g. 2025-09-01 "
        "for Burkina Faso's 17 regions of July 2025.",
    )

    def to_filter(self) -> NodeFilter:
        return NodeFilter(country=self.country, level=self.level, name_contains=self.name_contains,
                          active_from=self.valid_on, active_to=self.valid_on)  # fmt: skip


@strawberry.input(description="Which incidents to list.")
class IncidentFilter:
    region: strawberry.ID | None = strawberry.field(
        default=None, description="In this region or any part of it."
    )
    actor: strawberry.ID | None = strawberry.field(default=None, description="With this actor.")
    date_between: DateWindow | None = None
    dataset: str | None = strawberry.field(default=None, description="acled, ucdp-ged, curated.")

    def to_filter(self) -> NodeFilter:
        start, end = window_bounds(self.date_between)
        return NodeFilter(
            region_id=self.region,
            actor_id=self.actor,
            active_from=start,
            active_to=end,
            dataset=self.dataset,
        )


@strawberry.enum(description="Orderings of named nodes (ties broken by id).")
class NameOrder(Enum):
    NAME = "name"
    ID = "id"


@strawberry.enum(description="Orderings of dated nodes (ties broken by id).")
class DateOrder(Enum):
    DATE = "date"
    ID = "id"


async def node_connection(
    info: strawberry.Info[Context, None],
    label: str,
    where: NodeFilter,
    sort: str,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> Connection[T]:
    """A keyset page of `label` nodes; reads one more than asked to know if more follow."""
    kind = f"{label}:{sort}"
    page = requested_page(info.context.limits, kind, first, after, last, before)
    after_key = Keyset(*page.after) if page.after and len(page.after) == 2 else None
    before_key = Keyset(*page.before) if page.before and len(page.before) == 2 else None
    if page.backward and before_key is None and after_key is None:
        before_key = Keyset("\uffff", "\uffff")
    rows = await list_nodes(
        info.context.store, label, where, sort=sort, limit=page.size + 1,
        after=None if page.backward else after_key,
        before=before_key if page.backward else None,
    )  # fmt: skip
    if not page.backward and before_key is not None:
        rows = [r for r in rows if [r[1], r[0]["id"]] < [before_key.value, before_key.id]]
    more = len(rows) > page.size
    rows = (rows[1:] if page.backward else rows[:-1]) if more else rows
    edges: list[Edge[T]] = [
        Edge(cursor=encode_cursor(kind, [value, props["id"]]), node=node_from(label, props))  # type: ignore[arg-type]
        for props, value in rows
    ]
    info_ = PageInfo(
        has_next_page=more
        if not page.backward
        else before_key is not None and page.before is not None,
        has_previous_page=more if page.backward else after_key is not None,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return Connection(edges=edges, page_info=info_, label=label, where=where)
