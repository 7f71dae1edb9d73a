"""Reading an actor's relations: the claims touching the actors, both directions, plus
co-members of the alliances they belong to, filtered "as of" and by grade (queries.claims),
each named by what the other end is to the actor. The actor entries (queries.actors) and
the paths (queries.claim_graph's type check) build on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from graph.schema import ACTOR_RELATIONSHIP_TYPES
from graph.store.base import GraphStore, Record
from queries.claims import STATUS_BY_RANK, alliance_cap, overlaps, status_rank, valid_on_within
from queries.errors import InvalidParameter
from queries.params import AsOfGrades
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
    """The claims touching each of `$actor_ids`, both directions, plus alliance co-members,
    holding on `$as_of` and at some time in [`$start`, `$end`] (each NULL: open).

    Co-membership rows combine the two MEMBER_OF claims: both must hold and pass the
    grades; the row reports the weaker status, the worse credibility and both sources.
    """
    types = "|".join(ACTOR_RELATIONSHIP_TYPES)
    one_way = (
        "UNWIND $actor_ids AS actor_id "
        "MATCH (a:Actor {{id: actor_id}}){arrow} "
        f"WHERE type(r) IN $types AND {valid_on_within('r')} "
        "RETURN actor_id, '{direction}' AS direction, "
        f"{_OTHER_COLUMNS}, {_CLAIM_COLUMNS}, o.status AS other_status, {_NO_VIA}"
    )
    out_part = one_way.format(arrow=f"-[r:{types}]->(o)", direction="out")
    in_part = one_way.format(arrow=f"<-[r:{types}]-(o)", direction="in")
    co_part = (
        "UNWIND $actor_ids AS actor_id "
        "MATCH (a:Actor {id: actor_id})-[m1:MEMBER_OF]->(al:Alliance)<-[m2:MEMBER_OF]-(o:Actor) "
        "WHERE 'MEMBER_OF' IN $types AND o.id <> a.id "
        f"AND {valid_on_within('m1')} AND {valid_on_within('m2')} "
        f"AND {overlaps('al.formed', 'al.dissolved', '$as_of', '$as_of')} "
        f"AND {overlaps('al.formed', 'al.dissolved', '$start', '$end')} "
        # Over a window, the two memberships must also overlap each other (on a date, both
        # holding on it already says so); intervals that meet pairwise share a day.
        f"AND ($start IS NULL AND $end IS NULL "
        f"OR {overlaps('m1.valid_from', 'm1.valid_to', 'm2.valid_from', 'm2.valid_to')}) "
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
    """Relations of each actor, filtered and status-capped, in a stable order (`grades` may
    carry a window, `start`/`end`, as queries.params.AsOfWindowGrades does)."""
    values = {
        "start": None,
        "end": None,
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
