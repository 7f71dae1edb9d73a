"""Presence: where actors are in a window — incidents (rolled up to regions of one admin
level) and OPERATES_IN claims per actor and region, and each region's incident total; one
read (rows packed as in the network projections)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.store.base import GraphStore, Record
from queries.analytics.projection import DATASET_FILTER, IN_WINDOW, PACK, Filters
from queries.attribution import POSSIBLE_RANK
from queries.claims import valid_during
from queries.place_rollup import regions_of_level
from queries.readcache import cached

_REGIONS = f"MATCH (i)-[:OCCURRED_IN]->(l) UNWIND {regions_of_level('l')} AS r "
"""The regions of `$level` an incident's place lies in (queries.place_rollup): one hop."""

PRESENCE = " UNION ALL ".join(
    [
        "MATCH (a:Actor)-[p:PARTICIPATED_IN]->(i:Incident) "
        f"WHERE {IN_WINDOW} AND {DATASET_FILTER} AND p.credibility <= $max_credibility "
        "WITH a, i, max(p.status_rank) AS firmest "
        "WITH a, i, CASE WHEN firmest >= $min_rank THEN 'incidents' "
        f"WHEN firmest = {POSSIBLE_RANK} THEN 'possible' END AS kind "
        f"WHERE kind IS NOT NULL {_REGIONS}"
        "WITH DISTINCT a, kind, r, i "
        "WITH a, kind, r, count(i) AS n, toInteger(sum(coalesce(i.fatalities, 0))) AS f "
        "WITH a, kind, collect(r + ',' + toString(n) + ',' + toString(f)) AS links "
        f"RETURN a.id AS id, a.name AS name, kind, {PACK}",
        f"MATCH (a:Actor)-[c:OPERATES_IN]->(l) WHERE {valid_during('c')} "
        f"UNWIND {regions_of_level('l')} AS r "
        "WITH DISTINCT a, r, c "
        "WITH a, r, count(c) AS n "
        "WITH a, collect(r + ',' + toString(n) + ',0') AS links "
        f"RETURN a.id AS id, a.name AS name, 'operates_in' AS kind, {PACK}",
        f"MATCH (i:Incident) WHERE {IN_WINDOW} AND {DATASET_FILTER} {_REGIONS}"
        "WITH DISTINCT r, i "
        "WITH r, count(i) AS n, toInteger(sum(coalesce(i.fatalities, 0))) AS f "
        "MATCH (g:Region {id: r}) "
        "RETURN g.id AS id, g.name AS name, 'total' AS kind, "
        "[toString(n) + ',' + toString(f)] AS packed",
        "MATCH (r:Region) WHERE r.level = $level "
        "RETURN r.id AS id, r.name AS name, 'region' AS kind, [] AS packed",
    ]
)
"""Where actors are present in the window: incidents and OPERATES_IN claims per actor and
region (admin `level`), each region's distinct incident total, and region names; one read.
An incident counts for an actor when one of its participations passes the floors; one that
names the actor only as a candidate of an "A and/or B" attribution, below the floor, is
counted apart (`possible`), to be shown beside."""


@dataclass
class Presence:
    """Per actor and region: incidents, fatalities, OPERATES_IN claims; per region totals."""

    incidents: dict[str, dict[str, int]] = field(default_factory=dict)
    fatalities: dict[str, dict[str, int]] = field(default_factory=dict)
    claims: dict[str, dict[str, int]] = field(default_factory=dict)
    possible: dict[str, dict[str, int]] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    total_fatalities: dict[str, int] = field(default_factory=dict)
    actor_names: dict[str, str | None] = field(default_factory=dict)
    region_names: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def of(cls, records: Iterable[Record]) -> Presence:
        """From the packed PRESENCE rows (`region,items,fatalities` entries per actor)."""
        presence = cls()
        for rec in records:
            kind, packed = rec["kind"], list(rec["packed"])
            if kind in ("region", "total"):
                presence.region_names[rec["id"]] = rec["name"]
                if kind == "total":
                    items, fatalities = packed[0].split(",")
                    presence.totals[rec["id"]] = int(items)
                    presence.total_fatalities[rec["id"]] = int(fatalities)
                continue
            actor = rec["id"]
            presence.actor_names[actor] = rec["name"]
            for entry in packed:
                region, items, fatalities = entry.split(",")
                if kind == "incidents":
                    presence.incidents.setdefault(actor, {})[region] = int(items)
                    presence.fatalities.setdefault(actor, {})[region] = int(fatalities)
                elif kind == "possible":
                    presence.possible.setdefault(actor, {})[region] = int(items)
                else:
                    presence.claims.setdefault(actor, {})[region] = int(items)
        return presence

    def regions_of(self, actor: str) -> set[str]:
        """Regions where the actor is present: an incident or an OPERATES_IN claim."""
        return set(self.incidents.get(actor, {})) | set(self.claims.get(actor, {}))


async def read_presence(store: GraphStore, filters: Filters) -> Presence:
    """Cached per store version (queries.readcache): callers must not edit it."""

    async def read() -> Presence:
        return Presence.of(await store.read(PRESENCE, filters.params()))

    return await cached(store, ("presence", filters), read)
