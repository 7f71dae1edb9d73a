"""What an event-dataset parser hands the load loop: records, rejects, and the dataset itself.

Shared by the parsers (`loaders.acled`, `loaders.ucdp`), the load loop (`loaders.eventload`)
and the writer (`loaders.incidentwriter`), so none of them imports another for its types.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from graph.model import Source
from graph.vocab import ActorKind
from loaders.csvfile import CsvFile


class LayoutError(ValueError):
    """The header matches no layout the parser knows; the whole file is rejected."""


@dataclass(slots=True)
class Participant:
    """An actor named in a row, with its role in the incident.

    `attribution` is set for a candidate of an ambiguous attribution ("A and/or B"): the
    text it came from; its edge then has status `possible`, never the dataset's default.
    """

    name: str
    role: str
    kind: ActorKind = ActorKind.UNKNOWN
    ucdp_id: int | None = None
    attribution: str | None = None


@dataclass(slots=True)
class IncidentRecord:
    """One incident as parsed: the Incident's fields, who took part, and where."""

    line: int
    fields: dict[str, Any]
    participants: list[Participant]
    country: str | None = None
    iso_numeric: str | None = None
    gw: str | None = None
    admins: tuple[str, ...] = ()
    location: str | None = None
    complete: bool = True
    """False when other rows add to the incident's actors (ACLED's monadic layout)."""
    rows: int = 1
    raw: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Rejected:
    """A record the parser could not take, with where and why."""

    line: int
    field: str | None
    reason: str
    raw: str
    rows: int = 1


ParseResult = IncidentRecord | Rejected


@dataclass(frozen=True)
class Dataset:
    """What differs between event datasets: name, source node, and the record parser."""

    name: str
    source: Source
    parse: Callable[[CsvFile], Iterator[ParseResult]]
