"""An actor's footprint over time and its spread into regions new to it.

"Katiba Macina moving into Kayes": where an actor was active month by month — incidents
it took part in (per dataset) and activity sources report for it — and which regions
are new to it in a window compared with the window of equal length before it. A region
counts as present in a window with an incident, a reported count above zero, or an
OPERATES_IN claim overlapping the window. Sub-units (PART_OF, up to three levels) count
for their parent when asked.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Literal

from pydantic import Field

from graph.dates import end_bound, start_bound
from graph.model import Credibility
from graph.store.base import GraphStore, Record
from graph.vocab import ClaimStatus, Direction
from queries.attribution import NOT_ONLY_POSSIBLE, POSSIBLE_RANK
from queries.catalog import CatalogQuery, register
from queries.claims import dated_within, graded
from queries.params import ActorId, PartialDate
from queries.place_rollup import regions_of_level
from queries.series import (
    REPORT_SERIES,
    MonthsParams,
    MonthWindow,
    SeriesSet,
    region_ref,
    window_of,
)
from queries.types import NodeRef, Result, SourceRef

_ACTORS_INCIDENTS = (
    "MATCH (a:Actor) WHERE a.id IN $actor_ids "
    "MATCH (a)-[p:PARTICIPATED_IN]->(i) "
    f"WITH p, i WHERE 'Incident' IN labels(i) AND {dated_within('i.date')} "
)
"""The actors' incidents in the window: from the actors (a handful of index lookups), the
date tested after the hop — written so, FalkorDB's planner would rather scan the date index
over every incident and join back (1.2 s instead of 30 ms at 300k incidents)."""

_IN_REGIONS = f"MATCH (i)-[:OCCURRED_IN]->(l) UNWIND {regions_of_level('l')} AS region_id "

ACTOR_INCIDENTS = (
    f"{_ACTORS_INCIDENTS} AND {NOT_ONLY_POSSIBLE} "
    f"WITH DISTINCT i {_IN_REGIONS}"
    "WITH DISTINCT region_id, i "
    "WITH region_id, i.dataset AS dataset, i.month AS month, count(i) AS value, "
    "sum(coalesce(i.fatalities, 0)) AS fatalities "
    "MATCH (r:Region {id: region_id}) "
    "RETURN r.id AS region_id, r.name AS region, dataset, month, value, fatalities"
)

ACTOR_POSSIBLE_INCIDENTS = (
    f"{_ACTORS_INCIDENTS}"
    f"WITH i, max(coalesce(p.status_rank, {POSSIBLE_RANK + 1})) AS firmest "
    f"WHERE firmest = {POSSIBLE_RANK} "
    f"{_IN_REGIONS}"
    "WITH DISTINCT region_id, i "
    "WITH region_id, i.dataset AS dataset, i.month AS month, count(i) AS incidents "
    "MATCH (r:Region {id: region_id}) "
    "RETURN region_id, r.name AS region, dataset, month, incidents"
)
"""Per region and month: incidents the actor (or its family) is named in only as a candidate
of an "A and/or B" attribution — left out of ACTOR_INCIDENTS, shown beside it."""

ACTOR_FAMILY = (
    "MATCH (a:Actor)-[:PART_OF*0..3]->(root:Actor {id: $actor_id}) "
    "WHERE $include_subunits OR a.id = $actor_id "
    "RETURN DISTINCT a.id AS actor_id ORDER BY actor_id"
)

ACTOR_CLAIMED_REGIONS = (
    "MATCH (a:Actor) WHERE a.id IN $actor_ids "
    f"MATCH (a)-[c:OPERATES_IN]->(l) WHERE {graded('c')} "
    f"UNWIND {regions_of_level('l')} AS region_id "
    "MATCH (r:Region {id: region_id}) "
    "RETURN DISTINCT r.id AS region_id, r.name AS region, c.valid_from AS valid_from, "
    "c.valid_to AS valid_to"
)

# -- actor footprint and spread -------------------------------------------------------------


class FootprintParams(MonthsParams):
    actor_id: ActorId = Field(description="Actor id, e.g. actor:katiba-macina.")
    include_subunits: bool = Field(
        default=False, description="Count the actor's sub-units (PART_OF) too."
    )


async def _family(store: GraphStore, params: FootprintParams) -> list[str]:
    rows = await store.read(
        ACTOR_FAMILY,
        {"actor_id": params.actor_id, "include_subunits": params.include_subunits},
    )
    return [row["actor_id"] for row in rows]


async def read_footprint(
    store: GraphStore, actor_ids: list[str], window: MonthWindow, level: int
) -> SeriesSet:
    """The actors' incident series and actor-specific report series per region."""
    values = {
        **window.date_params(),
        "actor_ids": actor_ids,
        "level": level,
        "region_ids": None,
        "metric": None,
    }
    series = SeriesSet().add_incidents(await store.read(ACTOR_INCIDENTS, values))
    return series.add_reports(await store.read(REPORT_SERIES, values))


