"""ACLED rows → `IncidentRecord`s (or `Rejected` rows with line, field and reason).

Kept lean: this runs once per row of files with millions of rows. Every check the model
would make is made here first, so the rejects file says which field was wrong and why.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graph.ids import make_id
from loaders.acled.layouts import Layout, detect_layout, inter_kind, map_event_type
from loaders.attribution import participants_for
from loaders.csvfile import CsvFile, raw_text
from loaders.eventdates import DATE_FORMS, parse_acled_date
from loaders.records import IncidentRecord, ParseResult, Participant, Rejected
from loaders.regions import canonical_region_name
from loaders.rowfields import RowError, parse_coordinate, parse_count

_TEXT_FIELDS = (
    "disorder_type", "civilian_targeting", "tags", "location", "notes",
    "source_scale",
)  # fmt: skip


_ALL_COLUMNS = (
    "event_id_cnty", "event_date", "inter1", "inter2", "event_type", "sub_event_type",
    "latitude", "longitude", "admin1", "admin2", "admin3", "location", "country", "fatalities",
    "geo_precision", "time_precision", "source", "actor1", "assoc_actor_1", "actor2",
    "assoc_actor_2", "iso", "timestamp", *_TEXT_FIELDS,
)  # fmt: skip


def split_actors(value: str) -> list[str]:
    """`A; B;C` → [A, B, C] (ACLED separates associated actors with semicolons)."""
    if not value:
        return []
    return [name.strip() for name in value.split(";") if name.strip()]


class AcledRowParser:
    """Parses rows of one layout; holds the column positions."""

    def __init__(self, layout: Layout, width: int) -> None:
        self.layout = layout
        self.width = width
        self.monadic = layout.monadic
        self.columns = layout.columns
        self._positions = {name: layout.columns.get(name) for name in _ALL_COLUMNS}
        self._present = tuple((n, p) for n, p in self._positions.items() if p is not None)
        self._absent = {n: "" for n, p in self._positions.items() if p is None}

    def values(self, row: list[str]) -> dict[str, str]:
        """Every column this parser reads, stripped ("" when the layout lacks it)."""
        found = {name: row[position].strip() for name, position in self._present}
        found.update(self._absent)
        return found

    def parse(self, line: int, row: list[str]) -> IncidentRecord:
        if len(row) != self.width:
            raise RowError("", f"the row has {len(row)} fields; the header has {self.width}")
        v = self.values(row)
        event_id = v["event_id_cnty"]
        if not event_id:
            raise RowError("event_id_cnty", "is empty: every ACLED event needs its id")
        if event_id.isascii() and event_id.isalnum():
            incident_id = "incident:acled-" + event_id.lower()  # what make_id gives, faster
        else:
            try:
                incident_id = make_id("incident", "acled", event_id)
            except ValueError:
                raise RowError("event_id_cnty", f"{event_id!r} cannot make an id") from None
        raw_date = v["event_date"]
        iso_date = parse_acled_date(raw_date)
        if iso_date is None:
            raise RowError("event_date", f"{raw_date!r} is not a date ({DATE_FORMS})")
        inter1, inter2 = v["inter1"], v["inter2"]
        raw_type = v["event_type"]
        if not raw_type:
            raise RowError("event_type", "is empty")
        event_type, sub_event_type, original = map_event_type(
            raw_type, v["sub_event_type"] or None, inter1
        )
        latitude = parse_coordinate(v["latitude"], "latitude", 90.0)
        longitude = parse_coordinate(v["longitude"], "longitude", 180.0)
        admins = (v["admin1"], v["admin2"], v["admin3"])
        location = v["location"]
        fields: dict[str, Any] = {
            "id": incident_id,
            "name": f"{sub_event_type or event_type} in "
            f"{location or admins[0] or v['country']}, {iso_date}",
            "date": iso_date,
            "dataset": "acled",
            "external_id": event_id,
            "event_type": event_type,
            "sub_event_type": sub_event_type,
            "original_event_type": original,
            "fatalities": parse_count(v["fatalities"], "fatalities"),
            "latitude": latitude,
            "longitude": longitude,
            "geo_precision": parse_count(v["geo_precision"], "geo_precision"),
            "time_precision": parse_count(v["time_precision"], "time_precision"),
            "source_name": v["source"] or None,
            "source_timestamp": parse_count(v["timestamp"], "timestamp"),
        }
        for name in _TEXT_FIELDS:
            fields[name] = v[name] or None
        for level, name in enumerate(admins, start=1):
            fields[f"admin{level}"] = canonical_region_name(name) if name else None
        participants: list[Participant] = []
        actor1 = v["actor1"]
        if actor1:
            participants += participants_for(actor1, "actor1", inter_kind(inter1))
        for name in split_actors(v["assoc_actor_1"]):
            participants += participants_for(name, "assoc_actor_1")
        if not self.monadic:
            actor2 = v["actor2"]
            if actor2:
                participants += participants_for(actor2, "actor2", inter_kind(inter2))
            for name in split_actors(v["assoc_actor_2"]):
                participants += participants_for(name, "assoc_actor_2")
        return IncidentRecord(
            line=line, fields=fields, participants=participants, country=v["country"],
            iso_numeric=v["iso"], admins=admins, location=location or None,
            complete=not self.monadic, raw=row,
        )  # fmt: skip


def _records(csv_file: CsvFile, parser: AcledRowParser) -> Iterator[ParseResult]:
    for line, row in csv_file.records():
        try:
            yield parser.parse(line, row)
        except RowError as exc:
            yield Rejected(line, exc.field or None, exc.reason, raw_text(row))


_MONADIC_ROLES = ("actor1", "actor2")


def _group_monadic(results: Iterator[ParseResult]) -> Iterator[ParseResult]:
    """Merge consecutive rows of one event; the k-th row's actor takes the k-th role."""
    current: IncidentRecord | None = None
    members = 0
    for result in results:
        if isinstance(result, Rejected):
            yield result
            continue
        if current is not None and result.fields["id"] == current.fields["id"]:
            members += 1
            role = _MONADIC_ROLES[members] if members < 2 else f"actor{members + 1}"
            for participant in result.participants:
                participant.role = (
                    role if participant.role == "actor1" else f"assoc_{role[:5]}_{role[5:]}"
                )
            current.participants += result.participants
            current.rows += 1
            continue
        if current is not None:
            yield current
        current, members = result, 0
    if current is not None:
        yield current


def parse_acled(csv_file: CsvFile) -> Iterator[ParseResult]:
    """Every record of an ACLED export, in any generation and in the monadic layout."""
    layout = detect_layout(csv_file.header)
    records = _records(csv_file, AcledRowParser(layout, len(csv_file.header)))
    return _group_monadic(records) if layout.monadic else records
