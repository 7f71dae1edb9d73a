"""Groupings: an alliance's members, its membership over time, its status and likelihood,
and what an actor belongs to (with what those groupings are affiliated with)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import Field

from graph.store.base import GraphStore, Record
from graph.vocab import AllianceStatus, Likelihood
from queries.catalog import CatalogQuery, register
from queries.claims import (
    STATUS_BY_RANK,
    alliance_cap,
    claim_map,
    graded,
    node_map,
    valid_on,
    valid_on_within,
)
from queries.params import ActorId, AllianceId, AsOfGrades, AsOfWindowGrades, Grades, Params
from queries.types import Claim, NodeRef, Result, SourceRef, cited


class Membership(Result):
    """A member of an alliance, with the evidence for its membership."""

    edge_ends = ("member", "alliance", "MEMBER_OF")

    alliance: NodeRef
    member: NodeRef
    evidence: Claim


class AllianceParams(AsOfWindowGrades):
    alliance_id: AllianceId = Field(
        description="Alliance id, e.g. alliance:alliance-of-sahel-states."
    )


ALLIANCE_IDS = {"alliance_id": ("Alliance",)}

alliance_members = register(
    CatalogQuery(
        name="alliance_members",
        description="Members of an alliance (and since when), as of a date and/or during a window.",
        params=AllianceParams,
        result=Membership,
        cypher=(
            "MATCH (m)-[r:MEMBER_OF]->(a:Alliance {id: $alliance_id}) "
            f"WHERE {valid_on_within('r')} "
            f"RETURN {node_map('a')} AS alliance, {node_map('m')} AS member, "
            f"{claim_map('r')} AS evidence ORDER BY m.name, m.id"
        ),
        ids=ALLIANCE_IDS,
        tags=("relationships",),
    )
)

TIMELINE_STATEMENT = (
    "MATCH (m)-[r:MEMBER_OF]->(a:Alliance {id: $alliance_id}) "
    f"WHERE {graded('r')} "
    "RETURN a.formed AS formed, a.dissolved AS dissolved, a.status AS alliance_status, "
    f"{node_map('m')} AS member, r.valid_from AS valid_from, r.valid_to AS valid_to, "
    "r.status_rank AS status_rank, r.credibility AS credibility, r.source_ids AS source_ids"
)


class MembershipChange(Result):
    """A member joining or leaving; `members` is the count right after the change."""

    date: str | None
    change: Literal["joined", "left"]
    member: NodeRef
    members: int
    evidence: Claim


def membership_timeline(records: Sequence[Record]) -> list[MembershipChange]:
    """Joins and departures in date order (undated joins first: members from the start).

    A membership without `valid_from` dates from the alliance's `formed` when known.
    Departures sort after joins on the same day, so a same-day swap never dips the count.
    """
    events: list[tuple[tuple[bool, str, int, str], Literal["joined", "left"], Record]] = []
    for record in records:
        member_id = record["member"]["id"]
        joined = record["valid_from"] or record["formed"]
        events.append(((joined is not None, joined or "", 0, member_id), "joined", record))
        if record["valid_to"]:
            events.append(((True, record["valid_to"], 1, member_id), "left", record))
    events.sort(key=lambda event: event[0])
    rows, count = [], 0
    for (_, date, _, _), change, record in events:
        count += 1 if change == "joined" else -1
        rank = min(int(record["status_rank"]), alliance_cap(record["alliance_status"]))
        rows.append(
            MembershipChange(
                date=date or None,
                change=change,
                member=NodeRef.model_validate(record["member"]),
                members=count,
                evidence=Claim(
                    status=STATUS_BY_RANK[rank],
                    credibility=int(record["credibility"]),
                    valid_from=record["valid_from"],
                    valid_to=record["valid_to"],
                    sources=cited(list(record["source_ids"] or [])),
                ),
            )
        )
    return rows


class TimelineParams(Grades):
    alliance_id: AllianceId = Field(
        description="Alliance id, e.g. alliance:alliance-of-sahel-states."
    )


async def _run_timeline(store: GraphStore, params: TimelineParams) -> list[MembershipChange]:
    return membership_timeline(await store.read(TIMELINE_STATEMENT, params.cypher_values()))


alliance_timeline = register(
    CatalogQuery(
        name="alliance_timeline",
        description="An alliance's membership over time: each join and departure in date "
        "order with the member count after it.",
        params=TimelineParams,
        result=MembershipChange,
        run=_run_timeline,
        extra_statements=lambda dialect: {"timeline": TIMELINE_STATEMENT},
        ids=ALLIANCE_IDS,
        tags=("relationships",),
    )
)


# -- alliance status --------------------------------------------------------------------


class AllianceMember(Result):
    """A member of an alliance with the evidence for its membership (any date)."""

    member: NodeRef
    evidence: Claim


class AllianceState(Result):
    """An alliance: whether it exists or is judged possible, how likely, says who."""

    alliance: NodeRef
    status: AllianceStatus
    likelihood: Likelihood | None
    likelihood_wording: str | None
    formed: str | None
    dissolved: str | None
    members: list[AllianceMember]
    sources: list[SourceRef]


class AllianceStatusParams(Params):
    alliance_id: AllianceId | None = Field(
        default=None, description="One alliance id; default: every alliance."
    )
    status: AllianceStatus | None = Field(
        default=None, description="Only alliances with this status."
    )


ALLIANCE_STATUS_STATEMENT = (
    "MATCH (al:Alliance) "
    "WHERE ($alliance_id IS NULL OR al.id = $alliance_id) "
    "AND ($status IS NULL OR al.status = $status) "
    f"RETURN {node_map('al')} AS alliance, al.status AS status, "
    "al.likelihood AS likelihood, al.likelihood_wording AS likelihood_wording, "
    "al.formed AS formed, al.dissolved AS dissolved, "
    "[(m:Actor)-[r:MEMBER_OF]->(al) | "
    f"{{member: {node_map('m')}, evidence: {claim_map('r')}}}] AS members, "
    "al.source_ids AS source_ids "
    "ORDER BY al.name, al.id"
)


async def _run_status(store: GraphStore, params: AllianceStatusParams) -> list[AllianceState]:
    records = await store.read(ALLIANCE_STATUS_STATEMENT, params.cypher_values())
    found = []
    for record in records:
        members = sorted(record["members"], key=lambda m: m["member"]["id"])
        sources = [{"id": c} for c in sorted(set(record["source_ids"] or []))]
        found.append(
            AllianceState(
                alliance=NodeRef.model_validate(record["alliance"]),
                status=record["status"],
                likelihood=record["likelihood"],
                likelihood_wording=record["likelihood_wording"],
                formed=record["formed"],
                dissolved=record["dissolved"],
                members=[AllianceMember.model_validate(m) for m in members],
                sources=[SourceRef.model_validate(s) for s in sources],
            )
        )
    return found


alliance_status = register(
    CatalogQuery(
        name="alliance_status",
        description="Alliances with their status (active, dissolved, possible), likelihood "
        "and its wording, members and the sources that attest them.",
        params=AllianceStatusParams,
        result=AllianceState,
        run=_run_status,
        extra_statements=lambda dialect: {"status": ALLIANCE_STATUS_STATEMENT},
        ids=ALLIANCE_IDS,
        tags=("relationships", "seed"),
    )
)


# -- part of, and affiliated with -------------------------------------------------------


class Affiliation(Result):
    """One grouping the actor is part of / a member of, and one of its affiliates."""

    actor_id: str
    via: NodeRef
    via_type: str
    via_evidence: Claim
    affiliate: NodeRef | None
    affiliate_evidence: Claim | None


class AffiliationParams(AsOfGrades):
    actor_id: ActorId = Field(description="Actor id, e.g. actor:katiba-macina.")


affiliation_chain = register(
    CatalogQuery(
        name="affiliation_chain",
        description="What an actor is part of or a member of, and what each of those is "
        "affiliated with (one row per grouping and affiliate), as of a date.",
        params=AffiliationParams,
        result=Affiliation,
        cypher=(
            "MATCH (a:Actor {id: $actor_id})-[r:PART_OF|MEMBER_OF]->(p) "
            f"WHERE {valid_on('r')} "
            "OPTIONAL MATCH (p)-[f:AFFILIATED_WITH]->(q) "
            f"WHERE {valid_on('f')} "
            f"RETURN a.id AS actor_id, {node_map('p')} AS via, type(r) AS via_type, "
            f"{claim_map('r')} AS via_evidence, {node_map('q', optional=True)} AS affiliate, "
            f"{claim_map('f', optional=True)} AS affiliate_evidence "
            "ORDER BY p.id, q.id"
        ),
        ids={"actor_id": ("Actor",)},
        tags=("relationships", "seed"),
    )
)