async def read_possible(
    store: GraphStore, actor_ids: list[str], window: MonthWindow, level: int
) -> list[Record]:
    """ACTOR_POSSIBLE_INCIDENTS rows: what the footprint and the spread show beside counts."""
    values = {**window.date_params(), "actor_ids": actor_ids, "level": level}
    return await store.read(ACTOR_POSSIBLE_INCIDENTS, values)


class FootprintMonth(Result):
    """Where an actor was active in a month, by labelled source; `first` marks a region's
    first month with activity inside the window."""

    actor_id: str
    month: str
    region: NodeRef
    series: str
    value: int | None
    fatalities: int | None
    direction: Direction | None
    first: bool
    sources: list[SourceRef]
    possible_incidents: int = Field(
        default=0,
        description="Incidents series: incidents that month the actor is named in only as a "
        'candidate of an "A and/or B" attribution — not in value; a month with only those has '
        "value 0.",
    )


def footprint_months(
    actor_id: str, series: SeriesSet, possible: Sequence[Record] = ()
) -> list[FootprintMonth]:
    """Rows per (month, region, series) with activity; `possible` (ACTOR_POSSIBLE_INCIDENTS
    rows) is put beside the incidents series of its dataset. `first` counts only activity."""
    rows = []
    for key in series.series_keys():
        region_id, label = key
        for month, point in sorted(series.points[key].items()):
            if not point.value and point.direction is None:
                continue
            rows.append(
                FootprintMonth(
                    actor_id=actor_id,
                    month=month,
                    region=region_ref(region_id, series.names.get(region_id)),
                    series=label,
                    value=point.value,
                    fatalities=point.fatalities,
                    direction=point.direction,
                    first=False,
                    sources=[SourceRef(id=s) for s in point.source_ids],
                )
            )
    by_key = {(r.month, r.region.id, r.series): r for r in rows}
    for found in possible:
        place = (str(found["month"]), str(found["region_id"]), f"incidents:{found['dataset']}")
        row = by_key.get(place)
        if row is None:
            row = by_key[place] = FootprintMonth(
                actor_id=actor_id, month=place[0], region=region_ref(place[1], found["region"]),
                series=place[2], value=0, fatalities=0, direction=None, first=False, sources=[],
            )  # fmt: skip
            rows.append(row)
        row.possible_incidents += int(found["incidents"])
    rows.sort(key=lambda r: (r.month, r.region.name or r.region.id, r.series))
    seen: set[str] = set()
    for row in rows:
        active = bool(row.value) or row.direction is not None
        row.first = active and row.region.id not in seen
        if active:
            seen.add(row.region.id)
    return rows


async def _run_footprint(store: GraphStore, params: FootprintParams) -> list[FootprintMonth]:
    window = window_of(params.start, params.end)
    actor_ids = await _family(store, params)
    series = await read_footprint(store, actor_ids, window, params.level)
    possible = await read_possible(store, actor_ids, window, params.level)
    return footprint_months(params.actor_id, series, possible)


ACTOR_IDS = {"actor_id": ("Actor",)}

actor_footprint = register(
    CatalogQuery(
        name="actor_footprint",
        description="An actor's footprint over time: per month and region, its incidents (per "
        "dataset) and the activity sources report for it; incidents it is only a possible "
        'party to ("A and/or B") are shown beside, not counted.',
        params=FootprintParams,
        result=FootprintMonth,
        ids=ACTOR_IDS,
        run=_run_footprint,
        extra_statements=lambda dialect: {
            "actor_family": ACTOR_FAMILY,
            "actor_incidents": ACTOR_INCIDENTS,
            "report_series": REPORT_SERIES,
            "actor_possible_incidents": ACTOR_POSSIBLE_INCIDENTS,
        },
        tags=("activity",),
    )
)


class RegionSpread(Result):
    """A region's standing in an actor's footprint: new, continuing, or gone."""

    actor_id: str
    region: NodeRef
    change: Literal["new", "continuing", "gone"]
    current_incidents: int
    previous_incidents: int
    current_reported: int
    previous_reported: int
    current_claims: int
    previous_claims: int
    current_possible_incidents: int = Field(
        default=0,
        description='Incidents in the window the actor is only a possible party to ("A and/or '
        'B" attribution): not counted in current_incidents nor in the change.',
    )
    previous_possible_incidents: int = Field(
        default=0, description="The same for the window before."
    )


