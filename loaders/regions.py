"""Country and region names as the event datasets spell them, normalised to one place each.

ACLED writes `Tombouctou`, other sources `Timbuktu`; UCDP writes `Mopti region` and
`Mopti cercle`; accents come and go (`Ségou`/`Segou`, `Ménaka`/`Menaka`). `region_key`
folds all of these to one key, and the `PlaceResolver` maps a (country, level, parent, name) to
the Region node the store already has for it — the curated knowledge base wins — or to a new
deterministic id (`region:mli-tombouctou`, `region:mli-mopti-bandiagara`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from graph.ids import make_id
from loaders.admins import AdminUnit, admin1_on, admin2_under, region_validity, unit
from loaders.countries import CountryInfo, country_index
from loaders.names import match_key

_ADMIN_SUFFIX = re.compile(
    r"\s+(region|r[eé]gion|cercle|commune|province|department|d[eé]partement|district|"
    r"prefecture|pr[eé]fecture|state|governorate|municipality|arrondissement|county)$",
    re.IGNORECASE,
)

# folded spelling -> the spelling the graph uses (Malian official names, with accents)
_REGION_SPELLINGS: dict[str, str] = {
    "timbuktu": "Tombouctou",
    "tombouctou": "Tombouctou",
    "tombuctu": "Tombouctou",
    "timbuctoo": "Tombouctou",
    "segou": "Ségou",
    "menaka": "Ménaka",
    "taoudeni": "Taoudénit",
    "taoudenni": "Taoudénit",
    "taoudenit": "Taoudénit",
    "dioila": "Dioïla",
    "nioro": "Nioro du Sahel",
    "nioro du sahel": "Nioro du Sahel",
    "bamako district": "Bamako",
    "district de bamako": "Bamako",
    "niamey capital district": "Niamey",
    "ouagadougou": "Ouagadougou",
}


def strip_admin_suffix(name: str) -> str:
    """UCDP's `Mopti region` / `Mopti cercle` → `Mopti` (leaves other names alone)."""
    stripped = _ADMIN_SUFFIX.sub("", name.strip())
    return stripped or name.strip()


@lru_cache(maxsize=16384)
def canonical_region_name(name: str) -> str:
    """The spelling the graph uses for a region name from any source."""
    bare = strip_admin_suffix(name)
    return _REGION_SPELLINGS.get(match_key(bare), bare)


@lru_cache(maxsize=16384)
def region_key(name: str) -> str:
    """The matching key of a region name: suffix stripped, spelling variants unified."""
    return match_key(canonical_region_name(name))


@dataclass(frozen=True)
class PlaceRef:
    """Where an event happened, as ids: country, regions (admin1..3), location."""

    country_id: str | None
    region_ids: tuple[str, ...]
    location_id: str | None
    region_names: tuple[str, ...] = ()

    @property
    def most_specific(self) -> str | None:
        """The place an incident OCCURRED_IN: location, else deepest region, else country."""
        if self.location_id:
            return self.location_id
        if self.region_ids:
            return self.region_ids[-1]
        return self.country_id


