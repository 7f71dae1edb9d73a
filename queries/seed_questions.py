"""Queries that answer the analysts' standing questions (issue 3, part 2), for any data.

- which groupings an actor belongs to, and what those are affiliated with;
- reported counts per region and month for a metric (newsletter `ActivityReport`s);
- operations (joint ones by default) with their conductors and regions;
- an alliance's status, likelihood, members and sources;
- events in a date window, in date order;
- regions bordering given countries;
- every assessment about a node, with its likelihood.

Alliance members and since when is `alliance_members` in queries.relationships.

Date windows follow the project's convention (queries.relationships): a period overlaps
a window when it starts no later than the window ends and ends no earlier than the
window starts, comparing partial dates at the coarser precision of the two sides.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator

from graph.dialect import Dialect
from graph.schema import RELATIONSHIP_TRIPLES, check_label, label_for_id
from graph.store.base import GraphStore
from graph.vocab import Likelihood
from queries.catalog import CatalogQuery, Param, Row, register
from queries.relationships import (
    AS_OF,
    MIN_CREDIBILITY,
    MIN_STATUS,
    DateParam,
    overlaps,
    valid_on,
)

LIKELIHOODS: tuple[str, ...] = tuple(str(level) for level in Likelihood)
"""ICD-203 terms, least to most likely."""

ABOUT_TARGETS: tuple[str, ...] = tuple(
    dict.fromkeys(target for _source, target in RELATIONSHIP_TRIPLES["ABOUT"])
)
"""Labels an Assessment can be about."""


class NodeRef(Row):
    """Another node, by id and name."""

    id: str
    name: str | None


def _by_id(refs: list[NodeRef]) -> list[NodeRef]:
    return sorted(refs, key=lambda ref: ref.id)


NodeRefs = Annotated[list[NodeRef], AfterValidator(_by_id)]
"""A list of node references in id order (engines do not promise collect() order)."""


START = DateParam("start", str, "Window start (YYYY, YYYY-MM or YYYY-MM-DD); default: open.", None)
END = DateParam("end", str, "Window end (YYYY, YYYY-MM or YYYY-MM-DD); default: open.", None)


# -- part of, and affiliated with -------------------------------------------------------


class AffiliationRow(Row):
    """One grouping the actor is part of / a member of, and one of its affiliates."""

    actor_id: str
    via_id: str
    via: str | None
    via_label: str
    via_type: str
    via_status: str
    via_valid_from: str | None
    via_source_ids: list[str]
    affiliate_id: str | None
    affiliate: str | None
    affiliate_status: str | None
    affiliate_valid_from: str | None
    affiliate_source_ids: list[str] | None


register(
    CatalogQuery(
        name="affiliation_chain",
        description="What an actor is part of or a member of, and what each of those is "
        "affiliated with (one row per grouping and affiliate), as of a date.",
        row=AffiliationRow,
        params=(
            Param("actor_id", str, "Actor id, e.g. actor:katiba-macina."),
            AS_OF,
            MIN_STATUS,
            MIN_CREDIBILITY,
        ),
        cypher=(
            "MATCH (a:Actor {id: $actor_id})-[r:PART_OF|MEMBER_OF]->(p) "
            f"WHERE {valid_on('r')} "
            "OPTIONAL MATCH (p)-[f:AFFILIATED_WITH]->(q) "
            f"WHERE {valid_on('f')} "
            "RETURN a.id AS actor_id, p.id AS via_id, p.name AS via, labels(p)[0] AS via_label, "
            "type(r) AS via_type, r.status AS via_status, r.valid_from AS via_valid_from, "
            "r.source_ids AS via_source_ids, q.id AS affiliate_id, q.name AS affiliate, "
            "f.status AS affiliate_status, f.valid_from AS affiliate_valid_from, "
            "f.source_ids AS affiliate_source_ids "
            "ORDER BY via_id, affiliate_id"
        ),
        tags=("relationships", "seed"),
    )
)


# -- reported counts per region and month ---------------------------------------------------


class ReportedCountRow(Row):
    """One figure a source published for a region and month (or a direction of change)."""

    report_id: str
    region_id: str
    region: str
    month: str
    metric: str
    actor_id: str | None
    value: int | None
    qualifier: str | None
    derived_from: str | None
    direction: str | None
    source_ids: list[str]


register(
    CatalogQuery(
        name="reported_counts",
        description="Counts (or directions of change) sources report for a metric, per "
        "region and month: security incidents, attacks, operations, arrests, …",
        row=ReportedCountRow,
        params=(
            Param("metric", str, "Metric, e.g. security_incidents, attacks, arrests."),
            Param("region_ids", list, "Region ids (comma-separated); default: all.", None),
            Param("months", list, "Months YYYY-MM (comma-separated); default: all.", None),
            Param("actor_id", str, "Only reports about this actor; default: any.", None),
        ),
        cypher=(
            "MATCH (r:ActivityReport)-[:ABOUT]->(g:Region) "
            "WHERE r.metric = $metric AND ($region_ids IS NULL OR g.id IN $region_ids) "
            "AND ($months IS NULL OR r.month IN $months) "
            "AND ($actor_id IS NULL OR r.actor_id = $actor_id) "
            "RETURN r.id AS report_id, g.id AS region_id, g.name AS region, r.month AS month, "
            "r.metric AS metric, r.actor_id AS actor_id, r.value AS value, "
            "r.qualifier AS qualifier, r.derived_from AS derived_from, "
            "r.direction AS direction, r.source_ids AS source_ids "
            "ORDER BY region, month, report_id"
        ),
        tags=("activity", "seed"),
    )
)


# -- operations -------------------------------------------------------------------------


class OperationRow(Row):
    """An operation with who conducted it, whom it targeted and where."""

    id: str
    name: str
    date: str
    end_date: str | None
    joint: bool
    area: str | None
    arrests: int | None
    arrests_qualifier: str | None
    conductors: NodeRefs
    targets: NodeRefs
    regions: NodeRefs
    source_ids: list[str]


register(
    CatalogQuery(
        name="operations",
        description="Security operations (joint ones only, by default) in a date window, "
        "with their conductors, targets and regions.",
        row=OperationRow,
        params=(
            Param("joint_only", bool, "Only operations conducted jointly.", True),
            START,
            END,
        ),
        cypher=(
            "MATCH (o:Operation) "
            "WHERE ($joint_only = false OR o.joint = true) "
            f"AND {overlaps('o.date', 'coalesce(o.end_date, o.date)', '$start', '$end')} "
            "RETURN o.id AS id, o.name AS name, o.date AS date, o.end_date AS end_date, "
            "o.joint AS joint, o.area AS area, o.arrests AS arrests, "
            "o.arrests_qualifier AS arrests_qualifier, "
            "[(a:Actor)-[:CONDUCTED]->(o) | {id: a.id, name: a.name}] AS conductors, "
            "[(t:Actor)-[:TARGETED_BY]->(o) | {id: t.id, name: t.name}] AS targets, "
            "[(o)-[:OCCURRED_IN]->(g:Region) | {id: g.id, name: g.name}] AS regions, "
            "o.source_ids AS source_ids "
            "ORDER BY date, id"
        ),
        tags=("operations", "seed"),
    )
)


# -- alliance status --------------------------------------------------------------------


class MemberRef(Row):
    """A member of an alliance with the grade of its membership."""

    id: str
    name: str | None
    status: str
    credibility: int


class SourceRef(Row):
    """A source cited by a node."""

    id: str
    name: str | None
    reliability: str | None


def _members_by_id(refs: list[MemberRef]) -> list[MemberRef]:
    return sorted(refs, key=lambda ref: ref.id)


def _sources_by_id(refs: list[SourceRef]) -> list[SourceRef]:
    return sorted(refs, key=lambda ref: ref.id)


class AllianceStatusRow(Row):
    """An alliance: whether it exists or is judged possible, how likely, says who."""

    id: str
    name: str
    kind: str | None
    status: str
    likelihood: str | None
    likelihood_wording: str | None
    formed: str | None
    dissolved: str | None
    members: Annotated[list[MemberRef], AfterValidator(_members_by_id)]
    source_ids: list[str]
    sources: Annotated[list[SourceRef], AfterValidator(_sources_by_id)]


register(
    CatalogQuery(
        name="alliance_status",
        description="Alliances with their status (active, dissolved, possible), likelihood "
        "and its wording, members and the sources that attest them.",
        row=AllianceStatusRow,
        params=(
            Param("alliance_id", str, "One alliance id; default: every alliance.", None),
            Param(
                "status",
                str,
                "Only alliances with this status.",
                None,
                ("active", "dissolved", "possible"),
            ),
        ),
        cypher=(
            "MATCH (al:Alliance) "
            "WHERE ($alliance_id IS NULL OR al.id = $alliance_id) "
            "AND ($status IS NULL OR al.status = $status) "
            "OPTIONAL MATCH (s:Source) WHERE s.id IN [c IN al.source_ids | split(c, '#')[0]] "
            "WITH al, collect(CASE WHEN s IS NULL THEN NULL "
            "ELSE {id: s.id, name: s.name, reliability: s.reliability} END) AS sources "
            "RETURN al.id AS id, al.name AS name, al.kind AS kind, al.status AS status, "
            "al.likelihood AS likelihood, al.likelihood_wording AS likelihood_wording, "
            "al.formed AS formed, al.dissolved AS dissolved, "
            "[(m:Actor)-[r:MEMBER_OF]->(al) | "
            "{id: m.id, name: m.name, status: r.status, credibility: r.credibility}] AS members, "
            "al.source_ids AS source_ids, sources "
            "ORDER BY name, id"
        ),
        tags=("relationships", "seed"),
    )
)


# -- events in a window -----------------------------------------------------------------


class EventRow(Row):
    """A dated political or strategic development."""

    id: str
    name: str
    kind: str | None
    date: str
    end_date: str | None
    actors: NodeRefs
    places: NodeRefs
    source_ids: list[str]


register(
    CatalogQuery(
        name="events_between",
        description="Events whose period overlaps a date window, in date order (partial "
        "dates such as 2023-06 sort before the days they contain), with their actors and "
        "places.",
        row=EventRow,
        params=(
            START,
            END,
            Param("kinds", list, "Event kinds (comma-separated); default: all.", None),
        ),
        cypher=(
            "MATCH (e:Event) "
            f"WHERE {overlaps('e.date', 'coalesce(e.end_date, e.date)', '$start', '$end')} "
            "AND ($kinds IS NULL OR e.kind IN $kinds) "
            "RETURN e.id AS id, e.name AS name, e.kind AS kind, e.date AS date, "
            "e.end_date AS end_date, "
            "[(a:Actor)-[:PARTICIPATED_IN|SIGNATORY_OF]->(e) | {id: a.id, name: a.name}] "
            "AS actors, "
            "[(e)-[:OCCURRED_IN]->(p) | {id: p.id, name: p.name}] AS places, "
            "e.source_ids AS source_ids "
            "ORDER BY date, id"
        ),
        tags=("events", "seed"),
    )
)


# -- regions bordering countries --------------------------------------------------------


class BorderRow(Row):
    """A region on the border of a country."""

    country_id: str
    country: str
    region_id: str
    region: str
    region_country: str
    source_ids: list[str]


register(
    CatalogQuery(
        name="regions_bordering",
        description="Regions that border the given countries (optionally only the regions "
        "of one country), with the source of each border.",
        row=BorderRow,
        params=(
            Param("country_ids", list, "Country ids (comma-separated), e.g. country:sen."),
            Param("region_country", str, "Only regions of this ISO3 country, e.g. MLI.", None),
        ),
        cypher=(
            "MATCH (g:Region)-[b:BORDERS]-(c:Country) "
            "WHERE c.id IN $country_ids "
            "AND ($region_country IS NULL OR g.country = $region_country) "
            "RETURN c.id AS country_id, c.name AS country, g.id AS region_id, "
            "g.name AS region, g.country AS region_country, b.source_ids AS source_ids "
            "ORDER BY country, region"
        ),
        tags=("geography", "seed"),
    )
)


# -- assessments about a node -----------------------------------------------------------


class AssessmentRow(Row):
    """A judgment about the node, in the source's words, with its ICD-203 likelihood."""

    id: str
    name: str
    statement: str
    wording: str | None
    likelihood: str
    confidence: str | None
    date: str
    source_ids: list[str]


