"""The counts sources publish (ActivityReport): per metric, region and month, with the
qualifier ("at least", derived) and the sentence a derived figure came from."""

from __future__ import annotations

from pydantic import Field

from graph.vocab import Direction
from queries.catalog import CatalogQuery, register
from queries.claims import node_map
from queries.params import ActorId, Months, Params, RegionIds
from queries.types import NodeRef, Result, SourceRef


class ReportedCount(Result):
    """One figure a source published for a region and month (or a direction of change)."""

    report_id: str
    region: NodeRef
    month: str
    metric: str
    actor_id: str | None
    value: int | None
    qualifier: str | None
    derived_from: str | None
    direction: Direction | None
    sources: list[SourceRef]


class ReportedCountParams(Params):
    metric: str = Field(description="Metric, e.g. security_incidents, attacks, arrests.")
    region_ids: RegionIds | None = Field(
        default=None, description="Region ids (comma-separated); default: all."
    )
    months: Months | None = Field(
        default=None, description="Months YYYY-MM (comma-separated); default: all."
    )
    actor_id: ActorId | None = Field(
        default=None, description="Only reports about this actor; default: any."
    )


reported_counts = register(
    CatalogQuery(
        name="reported_counts",
        description="Counts (or directions of change) sources report for a metric, per "
        "region and month: security incidents, attacks, operations, arrests, …",
        params=ReportedCountParams,
        result=ReportedCount,
        cypher=(
            "MATCH (r:ActivityReport)-[:ABOUT]->(g:Region) "
            "WHERE r.metric = $metric AND ($region_ids IS NULL OR g.id IN $region_ids) "
            "AND ($months IS NULL OR r.month IN $months) "
            "AND ($actor_id IS NULL OR r.actor_id = $actor_id) "
            f"RETURN r.id AS report_id, {node_map('g')} AS region, r.month AS month, "
            "r.metric AS metric, r.actor_id AS actor_id, r.value AS value, "
            "r.qualifier AS qualifier, r.derived_from AS derived_from, "
            "r.direction AS direction, [c IN r.source_ids | {id: c}] AS sources "
            "ORDER BY g.name, month, report_id"
        ),
        ids={"region_ids": ("Region",), "actor_id": ("Actor",)},
        tags=("activity", "seed"),
    )
)
