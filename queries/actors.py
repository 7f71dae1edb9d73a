"""Actor relationship entries: every claim about an actor, its profile, shared allies/enemies.

All read the same statement (`relations_statement`): the claims touching the actors, both
directions, plus co-members of the alliances they belong to, filtered "as of" and by
grade (queries.claims).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from pydantic import Field

from graph.schema import ACTOR_RELATIONSHIP_TYPES
from graph.store.base import GraphStore, Record
from graph.vocab import ActorKind
from queries.catalog import CatalogQuery, register
from queries.claims import STATUS_BY_RANK, alliance_cap, overlaps, status_rank, valid_on
from queries.errors import InvalidParameter
from queries.params import ActorId, AsOfGrades, StrList
from queries.types import Claim, NodeRef, Result, cited


class RelationName(StrEnum):
    """What the other end of a claim is to the actor."""

    MEMBER_OF = "member_of"
    ALLY = "ally"
    PARENT = "parent"
    SUBUNIT = "subunit"
    SPLINTER_OF = "splinter_of"
    SPLINTER = "splinter"
    AFFILIATED = "affiliated"
    SUPPORTS = "supports"
    SUPPORTED_BY = "supported_by"
    ENEMY = "enemy"
    ACTIVE_IN = "active_in"
    SIGNATORY_OF = "signatory_of"


RELATION_NAMES: dict[tuple[str, str], RelationName] = {
    ("MEMBER_OF", "out"): RelationName.MEMBER_OF,
    ("MEMBER_OF", "co"): RelationName.ALLY,
    ("PART_OF", "out"): RelationName.PARENT,
    ("PART_OF", "in"): RelationName.SUBUNIT,
    ("SPLINTER_OF", "out"): RelationName.SPLINTER_OF,
    ("SPLINTER_OF", "in"): RelationName.SPLINTER,
    ("AFFILIATED_WITH", "out"): RelationName.AFFILIATED,
    ("AFFILIATED_WITH", "in"): RelationName.AFFILIATED,
    ("ALLIED_WITH", "out"): RelationName.ALLY,
    ("ALLIED_WITH", "in"): RelationName.ALLY,
    ("SUPPORTS", "out"): RelationName.SUPPORTS,
    ("SUPPORTS", "in"): RelationName.SUPPORTED_BY,
    ("HOSTILE_TO", "out"): RelationName.ENEMY,
    ("HOSTILE_TO", "in"): RelationName.ENEMY,
    ("OPERATES_IN", "out"): RelationName.ACTIVE_IN,
    ("SIGNATORY_OF", "out"): RelationName.SIGNATORY_OF,
}
"""(type, direction seen from the actor) → what the other end is to the actor."""

_CLAIM_COLUMNS = (
    "type(r) AS type, r.status AS status, r.status_rank AS status_rank, "
    "r.credibility AS credibility, r.valid_from AS valid_from, r.valid_to AS valid_to, "
    "r.source_ids AS source_ids"
)
_OTHER_COLUMNS = (
    "o.id AS other_id, o.name AS other, labels(o)[0] AS other_label, o.kind AS other_kind"
)
_NO_VIA = "NULL AS via_id, NULL AS via, NULL AS via_kind, NULL AS via_status"


def relations_statement() -> str:
    """The claims touching each of `$actor_ids`, both directions, plus alliance co-members.

    Co-membership rows combine the two MEMBER_OF claims: both must hold and pass the
    grades; the row reports the weaker status, the worse credibility and both sources.
    """
    types = "|".join(ACTOR_RELATIONSHIP_TYPES)
    one_way = (
        "UNWIND $actor_ids AS actor_id "
        "MATCH (a:Actor {{id: actor_id}}){arrow} "
        f"WHERE type(r) IN $types AND {valid_on('r')} "
        "RETURN actor_id, '{direction}' AS direction, "
        f"{_OTHER_COLUMNS}, {_CLAIM_COLUMNS}, o.status AS other_status, {_NO_VIA}"
    )
    out_part = one_way.format(arrow=f"-[r:{types}]->(o)", direction="out")
    in_part = one_way.format(arrow=f"<-[r:{types}]-(o)", direction="in")
    co_part = (
        "UNWIND $actor_ids AS actor_id "
        "MATCH (a:Actor {id: actor_id})-[m1:MEMBER_OF]->(al:Alliance)<-[m2:MEMBER_OF]-(o:Actor) "
        "WHERE 'MEMBER_OF' IN $types AND o.id <> a.id "
        f"AND {valid_on('m1')} AND {valid_on('m2')} "
        f"AND {overlaps('al.formed', 'al.dissolved', '$as_of', '$as_of')} "
        f"RETURN actor_id, 'co' AS direction, {_OTHER_COLUMNS}, 'MEMBER_OF' AS type, "
        "CASE WHEN m1.status_rank <= m2.status_rank THEN m1.status ELSE m2.status END "
        "AS status, "
        "CASE WHEN m1.status_rank <= m2.status_rank THEN m1.status_rank "
        "ELSE m2.status_rank END AS status_rank, "
        "CASE WHEN m1.credibility >= m2.credibility THEN m1.credibility "
        "ELSE m2.credibility END AS credibility, "
        "CASE WHEN m2.valid_from IS NULL OR m1.valid_from >= m2.valid_from "
        "THEN coalesce(m1.valid_from, m2.valid_from) ELSE m2.valid_from END AS valid_from, "
        "CASE WHEN m2.valid_to IS NULL OR m1.valid_to <= m2.valid_to "
        "THEN coalesce(m1.valid_to, m2.valid_to) ELSE m2.valid_to END AS valid_to, "
        "m1.source_ids + m2.source_ids AS source_ids, NULL AS other_status, "
        "al.id AS via_id, al.name AS via, al.kind AS via_kind, al.status AS via_status"
    )
    return f"{out_part} UNION ALL {in_part} UNION ALL {co_part}"


class Relation(Result):
    """One claim about an actor, read from the actor's side (`via`: the shared alliance)."""

    actor_id: str
    relation: RelationName
    type: str
    other: NodeRef
    via: NodeRef | None = None
    evidence: Claim


