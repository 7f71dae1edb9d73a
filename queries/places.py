"""Places: who operates where, and which regions border given countries."""

from __future__ import annotations

from pydantic import Field

from queries.catalog import CatalogQuery, register
from queries.claims import claim_map, node_map, valid_on
from queries.params import ActorId, AsOfGrades, CountryIds, Params, PlaceId
from queries.types import Claim, NodeRef, Result, SourceRef


class Presence(Result):
    """An actor operating in a place, with the evidence."""

    edge_ends = ("actor", "place", "OPERATES_IN")

    actor: NodeRef
    place: NodeRef
    evidence: Claim


class PresenceParams(AsOfGrades):
    actor_id: ActorId | None = Field(default=None, description="Only this actor.")
    place_id: PlaceId | None = Field(
        default=None, description="Only this region/country (and places inside it)."
    )


operates_where = register(
    CatalogQuery(
        name="operates_where",
        description="Who operates where (OPERATES_IN claims) as of a date; `place_id` also "
        "matches claims about places inside it (a cercle inside a region, a region in a country).",
        params=PresenceParams,
        result=Presence,
        cypher=(
            "MATCH (a:Actor)-[r:OPERATES_IN]->(p) "
            "WHERE ($actor_id IS NULL OR a.id = $actor_id) "
            "AND ($place_id IS NULL OR $place_id IN p.within_ids) "
            f"AND {valid_on('r')} "
            f"RETURN {node_map('a')} AS actor, {node_map('p')} AS place, "
            f"{claim_map('r')} AS evidence ORDER BY p.name, a.name, r.valid_from"
        ),
        ids={"actor_id": ("Actor",), "place_id": ("Region", "Country", "Location")},
        tags=("relationships",),
    )
)


class Border(Result):
    """A region on the border of a country."""

    country: NodeRef
    region: NodeRef
    region_country: str
    sources: list[SourceRef]


class BorderParams(Params):
    country_ids: CountryIds = Field(description="Country ids (comma-separated), e.g. country:sen.")
    region_country: str | None = Field(
        default=None,
        pattern=r"^[A-Z]{3}$",
        description="Only regions of this ISO3 country, e.g. MLI.",
    )


regions_bordering = register(
    CatalogQuery(
        name="regions_bordering",
        description="Regions that border the given countries (optionally only the regions "
        "of one country), with the source of each border.",
        params=BorderParams,
        result=Border,
        cypher=(
            "MATCH (g:Region)-[b:BORDERS]-(c:Country) "
            "WHERE c.id IN $country_ids "
            "AND ($region_country IS NULL OR g.country = $region_country) "
            f"RETURN {node_map('c')} AS country, {node_map('g')} AS region, "
            "g.country AS region_country, [s IN b.source_ids | {id: s}] AS sources "
            "ORDER BY c.name, g.name"
        ),
        ids={"country_ids": ("Country",)},
        tags=("geography", "seed"),
    )
)
