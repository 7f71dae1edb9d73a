"""Admin-1 and admin-2 units of the Sahel countries as data: ids, names valid when, and splits.

`data/gazetteer/admin1.csv` lists the first-level units of Mali, Burkina Faso and Niger
with the dates their names are valid and the unit each new one was carved from: Mali's
2016 and 2023 regions (Ménaka from Gao, Bandiagara from Mopti, …) and Burkina Faso's 17
regions of July 2025 (Liptako and Soum from the Sahel region, …). `successors` and
`predecessors` walk that crosswalk both ways.

`data/gazetteer/admin2.csv` merges admin-2 spelling variants under one id (`Baraoueli`,
`Baroueli` → `region:mli-segou-baroueli`) and places a unit under one parent even where
sources still file it under the region it left (the Ménaka cercle under Gao).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from graph.dates import shift_month
from loaders.names import match_key

GAZETTEER_DIR = Path(__file__).resolve().parent.parent / "data" / "gazetteer"


@dataclass(frozen=True)
class AdminUnit:
    """One unit of the tables (admin-1 or admin-2)."""

    id: str
    country: str
    level: int
    name: str
    aliases: tuple[str, ...]
    parent: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    carved_from: tuple[str, ...] = ()
    also_under: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def valid_on(self, date: str) -> bool:
        """Whether the unit exists on `date` (ISO, any precision; open ends always hold)."""
        after_start = self.valid_from is None or date[: len(self.valid_from)] >= self.valid_from
        before_end = self.valid_to is None or date[: len(self.valid_to)] < self.valid_to
        return after_start and before_end


def last_day_before(end: str) -> str:
    """The table's exclusive end as the graph's inclusive one, at the same precision:
    `2025-07-02` → `2025-07-01`, `2023-01` → `2022-12`, `2023` → `2022`."""
    if len(end) == 4:
        return f"{int(end) - 1:04d}"
    if len(end) == 7:
        return shift_month(end, -1)
    return (date.fromisoformat(end) - timedelta(days=1)).isoformat()


def region_validity(unit_id: str) -> dict[str, Any]:
    """A table unit's period and lineage as Region properties (`valid_from`, inclusive
    `valid_to`, `carved_from`); empty for a unit the table neither dates nor derives."""
    found = unit(unit_id)
    if found is None:
        return {}
    period = {"valid_from": found.valid_from,
              "valid_to": last_day_before(found.valid_to) if found.valid_to else None,
              "carved_from": list(found.carved_from)}  # fmt: skip
    return {name: value for name, value in period.items() if value}


def dated_units() -> list[dict[str, Any]]:
    """Every unit the table dates or derives, with its `region_validity` (absent ones
    null): what a Region node written from the table carries."""
    rows = []
    for found in admin_units():
        period = region_validity(found.id)
        if period:
            rows.append({"id": found.id, "valid_from": period.get("valid_from"),
                         "valid_to": period.get("valid_to"),
                         "carved_from": period.get("carved_from")})  # fmt: skip
    return rows


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _rows(name: str) -> Iterator[dict[str, str]]:
    with (GAZETTEER_DIR / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


@lru_cache(maxsize=1)
def admin_units() -> tuple[AdminUnit, ...]:
    units = [
        AdminUnit(
            row["id"],
            row["country"],
            1,
            row["name"],
            _split(row["aliases"]),
            valid_from=row["valid_from"] or None,
            valid_to=row["valid_to"] or None,
            carved_from=_split(row["carved_from"]),
        )
        for row in _rows("admin1.csv")
    ]
    units += [
        AdminUnit(
            row["id"],
            row["country"],
            2,
            row["name"],
            _split(row["aliases"]),
            parent=row["admin1"],
            also_under=_split(row["also_under"]),
        )
        for row in _rows("admin2.csv")
    ]
    return tuple(units)


def unit(unit_id: str) -> AdminUnit | None:
    return _units_by_id().get(unit_id)


@lru_cache(maxsize=1)
def _units_by_id() -> dict[str, AdminUnit]:
    return {u.id: u for u in admin_units()}


def admin1_on(country: str, name: str, date: str | None = None) -> AdminUnit | None:
    """The admin-1 unit `name` denotes in `country` (valid on `date`, when given)."""
    key = match_key(name)
    for candidate in admin_units():
        if (
            candidate.level == 1
            and candidate.country == country
            and key in map(match_key, candidate.names())
            and (date is None or candidate.valid_on(date))
        ):
            return candidate
    return None


def successors(unit_id: str) -> list[AdminUnit]:
    """The units carved from `unit_id` (old → new)."""
    return [u for u in admin_units() if unit_id in u.carved_from]


def predecessors(unit_id: str) -> list[AdminUnit]:
    """The units `unit_id` was carved from (new → old)."""
    found = unit(unit_id)
    return [u for u in admin_units() if found and u.id in found.carved_from]


def admin2_under(country: str, parent_id: str, name: str) -> AdminUnit | None:
    """The admin-2 unit `name` denotes under `parent_id` (its own parent or a former one)."""
    key = match_key(name)
    for candidate in admin_units():
        if (candidate.level == 2 and candidate.country == country
                and parent_id in (candidate.parent, *candidate.also_under)
                and key in map(match_key, candidate.names())):  # fmt: skip
            return candidate
    return None
