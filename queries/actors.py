"""Actor entries: every claim about an actor, its profile, the allies and enemies two actors
share — all read through queries.relations."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence

from pydantic import Field

from graph.store.base import GraphStore
from graph.vocab import ActorKind
from queries.catalog import CatalogQuery, register
from queries.claims import status_rank
from queries.params import ActorId, AsOfGrades, AsOfWindowGrades, StrList
from queries.relations import Relation, RelationName, read_relations, relations_statement
from queries.types import Claim, NodeRef, Result


class ActorParams(AsOfGrades):
    actor_id: ActorId = Field(description="Actor id, e.g. actor:jnim.")


class ActorRelationsParams(ActorParams, AsOfWindowGrades):
    types: StrList | None = Field(
        default=None,
        description="Relationship types to follow (comma-separated); default: every actor "
        "claim type.",
    )


async def _run_relations(store: GraphStore, params: ActorRelationsParams) -> list[Relation]:
    return await read_relations(store, [params.actor_id], params, params.types)


ACTOR_IDS = {"actor_id": ("Actor",)}

actor_relations = register(
    CatalogQuery(
        name="actor_relations",
        description="Every claim about an actor (memberships, parents, sub-units, allies, "
        "enemies, support, regions), one row each with status, credibility, dates, sources; "
        "as of a date and/or active during a window.",
        params=ActorRelationsParams,
        result=Relation,
        run=_run_relations,
        extra_statements=lambda dialect: {"relations": relations_statement()},
        ids=ACTOR_IDS,
        tags=("relationships",),
    )
)


# -- actor profile --------------------------------------------------------------------------


class Link(Result):
    """Another node as a profile shows it, with the evidence for the link."""

    other: NodeRef
    type: str
    via: NodeRef | None = None
    evidence: Claim


class ActorProfile(Result):
    """An actor at a glance: identity plus every kind of link, each with its evidence."""

    id: str
    name: str
    kind: ActorKind | None
    aliases: list[str]
    country: str | None
    founded: str | None
    dissolved: str | None
    source_ids: list[str]
    memberships: list[Link]
    parents: list[Link]
    subunits: list[Link]
    splinter_of: list[Link]
    splinters: list[Link]
    allies: list[Link]
    enemies: list[Link]
    supports: list[Link]
    supported_by: list[Link]
    affiliations: list[Link]
    regions: list[Link]


PROFILE_SECTIONS: dict[RelationName, str] = {
    RelationName.MEMBER_OF: "memberships",
    RelationName.PARENT: "parents",
    RelationName.SUBUNIT: "subunits",
    RelationName.SPLINTER_OF: "splinter_of",
    RelationName.SPLINTER: "splinters",
    RelationName.ALLY: "allies",
    RelationName.ENEMY: "enemies",
    RelationName.SUPPORTS: "supports",
    RelationName.SUPPORTED_BY: "supported_by",
    RelationName.AFFILIATED: "affiliations",
    RelationName.ACTIVE_IN: "regions",
}

ACTOR_STATEMENT = "MATCH (a:Actor {id: $actor_id}) RETURN a AS actor"


async def _run_profile(store: GraphStore, params: ActorParams) -> list[ActorProfile]:
    # The two reads are independent: one round trip's wait, not two.
    found, relations = await asyncio.gather(
        store.read(ACTOR_STATEMENT, {"actor_id": params.actor_id}),
        read_relations(store, [params.actor_id], params, None),
    )
    actor = found[0]["actor"]
    sections: dict[str, list[Link]] = {name: [] for name in PROFILE_SECTIONS.values()}
    for rel in relations:
        section = PROFILE_SECTIONS.get(rel.relation)
        if section is not None:
            sections[section].append(
                Link(other=rel.other, type=rel.type, via=rel.via, evidence=rel.evidence)
            )
    return [
        ActorProfile(
            id=actor["id"],
            name=actor["name"],
            kind=actor.get("kind"),
            aliases=list(actor.get("aliases") or []),
            country=actor.get("country"),
            founded=actor.get("founded"),
            dissolved=actor.get("dissolved"),
            source_ids=list(actor.get("source_ids") or []),
            **sections,
        )
    ]


actor_profile = register(
    CatalogQuery(
        name="actor_profile",
        description="An actor's kind and aliases with its memberships, parent units, sub-units, "
        "allies, enemies and regions — each link with status, credibility, dates, sources.",
        params=ActorParams,
        result=ActorProfile,
        run=_run_profile,
        extra_statements=lambda dialect: {"actor": ACTOR_STATEMENT},
        ids=ACTOR_IDS,
        tags=("relationships",),
    )
)


# -- common allies and enemies --------------------------------------------------------------


class Side(Result):
    """How one of the two actors is linked to the shared node (its strongest claim)."""

    type: str
    via: NodeRef | None = None
    evidence: Claim


class CommonLink(Result):
    """A node both actors are linked to the same way; the strongest evidence on each side."""

    other: NodeRef
    a: Side
    b: Side


def _strongest(rows: list[Relation]) -> Relation:
    """Firmest status first, then best credibility, then a direct claim over co-membership."""
    return min(
        rows,
        key=lambda r: (
            -status_rank(r.evidence.status),
            r.evidence.credibility,
            r.via is not None,
            r.type,
        ),
    )


def _side(rel: Relation) -> Side:
    return Side(type=rel.type, via=rel.via, evidence=rel.evidence)


def common_links(
    rows: Sequence[Relation], a: str, b: str, relation: RelationName
) -> list[CommonLink]:
    """Nodes that are `relation` to both `a` and `b` (neither of them)."""
    by_side: dict[str, dict[str, list[Relation]]] = {a: {}, b: {}}
    for row in rows:
        if row.relation == relation and row.actor_id in by_side and row.other.id not in (a, b):
            by_side[row.actor_id].setdefault(row.other.id, []).append(row)
    found = []
    for other_id in sorted(set(by_side[a]) & set(by_side[b])):
        ea, eb = _strongest(by_side[a][other_id]), _strongest(by_side[b][other_id])
        found.append(CommonLink(other=ea.other, a=_side(ea), b=_side(eb)))
    return found


class PairParams(AsOfGrades):
    actor_a: ActorId = Field(description="First actor id.")
    actor_b: ActorId = Field(description="Second actor id.")


def _common_runner(
    relation: RelationName, types: tuple[str, ...]
) -> Callable[[GraphStore, PairParams], Awaitable[list[CommonLink]]]:
    async def run(store: GraphStore, params: PairParams) -> list[CommonLink]:
        a, b = params.actor_a, params.actor_b
        return common_links(await read_relations(store, [a, b], params, types), a, b, relation)

    return run


PAIR_IDS = {"actor_a": ("Actor",), "actor_b": ("Actor",)}

common_allies = register(
    CatalogQuery(
        name="common_allies",
        description="Allies two actors share (ALLIED_WITH either way, or co-members of an "
        "alliance), with the strongest evidence on each side.",
        params=PairParams,
        result=CommonLink,
        run=_common_runner(RelationName.ALLY, ("ALLIED_WITH", "MEMBER_OF")),
        extra_statements=lambda dialect: {"relations": relations_statement()},
        ids=PAIR_IDS,
        tags=("relationships",),
    )
)

common_enemies = register(
    CatalogQuery(
        name="common_enemies",
        description="Actors or alliances both actors are HOSTILE_TO (either direction), "
        "with the strongest evidence on each side.",
        params=PairParams,
        result=CommonLink,
        run=_common_runner(RelationName.ENEMY, ("HOSTILE_TO",)),
        extra_statements=lambda dialect: {"relations": relations_statement()},
        ids=PAIR_IDS,
        tags=("relationships",),
    )
)
