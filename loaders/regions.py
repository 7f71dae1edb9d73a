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

from graph.ids import fold, make_id

_PUNCT = re.compile(r"[^a-z0-9]+")
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


def match_key(text: str) -> str:
    """Case, diacritics and punctuation ignored: `Ségou` and `SEGOU.` share `segou`."""
    return _PUNCT.sub(" ", fold(text)).strip()


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
class CountryInfo:
    """A country's codes: ISO 3166 alpha-3 and numeric, Gleditsch–Ward, names."""

    iso3: str
    iso_numeric: int
    gw: int | None
    name: str
    aliases: tuple[str, ...] = ()


# The countries ACLED's Africa and UCDP's Sahel data name, and states whose forces act there.
COUNTRIES: tuple[CountryInfo, ...] = (
    CountryInfo("MLI", 466, 432, "Mali"),
    CountryInfo("BFA", 854, 439, "Burkina Faso"),
    CountryInfo("NER", 562, 436, "Niger"),
    CountryInfo("MRT", 478, 435, "Mauritania"),
    CountryInfo("SEN", 686, 433, "Senegal"),
    CountryInfo("GIN", 324, 438, "Guinea"),
    CountryInfo("CIV", 384, 437, "Côte d'Ivoire", ("Ivory Coast", "Cote d'Ivoire")),
    CountryInfo("GHA", 288, 452, "Ghana"),
    CountryInfo("TGO", 768, 461, "Togo"),
    CountryInfo("BEN", 204, 434, "Benin"),
    CountryInfo("NGA", 566, 475, "Nigeria"),
    CountryInfo("TCD", 148, 483, "Chad"),
    CountryInfo("CMR", 120, 471, "Cameroon"),
    CountryInfo("DZA", 12, 615, "Algeria"),
    CountryInfo("LBY", 434, 620, "Libya"),
    CountryInfo("MAR", 504, 600, "Morocco"),
    CountryInfo("TUN", 788, 616, "Tunisia"),
    CountryInfo("EGY", 818, 651, "Egypt"),
    CountryInfo("SDN", 729, 625, "Sudan"),
    CountryInfo("SSD", 728, 626, "South Sudan"),
    CountryInfo("GMB", 270, 420, "Gambia", ("The Gambia",)),
    CountryInfo("GNB", 624, 404, "Guinea-Bissau"),
    CountryInfo("SLE", 694, 451, "Sierra Leone"),
    CountryInfo("LBR", 430, 450, "Liberia"),
    CountryInfo("CPV", 132, 402, "Cape Verde", ("Cabo Verde",)),
    CountryInfo("CAF", 140, 482, "Central African Republic"),
    CountryInfo("COD", 180, 490, "Democratic Republic of Congo", ("DR Congo (Zaire)", "DR Congo")),
    CountryInfo("COG", 178, 484, "Republic of Congo", ("Congo",)),
    CountryInfo("GAB", 266, 481, "Gabon"),
    CountryInfo("GNQ", 226, 411, "Equatorial Guinea"),
    CountryInfo("ETH", 231, 530, "Ethiopia"),
    CountryInfo("ERI", 232, 531, "Eritrea"),
    CountryInfo("DJI", 262, 522, "Djibouti"),
    CountryInfo("SOM", 706, 520, "Somalia"),
    CountryInfo("KEN", 404, 501, "Kenya"),
    CountryInfo("UGA", 800, 500, "Uganda"),
    CountryInfo("RWA", 646, 517, "Rwanda"),
    CountryInfo("BDI", 108, 516, "Burundi"),
    CountryInfo("TZA", 834, 510, "Tanzania"),
    CountryInfo("MOZ", 508, 541, "Mozambique"),
    CountryInfo("AGO", 24, 540, "Angola"),
    CountryInfo("ZMB", 894, 551, "Zambia"),
    CountryInfo("ZWE", 716, 552, "Zimbabwe"),
    CountryInfo("MWI", 454, 553, "Malawi"),
    CountryInfo("ZAF", 710, 560, "South Africa"),
    CountryInfo("NAM", 516, 565, "Namibia"),
    CountryInfo("BWA", 72, 571, "Botswana"),
    CountryInfo("MDG", 450, 580, "Madagascar"),
    CountryInfo("ESH", 732, None, "Western Sahara"),
    CountryInfo("FRA", 250, 220, "France"),
    CountryInfo("RUS", 643, 365, "Russia", ("Russia (Soviet Union)", "Russian Federation")),
    CountryInfo("USA", 840, 2, "United States", ("United States of America", "USA")),
    CountryInfo("GBR", 826, 200, "United Kingdom"),
    CountryInfo("DEU", 276, 255, "Germany"),
    CountryInfo("TUR", 792, 640, "Turkey", ("Türkiye",)),
    CountryInfo("CHN", 156, 710, "China"),
)


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
        self._country_by_key: dict[str, CountryInfo] = {}
        self._country_by_numeric: dict[int, CountryInfo] = {}
        self._country_by_gw: dict[int, CountryInfo] = {}
        for info in COUNTRIES:
            for name in (info.name, info.iso3, *info.aliases):
                self._country_by_key[match_key(name)] = info
            self._country_by_numeric[info.iso_numeric] = info
            if info.gw is not None:
                self._country_by_gw[info.gw] = info
        self._country_ids: dict[str, str] = {}
        for row in countries:
            iso3 = str(row.get("iso3") or "")
            if iso3:
                self._country_ids[iso3] = str(row["id"])
                for name in (row.get("name"), *(row.get("aliases") or [])):
                    if name and match_key(str(name)) not in self._country_by_key:
                        info = self._info_for_iso3(iso3) or CountryInfo(iso3, 0, None, str(name))
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
        self.unknown_countries: set[str] = set()
        self._country_memo: dict[tuple[str | None, str | None, str | None], CountryInfo | None] = {}
        self._place_memo: dict[tuple[str, tuple[str, ...], str | None], PlaceRef] = {}

    def _info_for_iso3(self, iso3: str) -> CountryInfo | None:
        return self._country_by_key.get(match_key(iso3))

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
        if info is None and iso_numeric and iso_numeric.strip().isdigit():
            info = self._country_by_numeric.get(int(iso_numeric))
        if info is None and gw and gw.strip().isdigit():
            info = self._country_by_gw.get(int(gw))
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
        node_id = make_id("region", *slug_parts)
        self._region_ids[(iso3, level, parent_key, key)] = node_id
        self._region_names.setdefault(node_id, name)
        if node_id not in self._known:
            self._known.add(node_id)
            self.pending.regions.append({"id": node_id, "name": name, "level": level,
                                         "country": iso3, "source_ids": self.source_ids})  # fmt: skip
            self.pending.region_parents.append((node_id, parent_id))
        return node_id

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
