"""Relationship connections: an actor's claims, each with its evidence, filtered and paged.

Every edge carries its `Claim`. Filters are the analyst's: `asOf`, a window
(`activeBetween`), `minStatus`, `maxCredibility` and relationship types; the catalog (queries.relationships) applies
them, batched across every actor of a query level by the relations loader.
"""

from __future__ import annotations

from enum import Enum

import strawberry

from api.graphql.context import Context, RelationFilter
from api.graphql.scalars import PartialDate
from api.graphql.types.connections import PageInfo, page_of_sorted, requested_page
from api.graphql.types.evidence import Claim, ClaimStatusEnum
from api.graphql.types.lists import DateWindow, window_bounds
from api.graphql.types.node import Node, node_from
from graph.schema import ACTOR_RELATIONSHIP_TYPES
from graph.vocab import ClaimStatus
from queries.alliances import Membership
from queries.params import AsOfWindowGrades, validate_params
from queries.relations import Relation


@strawberry.enum(description="The claim types between actors, alliances and places.")
class RelationshipType(Enum):
    PART_OF = "PART_OF"
    SPLINTER_OF = "SPLINTER_OF"
    MEMBER_OF = "MEMBER_OF"
    AFFILIATED_WITH = "AFFILIATED_WITH"
    ALLIED_WITH = "ALLIED_WITH"
    SUPPORTS = "SUPPORTS"
    HOSTILE_TO = "HOSTILE_TO"
    OPERATES_IN = "OPERATES_IN"
    SIGNATORY_OF = "SIGNATORY_OF"


if tuple(t.value for t in RelationshipType) != ACTOR_RELATIONSHIP_TYPES:
    raise RuntimeError("RelationshipType must list graph.schema.ACTOR_RELATIONSHIP_TYPES")

CURSOR_KIND = "rel"


async def _load_node(info: strawberry.Info[Context, None], node_id: str) -> Node | None:
    """A node by id through the request's loader (batched with its siblings)."""
    found = await info.context.loaders.nodes.load(node_id)
    return None if found is None else node_from(*found)


@strawberry.type(description="A claim linking the parent node to `node`, with its evidence.")
class RelationshipEdge:
    cursor: str
    type: RelationshipType
    relation: str = strawberry.field(
        description="What `node` is to the parent: ally, enemy, member_of, parent, subunit, "
        "supports, supported_by, splinter_of, splinter, affiliated, active_in, signatory_of."
    )
    node_id: strawberry.ID
    via_id: strawberry.ID | None = strawberry.field(
        description="For co-members of an alliance: the alliance that links them."
    )
    evidence: Claim

    @strawberry.field(description="The node at the other end.")
    async def node(self, info: strawberry.Info[Context, None]) -> Node | None:
        return await _load_node(info, str(self.node_id))

    @strawberry.field(description="The alliance linking co-members, if any.")
    async def via(self, info: strawberry.Info[Context, None]) -> Node | None:
        return None if self.via_id is None else await _load_node(info, str(self.via_id))


@strawberry.type
class RelationshipConnection:
    edges: list[RelationshipEdge]
    page_info: PageInfo
    total_count: int


def _key(row: Relation) -> list[str]:
    via = row.via.id if row.via else ""
    return [str(row.relation), row.other.id, row.type, via, row.evidence.valid_from or ""]


async def relationship_connection(
    info: strawberry.Info[Context, None],
    actor_id: str,
    relations: tuple[str, ...] | None,
    claim_filter: RelationFilter,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> RelationshipConnection:
    """One page of an actor's claims (of `relations`, or all), in a stable order."""
    page = requested_page(info.context.limits, CURSOR_KIND, first, after, last, before)
    rows = await info.context.loaders.relations.load((actor_id, claim_filter))
    chosen = sorted((r for r in rows if relations is None or r.relation in relations), key=_key)
    found = page_of_sorted(chosen, _key, CURSOR_KIND, page)
    edges = [
        RelationshipEdge(
            cursor=cursor,
            type=RelationshipType[row.type],
            relation=str(row.relation),
            node_id=strawberry.ID(row.other.id),
            via_id=None if row.via is None else strawberry.ID(row.via.id),
            evidence=row.evidence,  # type: ignore[arg-type]  # the catalog's Claim, as is
        )
        for cursor, row in found.items
    ]
    return RelationshipConnection(
        edges=edges, page_info=found.page_info, total_count=found.total_count
    )


def claim_filter(
    as_of: PartialDate | None,
    min_status: ClaimStatusEnum,
    max_credibility: int,
    types: list[RelationshipType] | None = None,
    active_between: DateWindow | None = None,
    *,
    field: str = "relationships",
) -> RelationFilter:
    """The analyst's filters, checked by the catalog's own parameters model (the one
    coercion path: the same messages and codes as `sahelkg query`)."""
    start, end = window_bounds(active_between)
    grades = validate_params(
        AsOfWindowGrades,
        {"as_of": as_of, "min_status": str(ClaimStatus(min_status)),
         "max_credibility": max_credibility, "start": start, "end": end},
        query=field,
    )  # fmt: skip
    return RelationFilter(
        as_of=grades.as_of,
        min_status=str(grades.min_status),
        max_credibility=grades.max_credibility,
        types=tuple(sorted(t.value for t in types)) if types else None,
        start=grades.start,
        end=grades.end,
    )


@strawberry.type(description="A member of an alliance, with the evidence for its membership.")
class MemberEdge:
    cursor: str
    node_id: strawberry.ID
    evidence: Claim

    @strawberry.field(description="The member (an actor, or an alliance in an alliance).")
    async def node(self, info: strawberry.Info[Context, None]) -> Node | None:
        return await _load_node(info, str(self.node_id))


@strawberry.type
class MemberConnection:
    edges: list[MemberEdge]
    page_info: PageInfo
    total_count: int


MEMBER_CURSOR = "member"


async def member_connection(
    info: strawberry.Info[Context, None],
    alliance_id: str,
    claim_filter: RelationFilter,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> MemberConnection:
    """One page of an alliance's members (the catalog's alliance_members), by member id."""
    page = requested_page(info.context.limits, MEMBER_CURSOR, first, after, last, before)
    members = await info.context.loaders.members.load((alliance_id, claim_filter))

    def key(item: Membership) -> list[str]:
        return [item.member.id, item.evidence.valid_from or ""]

    found = page_of_sorted(sorted(members, key=key), key, MEMBER_CURSOR, page)
    edges = [
        MemberEdge(
            cursor=cursor,
            node_id=strawberry.ID(item.member.id),
            evidence=item.evidence,  # type: ignore[arg-type]  # the catalog's Claim, as is
        )
        for cursor, item in found.items
    ]
    return MemberConnection(edges=edges, page_info=found.page_info, total_count=found.total_count)
