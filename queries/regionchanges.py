"""The old↔new crosswalk of admin-1 units: which new regions were carved from which old ones.

Mali's 2016 and 2023 regions and Burkina Faso's regions of July 2025 replaced or split
older units. Region nodes carry the units they were carved from (`carved_from`, written by
the loaders from `data/gazetteer/admin1.csv`) with their `valid_from`/`valid_to`; this
entry lists each old → new pair with the dates, so an analyst can follow a region's
counts across the change (Mopti before 2023; Mopti, Bandiagara and Douentza after).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from queries.catalog import CatalogQuery, register
from queries.claims import node_map
from queries.params import Params
from queries.types import NodeRef, Result


def _iso3(value: Any) -> Any:
    """`MLI`, `mli` and `country:mli` all mean `MLI` (Region nodes store the upper-case code)."""
    if isinstance(value, str):
        return value.strip().removeprefix("country:").upper()
    return value


CountryCode = Annotated[str, BeforeValidator(_iso3), Field(pattern=r"^[A-Z]{3}$")]


class RegionChange(Result):
    """A region carved from an older one, with the dates of both."""

    country: str
    old: NodeRef
    new: NodeRef
    new_from: str | None = Field(
        default=None, description="First day (or month, or year) of the new unit."
    )
    old_until: str | None = Field(
        default=None,
        description="Last day of the old unit; empty when it lives on, smaller (Mopti).",
    )


class RegionChangeParams(Params):
    country: CountryCode | None = Field(
        default=None, description="Only this country (ISO 3166 alpha-3, e.g. MLI or BFA)."
    )


REGION_CHANGES = (
    "MATCH (new:Region) WHERE new.carved_from IS NOT NULL "
    "AND ($country IS NULL OR new.country = $country) "
    "UNWIND new.carved_from AS old_id "
    "OPTIONAL MATCH (old:Region {id: old_id}) "
    "RETURN new.country AS country, "
    "{id: old_id, label: 'Region', name: old.name, kind: null} AS old, "
    f"{node_map('new')} AS new, new.valid_from AS new_from, old.valid_to AS old_until "
    "ORDER BY country, new_from, old_id, new.id"
)
"""An old unit the store does not hold (no row named it) still appears, by id."""

region_changes = register(
    CatalogQuery(
        name="region_changes",
        description="The old↔new admin-1 crosswalk: each region carved from an older one "
        "(Mali's 2016 and 2023 regions, Burkina Faso's regions of July 2025), with the day the "
        "new unit begins and the last day of the old one (empty when it lives on).",
        params=RegionChangeParams,
        result=RegionChange,
        cypher=REGION_CHANGES,
        tags=("geography", "seed"),
    )
)