def _period_overlaps(valid_from: str | None, valid_to: str | None, window: MonthWindow) -> bool:
    starts_in_time = valid_from is None or start_bound(valid_from) <= end_bound(window.last)
    lasts_long_enough = valid_to is None or end_bound(valid_to) >= start_bound(window.first)
    return starts_in_time and lasts_long_enough


def region_spread(
    actor_id: str,
    series: SeriesSet,
    claims: Sequence[Record],
    window: MonthWindow,
    possible: Sequence[Record] = (),
) -> list[RegionSpread]:
    """Compare the window with the one before: regions new to the actor, kept, or left.

    `possible` (ACTOR_POSSIBLE_INCIDENTS rows) is counted beside, never in the change."""
    before = window.previous()
    beside: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in possible:
        for name, span in (("current", window), ("previous", before)):
            if row["month"] in span.months:
                beside[row["region_id"]][name] += int(row["incidents"])
    tally: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    names = dict(series.names)
    for key in series.series_keys():
        region_id, label = key
        kind = "incidents" if label.startswith("incidents:") else "reported"
        for name, span in (("current", window), ("previous", before)):
            points = series.points.get(key, {})
            values = [points[m].value for m in span.months if m in points]
            tally[region_id][f"{name}_{kind}"] += sum(v for v in values if v)
    for claim in claims:
        names.setdefault(claim["region_id"], claim["region"])
        for name, span in (("current", window), ("previous", before)):
            if _period_overlaps(claim["valid_from"], claim["valid_to"], span):
                tally[claim["region_id"]][f"{name}_claims"] += 1
    rows = []
    for region_id, counts in tally.items():
        now = sum(v for k, v in counts.items() if k.startswith("current_"))
        then = sum(v for k, v in counts.items() if k.startswith("previous_"))
        if not now and not then:
            continue
        change = "continuing" if now and then else ("new" if now else "gone")
        rows.append(
            RegionSpread(
                actor_id=actor_id,
                region=region_ref(region_id, names.get(region_id)),
                change=change,
                current_incidents=counts["current_incidents"],
                previous_incidents=counts["previous_incidents"],
                current_reported=counts["current_reported"],
                previous_reported=counts["previous_reported"],
                current_claims=counts["current_claims"],
                previous_claims=counts["previous_claims"],
                current_possible_incidents=beside[region_id]["current"],
                previous_possible_incidents=beside[region_id]["previous"],
            )
        )
    order = {"new": 0, "continuing": 1, "gone": 2}
    rows.sort(key=lambda r: (order[r.change], r.region.name or r.region.id))
    return rows


class SpreadParams(FootprintParams):
    start: PartialDate = Field(description="First month of the window.")
    end: PartialDate = Field(description="Last month of the window.")
    min_status: ClaimStatus = Field(
        default=ClaimStatus.POSSIBLE, description="Weakest OPERATES_IN status to count."
    )
    max_credibility: Credibility = Field(
        default=6, description="Worst OPERATES_IN credibility (1-6) to count."
    )


async def _run_spread(store: GraphStore, params: SpreadParams) -> list[RegionSpread]:
    window = window_of(params.start, params.end, required=True)
    span = MonthWindow(window.previous().first, window.last)
    actor_ids = await _family(store, params)
    series = await read_footprint(store, actor_ids, span, params.level)
    claims = await store.read(
        ACTOR_CLAIMED_REGIONS,
        {
            "actor_ids": actor_ids,
            "level": params.level,
            "min_status": params.min_status.value,
            "max_credibility": params.max_credibility,
        },
    )
    possible = await read_possible(store, actor_ids, span, params.level)
    return region_spread(params.actor_id, series, claims, window, possible)


actor_spread = register(
    CatalogQuery(
        name="actor_spread",
        description="An actor's spread: regions new to it in a window compared with the window "
        "of equal length before (incidents, reported activity, OPERATES_IN claims); incidents "
        'it is only a possible party to ("A and/or B") are shown beside, not counted.',
        params=SpreadParams,
        result=RegionSpread,
        ids=ACTOR_IDS,
        run=_run_spread,
        extra_statements=lambda dialect: {
            "actor_family": ACTOR_FAMILY,
            "actor_incidents": ACTOR_INCIDENTS,
            "report_series": REPORT_SERIES,
            "actor_claimed_regions": ACTOR_CLAIMED_REGIONS,
            "actor_possible_incidents": ACTOR_POSSIBLE_INCIDENTS,
        },
        tags=("activity",),
    )
)
