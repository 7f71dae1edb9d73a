"""Root query fields over nodes: lookups by global id, filtered lists, name search."""

from __future__ import annotations

from enum import Enum
from typing import TypeAlias

import strawberry

from api.graphql.context import Context
from api.graphql.errors import ApiError
from api.graphql.types.connections import PageInfo, page_of_sorted, requested_page
from api.graphql.types.lists import (
    ActorFilter,
    AllianceFilter,
    Connection,
    DateOrder,
    IncidentFilter,
    NameOrder,
    RegionFilter,
    node_connection,
)
from api.graphql.types.node import Node, node_from
from api.graphql.types.nodes import Actor, Alliance, Incident, Region
from graph.schema import LABELS
from graph.store.base import Record
from queries.nodes import NodeFilter, search_nodes

Info: TypeAlias = strawberry.Info[Context, None]


@strawberry.enum(description="Node labels of the graph, for `search(kinds:)`.")
class NodeLabel(Enum):
    SOURCE = "Source"
    ACTOR = "Actor"
    ALLIANCE = "Alliance"
    COUNTRY = "Country"
    REGION = "Region"
    LOCATION = "Location"
    INCIDENT = "Incident"
    OPERATION = "Operation"
    EVENT = "Event"
    ACTIVITYREPORT = "ActivityReport"
    ASSESSMENT = "Assessment"
    EDIT = "Edit"


if {label.value for label in NodeLabel} != set(LABELS):
    raise RuntimeError("NodeLabel must list graph.schema.LABELS")


async def _one(info: Info, node_id: str, label: str | None) -> Node | None:
    found = await info.context.loaders.nodes.load(node_id)
    if found is None or (label is not None and found[0] != label):
        return None
    return node_from(*found)


@strawberry.type(description="A search hit: the node, how well its name matched, its cursor.")
class SearchEdge:
    cursor: str
    node: Node
    match: str = strawberry.field(description="exact, prefix or contains (name or an alias).")


@strawberry.type(description="Search hits in pages (Relay): best match first, then by name.")
class SearchConnection:
    edges: list[SearchEdge]
    page_info: PageInfo
    total_count: int


SEARCH_CURSOR = "search"
MATCHES = ("exact", "prefix", "contains")


def _search_key(hit: tuple[str, Record, int]) -> list[str]:
    _, props, rank = hit
    return [str(rank), props.get("name") or "", props["id"]]


@strawberry.type
class NodeQuery:
    @strawberry.field(description="Any node by its graph id, e.g. actor:jnim.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        return await _one(info, str(id), None)

    @strawberry.field(description="Several nodes by id, in the order asked (null if unknown).")
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
        if len(ids) > info.context.limits.max_page_size:
            raise ApiError(
                "page_size_exceeded",
                f"ids has {len(ids)} items; at most {info.context.limits.max_page_size}",
            )
        found = await info.context.loaders.nodes.load_many([str(i) for i in ids])
        return [None if item is None else node_from(*item) for item in found]

    @strawberry.field(description="An actor by id.")
    async def actor(self, info: Info, id: strawberry.ID) -> Actor | None:
        return await _one(info, str(id), "Actor")  # type: ignore[return-value]

    @strawberry.field(description="An alliance by id.")
    async def alliance(self, info: Info, id: strawberry.ID) -> Alliance | None:
        return await _one(info, str(id), "Alliance")  # type: ignore[return-value]

    @strawberry.field(description="A region by id.")
    async def region(self, info: Info, id: strawberry.ID) -> Region | None:
        return await _one(info, str(id), "Region")  # type: ignore[return-value]

    @strawberry.field(description="Actors, filtered and ordered, in pages.")
    async def actors(
        self, info: Info, filter: ActorFilter | None = None, order_by: NameOrder = NameOrder.NAME,
        first: int | None = None, after: str | None = None,
        last: int | None = None, before: str | None = None,
    ) -> Connection[Actor]:  # fmt: skip
        where = filter.to_filter() if filter else NodeFilter()
        return await node_connection(
            info, "Actor", where, order_by.value, first, after, last, before
        )

    @strawberry.field(description="Alliances, filtered and ordered, in pages.")
    async def alliances(
        self, info: Info, filter: AllianceFilter | None = None,
        order_by: NameOrder = NameOrder.NAME, first: int | None = None,
        after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> Connection[Alliance]:  # fmt: skip
        where = filter.to_filter() if filter else NodeFilter()
        return await node_connection(
            info, "Alliance", where, order_by.value, first, after, last, before
        )

    @strawberry.field(description="Regions, filtered and ordered, in pages.")
    async def regions(
        self, info: Info, filter: RegionFilter | None = None,
        order_by: NameOrder = NameOrder.NAME, first: int | None = None,
        after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> Connection[Region]:  # fmt: skip
        where = filter.to_filter() if filter else NodeFilter()
        return await node_connection(
            info, "Region", where, order_by.value, first, after, last, before
        )

    @strawberry.field(description="Incidents, filtered by region, actor, dates, dataset.")
    async def incidents(
        self, info: Info, filter: IncidentFilter | None = None,
        order_by: DateOrder = DateOrder.DATE, first: int | None = None,
        after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> Connection[Incident]:  # fmt: skip
        where = filter.to_filter() if filter else NodeFilter()
        return await node_connection(
            info, "Incident", where, order_by.value, first, after, last, before
        )

    @strawberry.field(
        description="Nodes whose name or an alias contains `text` (case-insensitive): exact "
        "matches first, then prefixes, then the rest (ties by name, then id); by default "
        "actors, alliances and places. Keyset cursors: a node added later never shifts a page."
    )
    async def search(
        self, info: Info, text: str, kinds: list[NodeLabel] | None = None,
        first: int | None = None, after: str | None = None,
        last: int | None = None, before: str | None = None,
    ) -> SearchConnection:  # fmt: skip
        page = requested_page(info.context.limits, SEARCH_CURSOR, first, after, last, before)
        labels = [k.value for k in kinds] if kinds else None
        hits = await search_nodes(info.context.store, text, labels, None)
        found = page_of_sorted(hits, _search_key, SEARCH_CURSOR, page)
        edges = [
            SearchEdge(cursor=cursor, node=node_from(hit[0], hit[1]), match=MATCHES[hit[2]])
            for cursor, hit in found.items
        ]
        return SearchConnection(
            edges=edges, page_info=found.page_info, total_count=found.total_count
        )