@dataclass
class NewPlaces:
    """Places the store lacks, found since the last drain, and the edges placing them."""

    countries: list[dict[str, Any]] = field(default_factory=list)
    regions: list[dict[str, Any]] = field(default_factory=list)
    locations: list[dict[str, Any]] = field(default_factory=list)
    region_parents: list[tuple[str, str]] = field(default_factory=list)
    location_parents: list[tuple[str, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.countries or self.regions or self.locations)

    def ids_by_label(self) -> dict[str, list[str]]:
        """The new places' ids, by label."""
        return {
            "Country": [row["id"] for row in self.countries],
            "Region": [row["id"] for row in self.regions],
            "Location": [row["id"] for row in self.locations],
        }


class PlaceResolver:
    """Resolves country/admin/location names to ids; remembers what it must create.

    Built from the Country and Region nodes in the store (the curated knowledge base is the
    source of truth for ids and spellings); names it cannot find become new nodes, each
    queued once per load. Memory grows with the number of distinct places, not with rows.
    """

    def __init__(
        self,
        countries: Iterable[Mapping[str, Any]] = (),
        regions: Iterable[Mapping[str, Any]] = (),
        source_ids: tuple[str, ...] = (),
        locations: Iterable[Mapping[str, Any]] = (),
    ) -> None:
        self.source_ids = list(source_ids)
        self._countries = country_index()
        self._country_by_key: dict[str, CountryInfo] = {}
        self._country_ids: dict[str, str] = {}
        for row in countries:
            iso3 = str(row.get("iso3") or "")
            if iso3:
                self._country_ids[iso3] = str(row["id"])
                for name in (row.get("name"), *(row.get("aliases") or [])):
                    if name and match_key(str(name)) not in self._country_by_key:
                        info = self._info_for_iso3(iso3) or CountryInfo(iso3, 0, (), str(name))
                        self._country_by_key[match_key(str(name))] = info
        self._region_ids: dict[tuple[str, int, str, str], str] = {}
        self._region_names: dict[str, str] = {}
        for row in regions:
            self._index_region(row)
        self._location_ids: dict[tuple[str, str], str] = {}
        ambiguous: set[tuple[str, str]] = set()
        for row in locations:
            for name in (row.get("name"), *(row.get("aliases") or [])):
                key = (str(row.get("country") or ""), region_key(str(name or "")))
                if not key[0] or not key[1]:
                    continue
                if self._location_ids.setdefault(key, str(row["id"])) != row["id"]:
                    ambiguous.add(key)
        for key in ambiguous:
            del self._location_ids[key]
        self._known: set[str] = set(self._country_ids.values()) | set(self._region_ids.values())
        self._known |= set(self._location_ids.values())
        self.pending = NewPlaces()
        self._units: dict[str, AdminUnit] = {}
        self.unknown_countries: set[str] = set()
        self._country_memo: dict[tuple[str | None, str | None, str | None], CountryInfo | None] = {}
        self._place_memo: dict[tuple[str, tuple[str, ...], str | None], PlaceRef] = {}

    def _info_for_iso3(self, iso3: str) -> CountryInfo | None:
        return self._countries.by_key.get(match_key(iso3))

    def _index_region(self, row: Mapping[str, Any]) -> None:
        country, level = str(row.get("country") or ""), row.get("level")
        if not country or not isinstance(level, int):
            return
        parent = str(row.get("parent_id") or "")
        self._region_names[str(row["id"])] = str(row.get("name") or row["id"])
        for name in (row.get("name"), *(row.get("aliases") or [])):
            if name:
                key = region_key(str(name))
                self._region_ids.setdefault((country, level, parent, key), str(row["id"]))
                self._region_ids.setdefault((country, level, "", key), str(row["id"]))

    # -- countries ---------------------------------------------------------------------------

    def country(
        self, name: str | None, iso_numeric: str | None = None, gw: str | None = None
    ) -> CountryInfo | None:
        """The country a row names, by name, ISO numeric code or Gleditsch–Ward code."""
        memo_key = (name, iso_numeric, gw)
        if memo_key in self._country_memo:
            return self._country_memo[memo_key]
        info = self._country_by_key.get(match_key(name)) if name else None
        if info is None:
            info = self._countries.find(name, iso_numeric, gw)
        if info is None and name:
            self.unknown_countries.add(name)
        self._country_memo[memo_key] = info
        return info

    def country_id(self, info: CountryInfo) -> str:
        """The Country node id for `info`, queuing the node if the store lacks it."""
        known = self._country_ids.get(info.iso3)
        if known:
            return known
        node_id = make_id("country", info.iso3)
        self._country_ids[info.iso3] = node_id
        if node_id not in self._known:
            self._known.add(node_id)
            props = {"id": node_id, "name": info.name, "iso3": info.iso3,
                     "aliases": list(info.aliases), "source_ids": self.source_ids}  # fmt: skip
            self.pending.countries.append(props)
        return node_id

    # -- regions and locations -----------------------------------------------------------------

    def place(
        self,
        info: CountryInfo | None,
        admins: tuple[str, ...],
        location: str | None = None,
        latitude: float | None = None,
        longitude: float | None = None,
        geo_precision: int | None = None,
    ) -> PlaceRef:
        """Ids for a row's country, admin1..3 chain and location (queuing new nodes)."""
        if info is None:
            return PlaceRef(None, (), None)
        memo_key = (info.iso3, admins, location)
        memo = self._place_memo.get(memo_key)
        if memo is not None:
            return memo
        country_id = self.country_id(info)
        parent_id = country_id
        region_ids: list[str] = []
        slug_parts: list[str] = [info.iso3]
        for level, raw in enumerate(admins, start=1):
            if not raw or not raw.strip():
                break
            name = canonical_region_name(raw)
            slug_parts.append(name)
            parent_id = self._region(info.iso3, level, name, parent_id, slug_parts)
            region_ids.append(parent_id)
        self._canonical_parent(region_ids)
        location_id = None
        if location and location.strip():
            location_id = self._location(info.iso3, location.strip(), slug_parts, parent_id,
                                         latitude, longitude, geo_precision)  # fmt: skip
        names = tuple(self._region_names[i] for i in region_ids)
        place = PlaceRef(country_id, tuple(region_ids), location_id, names)
        self._place_memo[memo_key] = place
        return place

    def _region(
        self, iso3: str, level: int, name: str, parent_id: str, slug_parts: list[str]
    ) -> str:
        key = match_key(name)
        parent_key = "" if parent_id.startswith("country:") else parent_id
        found = self._region_ids.get((iso3, level, parent_key, key))
        if found is None and level == 1:
            found = self._region_ids.get((iso3, level, "", key))
        if found is not None:
            return found
        table = admin1_on(iso3, name) if level == 1 else None
        if level == 2:
            table = admin2_under(iso3, parent_id, name)
        if table is not None:
            self._region_ids[(iso3, level, parent_key, key)] = table.id
            return self._queue_unit(table)
        node_id = make_id("region", *slug_parts)
        self._region_ids[(iso3, level, parent_key, key)] = node_id
        self._region_names.setdefault(node_id, name)
        if node_id not in self._known:
            self._known.add(node_id)
            self.pending.regions.append({"id": node_id, "name": name, "level": level,
                                         "country": iso3, "source_ids": self.source_ids})  # fmt: skip
            self.pending.region_parents.append((node_id, parent_id))
        return node_id

    def _queue_unit(self, table: AdminUnit) -> str:
        """A unit of the gazetteer tables, queued (with its aliases) if the store lacks it."""
        self._region_names.setdefault(table.id, table.name)
        self._units[table.id] = table
        if table.id not in self._known:
            self._known.add(table.id)
            self.pending.regions.append({"id": table.id, "name": table.name,
                                         "aliases": list(table.aliases), "level": table.level,
                                         "country": table.country,
                                         "source_ids": self.source_ids,
                                         **region_validity(table.id)})  # fmt: skip
            parent = table.parent or self._country_ids.get(table.country)
            if parent is not None:
                self.pending.region_parents.append((table.id, parent))
        return table.id

    def _canonical_parent(self, region_ids: list[str]) -> None:
        """An admin-2 unit the tables file under another admin-1 than the row (the Ménaka
        cercle under Gao) takes its own parent, so the chain and the admin1 name agree."""
        table = self._units.get(region_ids[1]) if len(region_ids) > 1 else None
        if table is None or table.parent is None or table.parent == region_ids[0]:
            return
        parent = unit(table.parent)
        if parent is not None:
            region_ids[0] = self._known_region(parent)

    def _known_region(self, table: AdminUnit) -> str:
        for name in table.names():
            found = self._region_ids.get((table.country, table.level, "", match_key(name)))
            if found is not None:
                return found
        return self._queue_unit(table)

    def _location(
        self,
        iso3: str,
        name: str,
        slug_parts: list[str],
        parent_id: str,
        latitude: float | None,
        longitude: float | None,
        geo_precision: int | None,
    ) -> str:
        node_id = self._location_ids.get((iso3, region_key(name))) or make_id(
            "location", *slug_parts[:3], name
        )
        if node_id not in self._known:
            self._known.add(node_id)
            props: dict[str, Any] = {"id": node_id, "name": name, "country": iso3,
                                     "source_ids": self.source_ids}  # fmt: skip
            if latitude is not None and longitude is not None:
                props["latitude"], props["longitude"] = latitude, longitude
            if geo_precision is not None:
                props["geo_precision"] = geo_precision
            self.pending.locations.append(props)
            self.pending.location_parents.append((node_id, parent_id))
        return node_id

    def drain(self) -> NewPlaces:
        """Hand over the queued new places (and forget them)."""
        pending, self.pending = self.pending, NewPlaces()
        return pending
