"""UCDP GED event rows (the 49-column CSV) → `IncidentRecord`s.

Dates look like `2018-01-11 00:00:00.000`; `source_article` is long quoted text with
commas, quotes and newlines (the CSV reader keeps it whole and line numbers right);
`adm_1`/`adm_2` carry suffixes (`Mopti region`, `Mopti cercle`) that the gazetteer strips;
a side may name two actors (`GATIA, MSA`), each resolved on its own — the side's UCDP id
then names the coalition, not either actor, so it is used only for single-actor sides.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graph.ids import make_id
from graph.model import Source
from graph.vocab import ActorKind
from loaders.csvfile import CsvFile, raw_text
from loaders.records import (
    Dataset,
    IncidentRecord,
    LayoutError,
    ParseResult,
    Participant,
    Rejected,
)
from loaders.rowfields import RowError, parse_coordinate, parse_count, parse_iso_date

GED_COLUMNS = [
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
]
REQUIRED = ("id", "date_start", "side_a", "side_b", "country", "best")
VIOLENCE_TYPES = {"1": "State-based conflict", "2": "Non-state conflict", "3": "One-sided violence"}

UCDP_GED_SOURCE = Source(
    id="source:ucdp-ged",
    name="UCDP Georeferenced Event Dataset (GED)",
    publisher="Uppsala Conflict Data Program",
    url="https://ucdp.uu.se/downloads/",
    kind="dataset",
    reliability="A",
    licence="CC BY 4.0",
)


def side_kind(name: str) -> ActorKind:
    if name.startswith("Government of"):
        return ActorKind.GOVERNMENT
    if name.lower() == "civilians":
        return ActorKind.CIVILIANS
    return ActorKind.ARMED_GROUP


def side_participants(names: str, ucdp_id: str, role: str) -> list[Participant]:
    """`GATIA, MSA` → two participants; a single name keeps the side's UCDP id."""
    parts = [n.strip() for n in names.split(", ") if n.strip()]
    number = int(ucdp_id) if ucdp_id.strip().isdigit() else None
    if len(parts) == 1:
        return [Participant(parts[0], role, side_kind(parts[0]), number)]
    return [Participant(name, role, side_kind(name)) for name in parts]


class GedRowParser:
    def __init__(self, header: list[str]) -> None:
        missing = [name for name in REQUIRED if name not in header]
        if missing:
            raise LayoutError(f"not a UCDP GED export: the header lacks {', '.join(missing)}")
        self.width = len(header)
        self.pos = {name: header.index(name) for name in GED_COLUMNS if name in header}

    def get(self, row: list[str], name: str) -> str:
        position = self.pos.get(name)
        return row[position].strip() if position is not None else ""

    def parse(self, line: int, row: list[str]) -> IncidentRecord:
        if len(row) != self.width:
            raise RowError("", f"the row has {len(row)} fields; the header has {self.width}")
        get = self.get
        event_id = get(row, "id")
        if not event_id:
            raise RowError("id", "is empty: every GED event needs its id")
        start = parse_iso_date(get(row, "date_start"), "date_start")
        end = parse_iso_date(get(row, "date_end"), "date_end", required=False)
        counts = {
            field: parse_count(get(row, column), column)
            for field, column in (
                ("fatalities", "best"), ("deaths_low", "low"), ("deaths_high", "high"),
                ("deaths_a", "deaths_a"), ("deaths_b", "deaths_b"),
                ("deaths_civilians", "deaths_civilians"), ("deaths_unknown", "deaths_unknown"),
                ("geo_precision", "where_prec"), ("time_precision", "date_prec"),
            )
        }  # fmt: skip
        location = get(row, "where_coordinates")
        admins = (get(row, "adm_1"), get(row, "adm_2"))
        dyad = get(row, "dyad_name") or f"{get(row, 'side_a')} - {get(row, 'side_b')}"
        fields: dict[str, Any] = {
            "id": make_id("incident", "ucdp-ged", event_id),
            "name": f"{dyad} in {location or admins[0] or get(row, 'country')}, {start}",
            "date": start,
            "end_date": end if end and end != start else None,
            "dataset": "ucdp-ged",
            "external_id": event_id,
            "event_type": VIOLENCE_TYPES.get(get(row, "type_of_violence")),
            "sub_event_type": get(row, "conflict_name") or None,
            "latitude": parse_coordinate(get(row, "latitude"), "latitude", 90.0),
            "longitude": parse_coordinate(get(row, "longitude"), "longitude", 180.0),
            "location": location or None,
            "source_name": get(row, "source_office") or None,
            "notes": get(row, "source_article") or None,
            **counts,
        }
        participants = side_participants(get(row, "side_a"), get(row, "side_a_new_id"), "side_a")
        participants += side_participants(get(row, "side_b"), get(row, "side_b_new_id"), "side_b")
        return IncidentRecord(
            line=line, fields=fields, participants=participants, country=get(row, "country"),
            gw=get(row, "country_id"), admins=admins, location=location or None, raw=row,
        )  # fmt: skip


def parse_ged(csv_file: CsvFile) -> Iterator[ParseResult]:
    """Every record of a GED export (raises LayoutError for another file)."""
    parser = GedRowParser(csv_file.header)
    return _records(csv_file, parser)


def _records(csv_file: CsvFile, parser: GedRowParser) -> Iterator[ParseResult]:
    for line, row in csv_file.records():
        try:
            yield parser.parse(line, row)
        except RowError as exc:
            yield Rejected(line, exc.field or None, exc.reason, raw_text(row))


UCDP_GED = Dataset(name="UCDP GED", source=UCDP_GED_SOURCE, parse=parse_ged)