def _relation(record: Record) -> Relation | None:
    relation = RELATION_NAMES.get((record["type"], record["direction"]))
    if relation is None:
        return None
    rank = int(record["status_rank"])
    # Membership in (or via) a possible alliance is at most possible itself.
    if record["type"] == "MEMBER_OF":
        cap_from = record["via_status"] if record["direction"] == "co" else record["other_status"]
        rank = min(rank, alliance_cap(cap_from))
    via = record["via_id"]
    return Relation(
        actor_id=record["actor_id"],
        relation=relation,
        type=record["type"],
        other=NodeRef(
            id=record["other_id"],
            label=record["other_label"],
            name=record["other"],
            kind=record["other_kind"],
        ),
        via=NodeRef(id=via, label="Alliance", name=record["via"], kind=record["via_kind"])
        if via
        else None,
        evidence=Claim(
            status=STATUS_BY_RANK[rank],
            credibility=int(record["credibility"]),
            valid_from=record["valid_from"],
            valid_to=record["valid_to"],
            sources=cited(sorted(set(record["source_ids"] or []))),
        ),
    )


def check_types(types: Sequence[str] | None) -> list[str]:
    """The actor claim types asked for (all by default); an unknown one is an error."""
    if not types:
        return list(ACTOR_RELATIONSHIP_TYPES)
    unknown = sorted(set(types) - set(ACTOR_RELATIONSHIP_TYPES))
    if unknown:
        raise InvalidParameter(
            f"types: {', '.join(unknown)} not actor claim types "
            f"({', '.join(ACTOR_RELATIONSHIP_TYPES)})",
            field="types",
        )
    return list(types)


async def read_relations(
    store: GraphStore, actor_ids: Sequence[str], grades: AsOfGrades, types: Sequence[str] | None
) -> list[Relation]:
    """Relations of each actor, filtered and status-capped, in a stable order."""
    values = {
        **grades.cypher_values(),
        "actor_ids": list(actor_ids),
        "types": check_types(types),
    }
    records = await store.read(relations_statement(), values)
    floor = status_rank(grades.min_status)
    rows = [r for r in map(_relation, records) if r and status_rank(r.evidence.status) >= floor]
    rows.sort(
        key=lambda r: (
            r.actor_id,
            r.relation,
            r.other.name or "",
            r.other.id,
            r.via.id if r.via else "",
            r.type,
        )
    )
    return rows


class ActorParams(AsOfGrades):
    actor_id: ActorId = Field(description="Actor id, e.g. actor:jnim.")


class ActorRelationsParams(ActorParams):
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
        "enemies, support, regions), one row each with status, credibility, dates, sources.",
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
    found = await store.read(ACTOR_STATEMENT, {"actor_id": params.actor_id})
    actor = found[0]["actor"]
    sections: dict[str, list[Link]] = {name: [] for name in PROFILE_SECTIONS.values()}
    for rel in await read_relations(store, [params.actor_id], params, None):
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


def _common_runner(relation: RelationName, types: tuple[str, ...]):  # type: ignore[no-untyped-def]
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