def assessments_statement(label: str) -> str:
    """Assessments ABOUT the `label` node `$node_id` at `$min_likelihood` or above."""
    return (
        f"MATCH (a:Assessment)-[:ABOUT]->(n:{check_label(label)} {{id: $node_id}}) "
        "WHERE a.likelihood IN $likelihoods "
        "RETURN a.id AS id, a.name AS name, a.statement AS statement, a.wording AS wording, "
        "a.likelihood AS likelihood, a.confidence AS confidence, a.date AS date, "
        "a.source_ids AS source_ids "
        "ORDER BY date, id"
    )


async def _run_assessments(store: GraphStore, params: dict[str, Any]) -> list[AssessmentRow]:
    node_id = params["node_id"]
    label = label_for_id(node_id)
    if label not in ABOUT_TARGETS:
        raise ValueError(
            f"node_id {node_id!r}: assessments are about {', '.join(ABOUT_TARGETS)} nodes"
        )
    floor = LIKELIHOODS.index(params["min_likelihood"])
    values = {"node_id": node_id, "likelihoods": list(LIKELIHOODS[floor:])}
    records = await store.read(assessments_statement(label), values)
    return [AssessmentRow.model_validate(record) for record in records]


def _assessment_statements(_dialect: Dialect) -> dict[str, str]:
    return {label: assessments_statement(label) for label in ABOUT_TARGETS}


register(
    CatalogQuery(
        name="assessments_about",
        description="Every assessment about a node (actor, alliance, region, country, "
        "event, …), with its wording and ICD-203 likelihood, oldest first.",
        row=AssessmentRow,
        params=(
            Param("node_id", str, "Id of what the assessments are about, e.g. event:…"),
            Param(
                "min_likelihood",
                str,
                "Least likely ICD-203 term to include.",
                LIKELIHOODS[0],
                LIKELIHOODS,
            ),
        ),
        run=_run_assessments,
        extra_statements=_assessment_statements,
        tags=("assessments", "seed"),
    )
)
