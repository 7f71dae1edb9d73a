"""Relationship queries: who belongs to, allies with, or fights whom — as of a date.

"As of" semantics, shared by every entry here and by the windowed queries elsewhere: a
claim holds during a window when its period overlaps it — it started no later than the
window ends and had not ended before the window starts; a missing bound is open. Partial
dates mean every day they can mean (graph.dates start_bound/end_bound): a claim with
`valid_to: 2023-09` still holds on 2023-09-15, and `as_of=2023-09` asks about any day
of September. In Cypher that is a comparison at the coarser precision of the two sides:
`left(a, size(b)) <= b`, which both engines run on plain strings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.dates import check_date, end_bound, start_bound
from graph.schema import ACTOR_RELATIONSHIP_TYPES
from graph.store.base import GraphStore, Record
from graph.vocab import CLAIM_STATUS_RANK, ClaimStatus
from queries.catalog import CatalogQuery, Param, Row, register


@dataclass(frozen=True)
class DateParam(Param):
    """A str parameter that must be an ISO date at year, month or day precision."""

    def coerce(self, value: Any) -> Any:
        value = super().coerce(value)
        return None if value is None else check_date(value)


AS_OF = DateParam("as_of", str, "Date the answer holds on (YYYY, YYYY-MM or YYYY-MM-DD).", None)
MIN_STATUS = Param(
    "min_status",
    str,
    "Weakest claim status to include.",
    "possible",
    ("confirmed", "reported", "assessed", "possible"),
)
MIN_CREDIBILITY = Param("max_credibility", int, "Worst Admiralty credibility (1-6) to include.", 6)
TYPES = Param(
    "types",
    list,
    "Relationship types to follow (comma-separated); default: every actor claim type.",
    None,
)

STATUS_RANK_PARAM = (
    "CASE $min_status WHEN 'confirmed' THEN 4 WHEN 'reported' THEN 3 "
    "WHEN 'assessed' THEN 2 ELSE 1 END"
)
POSSIBLE_RANK = CLAIM_STATUS_RANK[ClaimStatus.POSSIBLE]
STATUS_BY_RANK: dict[int, str] = {rank: str(status) for status, rank in CLAIM_STATUS_RANK.items()}


def overlaps(start_prop: str, end_prop: str, window_start: str, window_end: str) -> str:
    """Cypher condition: the period [start_prop, end_prop] overlaps [window_start, window_end].

    Any of the four may be NULL (open). Dates of any precision compare at the coarser
    precision of the two sides, which is exactly start_bound/end_bound comparison.
    (`coalesce` because FalkorDB evaluates every OR branch: `left(x, size(NULL))` fails.)
    """
    return (
        f"({window_start} IS NULL OR {end_prop} IS NULL "
        f"OR left({window_start}, size(coalesce({end_prop}, ''))) <= {end_prop}) "
        f"AND ({window_end} IS NULL OR {start_prop} IS NULL "
        f"OR left({start_prop}, size(coalesce({window_end}, ''))) <= {window_end})"
    )


def dated_within(prop: str) -> str:
    """Cypher condition: a node's date `prop` (any precision) can fall in the window of
    `date_window` — a range on the date index (from the start's year), then the exact test.

    A partial date that sorts before the window's first day yet overlaps it is a prefix of
    that day (`2023-06` for 2023-06-01), hence `$from_prefixes`.
    """
    return (
        f"{prop} >= $from_floor AND {prop} <= $to_date "
        f"AND ({prop} >= $from_date OR {prop} IN $from_prefixes)"
    )


def date_window(start: str | None, end: str | None) -> dict[str, Any]:
    """Parameters for `dated_within`: the window [start, end] (any precision; open if None)."""
    first = start_bound(start) if start else "0000"
    return {
        "from_date": first,
        "from_floor": first[:4],
        "from_prefixes": [first[:4], first[:7]] if start else [],
        "to_date": end_bound(end) if end else "9999",
    }


def graded(rel: str) -> str:
    """Cypher condition: `rel` is at least `$min_status` and at most `$max_credibility`."""
    return f"{rel}.status_rank >= {STATUS_RANK_PARAM} AND {rel}.credibility <= $max_credibility"


def valid_on(rel: str) -> str:
    """Cypher condition: relationship `rel` holds on `$as_of` and passes the grade filters."""
    period = overlaps(f"{rel}.valid_from", f"{rel}.valid_to", "$as_of", "$as_of")
    return f"{period} AND {graded(rel)}"


def valid_during(rel: str) -> str:
    """Cypher condition: `rel` overlaps the window [`$start`, `$end`] and passes the grades."""
    period = overlaps(f"{rel}.valid_from", f"{rel}.valid_to", "$start", "$end")
    return f"{period} AND {graded(rel)}"


def status_rank(name: str) -> int:
    """`"assessed"` → 2."""
    return CLAIM_STATUS_RANK[ClaimStatus(name)]


def alliance_cap(alliance_status: str | None) -> int:
    """The firmest a membership can be: nothing in a *possible* alliance is firmer than possible."""
    return POSSIBLE_RANK if alliance_status == "possible" else max(CLAIM_STATUS_RANK.values())


# -- actor relations ------------------------------------------------------------------------

RELATION_NAMES: dict[tuple[str, str], str] = {
    ("MEMBER_OF", "out"): "member_of",
    ("MEMBER_OF", "co"): "ally",
    ("PART_OF", "out"): "parent",
    ("PART_OF", "in"): "subunit",
    ("SPLINTER_OF", "out"): "splinter_of",
    ("SPLINTER_OF", "in"): "splinter",
    ("AFFILIATED_WITH", "out"): "affiliated",
    ("AFFILIATED_WITH", "in"): "affiliated",
    ("ALLIED_WITH", "out"): "ally",
    ("ALLIED_WITH", "in"): "ally",
    ("SUPPORTS", "out"): "supports",
    ("SUPPORTS", "in"): "supported_by",
    ("HOSTILE_TO", "out"): "enemy",
    ("HOSTILE_TO", "in"): "enemy",
    ("OPERATES_IN", "out"): "active_in",
    ("SIGNATORY_OF", "out"): "signatory_of",
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
_NO_VIA = "NULL AS via_id, NULL AS via, NULL AS via_status"


def relations_statement() -> str:
    """The claims touching each of `$actor_ids`, both directions, plus alliance co-members.

    Co-membership rows combine the two MEMBER_OF claims: both must hold and pass the
    grades; the row reports the weaker status, the worse credibility and both sources.
    """
    types = "|".join(ACTOR_RELATIONSHIP_TYPES)
    out_part = (
        "UNWIND $actor_ids AS actor_id "
        f"MATCH (a:Actor {{id: actor_id}})-[r:{types}]->(o) "
        f"WHERE type(r) IN $types AND {valid_on('r')} "
        f"RETURN actor_id, 'out' AS direction, {_OTHER_COLUMNS}, {_CLAIM_COLUMNS}, "
        "o.status AS other_status, "
        f"{_NO_VIA}"
    )
    in_part = (
        "UNWIND $actor_ids AS actor_id "
        f"MATCH (a:Actor {{id: actor_id}})<-[r:{types}]-(o) "
        f"WHERE type(r) IN $types AND {valid_on('r')} "
        f"RETURN actor_id, 'in' AS direction, {_OTHER_COLUMNS}, {_CLAIM_COLUMNS}, "
        "o.status AS other_status, "
        f"{_NO_VIA}"
    )
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
        "al.id AS via_id, al.name AS via, al.status AS via_status"
    )
    return f"{out_part} UNION ALL {in_part} UNION ALL {co_part}"


class RelationRow(Row):
    """One claim about an actor, read from the actor's side."""

    actor_id: str
    relation: str
    type: str
    other_id: str
    other: str | None
    other_label: str
    other_kind: str | None
    via_id: str | None
    via: str | None
    status: str
    credibility: int
    valid_from: str | None
    valid_to: str | None
    source_ids: list[str]


def _relation_row(record: Record) -> RelationRow | None:
    relation = RELATION_NAMES.get((record["type"], record["direction"]))
    if relation is None:
        return None
    rank = int(record["status_rank"])
    # Membership in (or via) a possible alliance is at most possible itself.
    if record["type"] == "MEMBER_OF":
        cap_from = record["via_status"] if record["direction"] == "co" else record["other_status"]
        rank = min(rank, alliance_cap(cap_from))
    return RelationRow(
        actor_id=record["actor_id"],
        relation=relation,
        type=record["type"],
        other_id=record["other_id"],
        other=record["other"],
        other_label=record["other_label"],
        other_kind=record["other_kind"],
        via_id=record["via_id"],
        via=record["via"],
        status=STATUS_BY_RANK[rank],
        credibility=int(record["credibility"]),
        valid_from=record["valid_from"],
        valid_to=record["valid_to"],
        source_ids=sorted(set(record["source_ids"] or [])),
    )


def check_types(types: Sequence[str] | None) -> list[str]:
    if not types:
        return list(ACTOR_RELATIONSHIP_TYPES)
    unknown = sorted(set(types) - set(ACTOR_RELATIONSHIP_TYPES))
    if unknown:
        raise ValueError(
            f"types: {', '.join(unknown)} not actor claim types "
            f"({', '.join(ACTOR_RELATIONSHIP_TYPES)})"
        )
    return list(types)


async def read_relations(
    store: GraphStore, actor_ids: Sequence[str], params: dict[str, Any]
) -> list[RelationRow]:
    """Relations of each actor, filtered and status-capped, in a stable order."""
    values = {
        "actor_ids": list(actor_ids),
        "types": check_types(params.get("types")),
        "as_of": params.get("as_of"),
        "min_status": params.get("min_status", "possible"),
        "max_credibility": params.get("max_credibility", 6),
    }
    records = await store.read(relations_statement(), values)
    floor = status_rank(values["min_status"])
    rows = [row for row in map(_relation_row, records) if row and status_rank(row.status) >= floor]
    rows.sort(
        key=lambda r: (r.actor_id, r.relation, r.other or "", r.other_id, r.via_id or "", r.type)
    )
    return rows


async def _run_relations(store: GraphStore, params: dict[str, Any]) -> list[RelationRow]:
    return await read_relations(store, [params["actor_id"]], params)


ACTOR_ID = Param("actor_id", str, "Actor id, e.g. actor:jnim.")
GRADES = (AS_OF, MIN_STATUS, MIN_CREDIBILITY)

register(
    CatalogQuery(
        name="actor_relations",
        description="Every claim about an actor (memberships, parents, sub-units, allies, "
        "enemies, support, regions), one row each with status, credibility, dates, sources.",
        row=RelationRow,
        params=(ACTOR_ID, TYPES, *GRADES),
        run=_run_relations,
        extra_statements=lambda dialect: {"relations": relations_statement()},
        tags=("relationships",),
    )
)


# -- actor profile --------------------------------------------------------------------------


class Link(Row):
    """Another node as the profile shows it, with the evidence for the link."""

    id: str
    name: str | None
    label: str
    kind: str | None
    type: str
    via_id: str | None
    status: str
    credibility: int
    valid_from: str | None
    valid_to: str | None
    source_ids: list[str]


class ActorProfileRow(Row):
    """An actor at a glance: identity plus every kind of link, each with its evidence."""

    id: str
    name: str
    kind: str | None
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


PROFILE_SECTIONS: dict[str, str] = {
    "member_of": "memberships",
    "parent": "parents",
    "subunit": "subunits",
    "splinter_of": "splinter_of",
    "splinter": "splinters",
    "ally": "allies",
    "enemy": "enemies",
    "supports": "supports",
    "supported_by": "supported_by",
    "affiliated": "affiliations",
    "active_in": "regions",
}

ACTOR_STATEMENT = "MATCH (a:Actor {id: $actor_id}) RETURN a AS actor"


async def _run_profile(store: GraphStore, params: dict[str, Any]) -> list[ActorProfileRow]:
    found = await store.read(ACTOR_STATEMENT, {"actor_id": params["actor_id"]})
    if not found:
        return []
    actor = found[0]["actor"]
    sections: dict[str, list[Link]] = {name: [] for name in PROFILE_SECTIONS.values()}
    for rel in await read_relations(store, [params["actor_id"]], params):
        section = PROFILE_SECTIONS.get(rel.relation)
        if section is None:
            continue
        sections[section].append(
            Link(
                id=rel.other_id,
                name=rel.other,
                label=rel.other_label,
                kind=rel.other_kind,
                type=rel.type,
                via_id=rel.via_id,
                status=rel.status,
                credibility=rel.credibility,
                valid_from=rel.valid_from,
                valid_to=rel.valid_to,
                source_ids=rel.source_ids,
            )
        )
    return [
        ActorProfileRow(
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


register(
    CatalogQuery(
        name="actor_profile",
        description="An actor's kind and aliases with its memberships, parent units, sub-units, "
        "allies, enemies and regions — each link with status, credibility, dates, sources.",
        row=ActorProfileRow,
        params=(ACTOR_ID, *GRADES),
        run=_run_profile,
        extra_statements=lambda dialect: {"actor": ACTOR_STATEMENT},
        tags=("relationships",),
    )
)


# -- common allies and enemies --------------------------------------------------------------


class CommonRow(Row):
    """A node both actors are linked to the same way; the strongest evidence on each side."""

    other_id: str
    other: str | None
    other_label: str
    a_type: str
    a_via_id: str | None
    a_status: str
    a_credibility: int
    a_source_ids: list[str]
    b_type: str
    b_via_id: str | None
    b_status: str
    b_credibility: int
    b_source_ids: list[str]


def _strongest(rows: list[RelationRow]) -> RelationRow:
    """Firmest status first, then best credibility, then a direct claim over co-membership."""
    return min(
        rows, key=lambda r: (-status_rank(r.status), r.credibility, r.via_id is not None, r.type)
    )


def common_links(rows: Sequence[RelationRow], a: str, b: str, relation: str) -> list[CommonRow]:
    """Nodes that are `relation` to both `a` and `b` (neither of them)."""
    by_side: dict[str, dict[str, list[RelationRow]]] = {a: {}, b: {}}
    for row in rows:
        if row.relation == relation and row.actor_id in by_side and row.other_id not in (a, b):
            by_side[row.actor_id].setdefault(row.other_id, []).append(row)
    common = sorted(set(by_side[a]) & set(by_side[b]))
    found = []
    for other_id in common:
        ea, eb = _strongest(by_side[a][other_id]), _strongest(by_side[b][other_id])
        found.append(
            CommonRow(
                other_id=other_id,
                other=ea.other,
                other_label=ea.other_label,
                a_type=ea.type,
                a_via_id=ea.via_id,
                a_status=ea.status,
                a_credibility=ea.credibility,
                a_source_ids=ea.source_ids,
                b_type=eb.type,
                b_via_id=eb.via_id,
                b_status=eb.status,
                b_credibility=eb.credibility,
                b_source_ids=eb.source_ids,
            )
        )
    return found


def _common_runner(relation: str, types: tuple[str, ...]) -> Any:
    async def run(store: GraphStore, params: dict[str, Any]) -> list[CommonRow]:
        a, b = params["actor_a"], params["actor_b"]
        rows = await read_relations(store, [a, b], {**params, "types": list(types)})
        return common_links(rows, a, b, relation)

    return run


PAIR = (
    Param("actor_a", str, "First actor id."),
    Param("actor_b", str, "Second actor id."),
)

register(
    CatalogQuery(
        name="common_allies",
        description="Allies two actors share (ALLIED_WITH either way, or co-members of an "
        "alliance), with the strongest evidence on each side.",
        row=CommonRow,
        params=(*PAIR, *GRADES),
        run=_common_runner("ally", ("ALLIED_WITH", "MEMBER_OF")),
        extra_statements=lambda dialect: {"relations": relations_statement()},
        tags=("relationships",),
    )
)

register(
    CatalogQuery(
        name="common_enemies",
        description="Actors or alliances both actors are HOSTILE_TO (either direction), "
        "with the strongest evidence on each side.",
        row=CommonRow,
        params=(*PAIR, *GRADES),
        run=_common_runner("enemy", ("HOSTILE_TO",)),
        extra_statements=lambda dialect: {"relations": relations_statement()},
        tags=("relationships",),
    )
)


# -- alliances ------------------------------------------------------------------------------


class MemberRow(Row):
    alliance_id: str
    alliance: str
    member_id: str
    member: str
    valid_from: str | None
    valid_to: str | None
    status: str
    credibility: int
    source_ids: list[str]


register(
    CatalogQuery(
        name="alliance_members",
        description="Members of an alliance (and since when), as of a date.",
        row=MemberRow,
        params=(
            Param("alliance_id", str, "Alliance id, e.g. alliance:alliance-of-sahel-states."),
            AS_OF,
            MIN_STATUS,
            MIN_CREDIBILITY,
        ),
        cypher=(
            "MATCH (m)-[r:MEMBER_OF]->(a:Alliance {id: $alliance_id}) "
            f"WHERE {valid_on('r')} "
            "RETURN a.id AS alliance_id, a.name AS alliance, m.id AS member_id, "
            "m.name AS member, r.valid_from AS valid_from, r.valid_to AS valid_to, "
            "r.status AS status, r.credibility AS credibility, r.source_ids AS source_ids "
            "ORDER BY member"
        ),
        tags=("relationships",),
    )
)

TIMELINE_STATEMENT = (
    "MATCH (m)-[r:MEMBER_OF]->(a:Alliance {id: $alliance_id}) "
    f"WHERE {graded('r')} "
    "RETURN a.formed AS formed, a.dissolved AS dissolved, a.status AS alliance_status, "
    "m.id AS member_id, m.name AS member, r.valid_from AS valid_from, r.valid_to AS valid_to, "
    "r.status AS status, r.status_rank AS status_rank, r.credibility AS credibility, "
    "r.source_ids AS source_ids"
)


class TimelineRow(Row):
    """A member joining or leaving; `members` is the count right after the change."""

    date: str | None
    change: str
    member_id: str
    member: str
    members: int
    status: str
    credibility: int
    source_ids: list[str]


def membership_timeline(records: Sequence[Record]) -> list[TimelineRow]:
    """Joins and departures in date order (undated joins first: members from the start).

    A membership without `valid_from` dates from the alliance's `formed` when known.
    Departures sort after joins on the same day, so a same-day swap never dips the count.
    """
    events: list[tuple[tuple[int, str, int, str], str, Record]] = []
    for record in records:
        joined = record["valid_from"] or record["formed"]
        events.append(
            ((joined is not None, joined or "", 0, record["member_id"]), "joined", record)
        )
        left = record["valid_to"]
        if left:
            events.append(((True, left, 1, record["member_id"]), "left", record))
    events.sort(key=lambda event: event[0])
    rows, count = [], 0
    for (_, date, _, _), change, record in events:
        count += 1 if change == "joined" else -1
        rank = min(int(record["status_rank"]), alliance_cap(record["alliance_status"]))
        rows.append(
            TimelineRow(
                date=date or None,
                change=change,
                member_id=record["member_id"],
                member=record["member"],
                members=count,
                status=STATUS_BY_RANK[rank],
                credibility=int(record["credibility"]),
                source_ids=list(record["source_ids"] or []),
            )
        )
    return rows


async def _run_timeline(store: GraphStore, params: dict[str, Any]) -> list[TimelineRow]:
    return membership_timeline(await store.read(TIMELINE_STATEMENT, params))


register(
    CatalogQuery(
        name="alliance_timeline",
        description="An alliance's membership over time: each join and departure in date "
        "order with the member count after it.",
        row=TimelineRow,
        params=(
            Param("alliance_id", str, "Alliance id, e.g. alliance:alliance-of-sahel-states."),
            MIN_STATUS,
            MIN_CREDIBILITY,
        ),
        run=_run_timeline,
        extra_statements=lambda dialect: {"timeline": TIMELINE_STATEMENT},
        tags=("relationships",),
    )
)


# -- who operates where ---------------------------------------------------------------------


class OperatesRow(Row):
    actor_id: str
    actor: str
    actor_kind: str | None
    place_id: str
    place: str | None
    place_label: str
    status: str
    credibility: int
    valid_from: str | None
    valid_to: str | None
    source_ids: list[str]


register(
    CatalogQuery(
        name="operates_where",
        description="Who operates where (OPERATES_IN claims) as of a date; `place_id` also "
        "matches claims about places inside it (a cercle inside a region, a region in a country).",
        row=OperatesRow,
        params=(
            Param("actor_id", str, "Only this actor.", None),
            Param("place_id", str, "Only this region/country (and places inside it).", None),
            *GRADES,
        ),
        cypher=(
            "MATCH (a:Actor)-[r:OPERATES_IN]->(p) "
            "WHERE ($actor_id IS NULL OR a.id = $actor_id) "
            "AND ($place_id IS NULL OR p.id = $place_id "
            "OR (p)-[:PART_OF|LOCATED_IN*1..3]->({id: $place_id})) "
            f"AND {valid_on('r')} "
            "RETURN a.id AS actor_id, a.name AS actor, a.kind AS actor_kind, p.id AS place_id, "
            "p.name AS place, labels(p)[0] AS place_label, r.status AS status, "
            "r.credibility AS credibility, r.valid_from AS valid_from, r.valid_to AS valid_to, "
            "r.source_ids AS source_ids ORDER BY place, actor, valid_from"
        ),
        tags=("relationships",),
    )
)
