"""One rule for an incident's place when sources overlap, whatever the load order.

Two exports of one period (a dyadic and a monadic ACLED file, an old and an updated
export) may place one event differently. The incident keeps one place, and the admin and
location properties that go with it:

1. the most specific place wins: a location, then an admin-3, admin-2, admin-1 region, then
   the country;
2. a tie goes to the source with precedence (`PRECEDENCE`: ACLED, then UCDP GED, then any
   other dataset);
3. then to the newer record (the source's own `timestamp`: an updated export corrects a
   place);
4. a remaining tie to the smaller place id — so the answer never depends on which file
   came first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from queries.eventdata.incidents import INCIDENT_PROPERTIES

PLACE_FIELDS = ("admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
                "source_timestamp")  # fmt: skip
"""The incident properties that describe its place: they travel with the winning place."""
PRECEDENCE = {"acled": 0, "ucdp-ged": 1}
OTHER_PRECEDENCE = 9
_FIELD_POSITIONS = tuple(INCIDENT_PROPERTIES.index(name) for name in PLACE_FIELDS)

PlaceRank = tuple[int, int, int, str]


def specificity(label: str | None, level: int | None) -> int:
    """Location 4, admin-3 region 3, admin-2 2, admin-1 1, country 0, nothing −1."""
    if label == "Location":
        return 4
    if label == "Region":
        return level if isinstance(level, int) else 1
    return 0 if label == "Country" else -1


def place_rank(
    place_id: str | None,
    label: str | None,
    level: int | None,
    dataset: str | None,
    timestamp: int | None,
) -> PlaceRank:
    """Smaller is better: (−specificity, source precedence, −timestamp, place id)."""
    return (-specificity(label, level), PRECEDENCE.get(dataset or "", OTHER_PRECEDENCE),
            -(timestamp or 0), place_id or "\uffff")  # fmt: skip


def keep_place(row: list[Any], winner: Mapping[str, Any]) -> None:
    """Give the positional incident `row` the place of `winner` (an earlier record's row
    values by field name, and its place id under `place`)."""
    for position, name in zip(_FIELD_POSITIONS, PLACE_FIELDS, strict=True):
        row[position] = winner.get(name)
    row[-1] = winner.get("place")


def row_place(row: list[Any]) -> dict[str, Any]:
    """The place fields of a positional incident row, by name, with its place id."""
    found = {
        name: row[position] for position, name in zip(_FIELD_POSITIONS, PLACE_FIELDS, strict=True)
    }
    found["place"] = row[-1]
    return found
