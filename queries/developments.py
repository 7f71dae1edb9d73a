"""Developments: security operations, political and strategic events in a window, and the
analytic assessments made about a node (with their ICD-203 likelihood).

Date windows follow queries.claims: a period overlaps a window when it starts no later
than the window ends and ends no earlier than the window starts.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from graph.dialect import Dialect
from graph.schema import RELATIONSHIP_TRIPLES, check_label, label_for_id
from graph.store.base import GraphStore
from graph.vocab import Confidence, EventKind, Likelihood
from queries.catalog import CatalogQuery, register
from queries.claims import overlaps
from queries.params import AnyId, Csv, Params, WindowParams
from queries.types import NodeRef, Result, SourceRef

LIKELIHOODS: tuple[Likelihood, ...] = tuple(Likelihood)
"""ICD-203 terms, least to most likely."""

ABOUT_TARGETS: tuple[str, ...] = tuple(
    dict.fromkeys(target for _source, target in RELATIONSHIP_TRIPLES["ABOUT"])
)
"""Labels an Assessment can be about."""


def _refs(pattern: str, var: str) -> str:
    """A pattern comprehension of `var` node references, in id order after reading."""
    return (
        f"[{pattern} | {{id: {var}.id, label: labels({var})[0], name: {var}.name, "
        f"kind: {var}.kind}}]"
    )


def _by_id(refs: list[NodeRef]) -> list[NodeRef]:
    return sorted(refs, key=lambda ref: ref.id)


RefsById = Annotated[list[NodeRef], AfterValidator(_by_id)]
"""Node references in id order (the engines do not promise an order for collected lists)."""


# -- operations -------------------------------------------------------------------------


class OperationResult(Result):
    """An operation with who conducted it, whom it targeted and where."""

    operation: NodeRef
    date: str
    end_date: str | None
    joint: bool
    area: str | None
    arrests: int | None
    arrests_qualifier: str | None
    conductors: RefsById
    targets: RefsById
    regions: RefsById
    sources: list[SourceRef]


class OperationParams(WindowParams):
    joint_only: bool = Field(default=True, description="Only operations conducted jointly.")


OPERATIONS_STATEMENT = (
    "MATCH (o:Operation) "
    "WHERE ($joint_only = false OR o.joint = true) "
    f"AND {overlaps('o.date', 'coalesce(o.end_date, o.date)', '$start', '$end')} "
    "RETURN {id: o.id, label: 'Operation', name: o.name} AS operation, o.date AS date, "
    "o.end_date AS end_date, o.joint AS joint, o.area AS area, o.arrests AS arrests, "
    "o.arrests_qualifier AS arrests_qualifier, "
    f"{_refs('(a:Actor)-[:CONDUCTED]->(o)', 'a')} AS conductors, "
    f"{_refs('(t:Actor)-[:TARGETED_BY]->(o)', 't')} AS targets, "
    f"{_refs('(o)-[:OCCURRED_IN]->(g:Region)', 'g')} AS regions, "
    "[c IN o.source_ids | {id: c}] AS sources "
    "ORDER BY date, o.id"
)


operations = register(
    CatalogQuery(
        name="operations",
        description="Security operations (joint ones only, by default) in a date window, "
        "with their conductors, targets and regions.",
        params=OperationParams,
        result=OperationResult,
        cypher=OPERATIONS_STATEMENT,
        tags=("operations", "seed"),
    )
)


# -- events in a window -----------------------------------------------------------------


class EventResult(Result):
    """A dated political or strategic development."""

    event: NodeRef
    date: str
    end_date: str | None
    actors: RefsById
    places: RefsById
    sources: list[SourceRef]


class EventParams(WindowParams):
    kinds: Annotated[list[EventKind], Csv] | None = Field(
        default=None, description="Event kinds (comma-separated); default: all."
    )


EVENTS_STATEMENT = (
    "MATCH (e:Event) "
    f"WHERE {overlaps('e.date', 'coalesce(e.end_date, e.date)', '$start', '$end')} "
    "AND ($kinds IS NULL OR e.kind IN $kinds) "
    "RETURN {id: e.id, label: 'Event', name: e.name, kind: e.kind} AS event, "
    "e.date AS date, e.end_date AS end_date, "
    f"{_refs('(a:Actor)-[:PARTICIPATED_IN|SIGNATORY_OF]->(e)', 'a')} AS actors, "
    f"{_refs('(e)-[:OCCURRED_IN]->(p)', 'p')} AS places, "
    "[c IN e.source_ids | {id: c}] AS sources "
    "ORDER BY date, e.id"
)


events_between = register(
    CatalogQuery(
        name="events_between",
        description="Events whose period overlaps a date window, in date order (partial "
        "dates such as 2023-06 sort before the days they contain), with their actors and "
        "places.",
        params=EventParams,
        result=EventResult,
        cypher=EVENTS_STATEMENT,
        tags=("events", "seed"),
    )
)


# -- assessments about a node -----------------------------------------------------------


class AssessmentResult(Result):
    """A judgment about the node, in the source's words, with its ICD-203 likelihood."""

    assessment: NodeRef
    statement: str
    wording: str | None
    likelihood: Likelihood
    confidence: Confidence | None
    date: str
    sources: list[SourceRef]


def assessments_statement(label: str) -> str:
    """Assessments ABOUT the `label` node `$node_id` at `$min_likelihood` or above."""
    return (
        f"MATCH (a:Assessment)-[:ABOUT]->(n:{check_label(label)} {{id: $node_id}}) "
        "WHERE a.likelihood IN $likelihoods "
        "RETURN {id: a.id, label: 'Assessment', name: a.name} AS assessment, "
        "a.statement AS statement, a.wording AS wording, a.likelihood AS likelihood, "
        "a.confidence AS confidence, a.date AS date, [c IN a.source_ids | {id: c}] AS sources "
        "ORDER BY date, a.id"
    )


def _about_target(node_id: str) -> str:
    if label_for_id(node_id) not in ABOUT_TARGETS:
        raise ValueError(f"assessments are about {', '.join(ABOUT_TARGETS)} nodes")
    return node_id


class AssessmentParams(Params):
    node_id: Annotated[AnyId, AfterValidator(_about_target)] = Field(
        description="Id of what the assessments are about, e.g. event:…"
    )
    min_likelihood: Likelihood = Field(
        default=LIKELIHOODS[0], description="Least likely ICD-203 term to include."
    )


async def _run_assessments(store: GraphStore, params: AssessmentParams) -> list[AssessmentResult]:
    label = label_for_id(params.node_id) or ""
    floor = LIKELIHOODS.index(params.min_likelihood)
    values = {"node_id": params.node_id, "likelihoods": [str(x) for x in LIKELIHOODS[floor:]]}
    records = await store.read(assessments_statement(label), values)
    return [AssessmentResult.model_validate(record) for record in records]


def _assessment_statements(_dialect: Dialect) -> dict[str, str]:
    return {label: assessments_statement(label) for label in ABOUT_TARGETS}


assessments_about = register(
    CatalogQuery(
        name="assessments_about",
        description="Every assessment about a node (actor, alliance, region, country, "
        "event, …), with its wording and ICD-203 likelihood, oldest first.",
        params=AssessmentParams,
        result=AssessmentResult,
        run=_run_assessments,
        extra_statements=_assessment_statements,
        ids={"node_id": ABOUT_TARGETS},
        tags=("assessments", "seed"),
    )
)
