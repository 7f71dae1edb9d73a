"""Every country any source names: ISO 3166-1 codes and names, Gleditsch–Ward codes, spellings.

ISO 3166-1 (all countries and territories, alpha-3 and numeric codes: what ACLED's `iso`
column holds) comes from the `iso3166` package; the Gleditsch–Ward codes UCDP uses
(`country_id`, `gwnoloc`) and UCDP's spellings (`DR Congo (Zaire)`, `Russia (Soviet
Union)`) from `data/gazetteer/gleditsch_ward.csv`. One `CountryInfo` per ISO alpha-3 code;
a country with several GW codes (Germany 255/260/265, Yemen 678/680) keeps them all.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import iso3166

from loaders.names import match_key

GW_TABLE = Path(__file__).resolve().parent.parent / "data" / "gazetteer" / "gleditsch_ward.csv"

_EXTRA_SPELLINGS: dict[str, tuple[str, ...]] = {
    "VAT": ("Vatican City", "Holy See"),
    "PSE": ("Palestinian Territory", "Palestinian Territories"),
    "GBR": ("England",),
}
"""Spellings ACLED uses that neither ISO 3166 nor the GW list has."""


@dataclass(frozen=True)
class CountryInfo:
    """A country's codes: ISO 3166 alpha-3 and numeric, Gleditsch–Ward, names."""

    iso3: str
    iso_numeric: int
    gw_codes: tuple[int, ...]
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def gw(self) -> int | None:
        return self.gw_codes[0] if self.gw_codes else None


@dataclass(frozen=True)
class GwState:
    """One row of the Gleditsch–Ward table."""

    gw: int
    iso3: str
    name: str
    aliases: tuple[str, ...]


def read_gw_table(path: Path = GW_TABLE) -> list[GwState]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            GwState(
                int(row["gw"]),
                row["iso3"],
                row["name"],
                tuple(a.strip() for a in row["aliases"].split("|") if a.strip()),
            )
            for row in csv.DictReader(handle)
        ]


@lru_cache(maxsize=1)
def all_countries() -> tuple[CountryInfo, ...]:
    """One entry per ISO 3166-1 country, with its GW codes and every spelling we know."""
    states: dict[str, list[GwState]] = {}
    for state in read_gw_table():
        states.setdefault(state.iso3, []).append(state)
    found = []
    for iso in iso3166.countries:
        gw_rows = states.get(iso.alpha3, [])
        name = gw_rows[0].name if gw_rows else iso.apolitical_name
        spellings = [iso.name, iso.apolitical_name, *(s.name for s in gw_rows)]
        spellings += [a for s in gw_rows for a in s.aliases]
        spellings += _EXTRA_SPELLINGS.get(iso.alpha3, ())
        aliases = tuple(a for a in dict.fromkeys(spellings) if a != name)
        found.append(CountryInfo(iso.alpha3, int(iso.numeric), tuple(s.gw for s in gw_rows),
                                 name, aliases))  # fmt: skip
    return tuple(found)


@dataclass(frozen=True)
class CountryIndex:
    """Lookups by name (any spelling), ISO numeric code and GW code."""

    by_key: dict[str, CountryInfo]
    by_numeric: dict[int, CountryInfo]
    by_gw: dict[int, CountryInfo]

    def find(self, name: str | None, iso_numeric: str | None = None,
             gw: str | None = None) -> CountryInfo | None:  # fmt: skip
        """By name first, then the ISO numeric code, then the GW code."""
        info = self.by_key.get(match_key(name)) if name else None
        if info is None and iso_numeric and iso_numeric.strip().isdigit():
            info = self.by_numeric.get(int(iso_numeric))
        if info is None and gw and gw.strip().isdigit():
            info = self.by_gw.get(int(gw))
        return info


@lru_cache(maxsize=1)
def country_index() -> CountryIndex:
    by_key: dict[str, CountryInfo] = {}
    for info in all_countries():
        for spelling in (info.name, info.iso3, *info.aliases):
            by_key.setdefault(match_key(spelling), info)
    return CountryIndex(
        by_key=by_key,
        by_numeric={info.iso_numeric: info for info in all_countries()},
        by_gw={gw: info for info in all_countries() for gw in info.gw_codes},
    )


def iso3_for_gw(gw: int) -> str | None:
    info = country_index().by_gw.get(gw)
    return info.iso3 if info else None
