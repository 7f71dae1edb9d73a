"""The load loop every event dataset shares: parse → resolve → batch → write, streaming.

A dataset parser (ACLED, UCDP GED) turns CSV records into `IncidentRecord`s or
`Rejected` rows. This module resolves actor names through the crosswalk and places
through the gazetteer, builds the nodes and edges, and writes them in batches, each batch
in one transaction. Before loading it merges derived actors that the store's canonical
actors now claim (an analyst added an alias), so a re-load resolves them.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graph.model import Actor, Country, Incident, Location, Region, Relationship, Source
from graph.store.base import GraphStore, Transaction
from graph.vocab import ActorKind
from loaders.crosswalk import Crosswalk, KnownActor
from loaders.csvfile import CsvFile, RejectsFile, raw_text
from loaders.problems import Problem, ValidationFailed
from loaders.progress import LoadProgress, LoadSummary
from loaders.regions import CountryInfo, Gazetteer, NewPlaces
from queries.eventdata import (
    CLEAR_PARTICIPANTS,
    CLEAR_PLACES,
    add_missing_participants_statement,
    add_missing_place_statement,
    create_missing_nodes_statement,
    incident_row,
    incident_shared,
    incidents_statement,
    link_statement,
    merge_actors,
    read_places,
)
from queries.lookups import existing_ids
from queries.writes import node_rows, upsert_nodes_statement

DEFAULT_BATCH_SIZE = 10_000
EDGE_STATUS = "reported"
EDGE_CREDIBILITY = 2
MAX_LISTED_PROBLEMS = 25


class LayoutError(ValueError):
    """The header matches no layout the parser knows; the whole file is rejected."""


@dataclass(slots=True)
class Participant:
    """An actor named in a row, with its role in the incident."""

    name: str
    role: str
    kind: ActorKind = ActorKind.UNKNOWN
    ucdp_id: int | None = None


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


@dataclass
class LoadOptions:
    strict: bool = False
    dry_run: bool = False
    batch_size: int = DEFAULT_BATCH_SIZE
    rejects_dir: Path | None = None
    progress: bool | None = None


def rejects_path_for(path: Path, rejects_dir: Path | None) -> Path:
    """`data/acled.csv` → `data/acled.rejects.csv` (or the same name in `rejects_dir`)."""
    name = f"{path.stem}.rejects.csv"
    return (rejects_dir / name) if rejects_dir else path.with_name(name)


@dataclass
class _Batch:
    """One batch as resolved rows, everything its write needs, detached from the parser."""

    incidents: dict[str, list[Any]] = field(default_factory=dict)
    whole: set[str] = field(default_factory=set)
    """Incidents whose row carries all their edges (every layout but ACLED's monadic)."""
    edges: list[tuple[str, list[Any]]] = field(default_factory=list)
    places: NewPlaces = field(default_factory=NewPlaces)
    actors: list[Actor] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.incidents)


_LABELS = {"actor": "Actor", "incident": "Incident", "region": "Region", "country": "Country",
           "location": "Location", "alliance": "Alliance"}  # fmt: skip


def label_of(node_id: str) -> str:
    """`region:mli-kayes` → `Region` (only for the prefixes the event loaders write)."""
    return _LABELS[node_id.partition(":")[0]]


def shared_edge_properties(source_id: str) -> dict[str, Any]:
    """What every edge an event load writes has in common, as the model makes it."""
    model = Relationship(type="PARTICIPATED_IN", from_id="actor:x", to_id="incident:x",
                         status=EDGE_STATUS, credibility=EDGE_CREDIBILITY,
                         source_ids=[source_id])  # fmt: skip
    return {k: v for k, v in model.to_properties().items() if k not in ("id", "role", "key")}


class IncidentWriter:
    """Resolves parsed records into batches and writes them, one transaction per batch."""

    def __init__(
        self, store: GraphStore, dataset: Dataset, crosswalk: Crosswalk, gazetteer: Gazetteer
    ) -> None:
        self.store = store
        self.dataset = dataset
        self.crosswalk = crosswalk
        self.gazetteer = gazetteer
        self.source_id = dataset.source.id
        self.batch = _Batch()
        self.shared = shared_edge_properties(self.source_id)
        self.incidents = 0
        self.relationships = 0
        self.actors_upserted = 0
        self._acled = dataset.name == "ACLED"
        self.shared_incident: dict[str, Any] | None = None
        self._sources_written = False

    def add(self, record: IncidentRecord) -> None:
        """Resolve one record into the current batch (raises ValidationError on bad fields)."""
        fields = record.fields
        info: CountryInfo | None = self.gazetteer.country(
            record.country, record.iso_numeric, record.gw
        )
        if info is not None:
            fields["country"] = info.iso3
        fields["source_ids"] = [self.source_id]
        model = Incident(**fields)
        props = vars(model)  # every Incident field is a plain JSON value: no dump needed
        incident_id = model.id
        if self.shared_incident is None:
            self.shared_incident = incident_shared(props)
        elif incident_shared(props) != self.shared_incident:
            raise AssertionError(f"{incident_id}: dataset and sources differ within one load")
        place = self.gazetteer.place(
            info, record.admins, record.location, fields.get("latitude"),
            fields.get("longitude"), fields.get("geo_precision"),
        )  # fmt: skip
        for level, name in enumerate(place.region_names, start=1):
            props[f"admin{level}"] = name
        batch = self.batch
        participants: list[list[str]] = []
        for participant in record.participants:
            actor_id = self.crosswalk.actor_for(
                participant.name, participant.kind, self.source_id, participant.ucdp_id,
                acled=self._acled,
            )  # fmt: skip
            participants.append([actor_id, participant.role])
        earlier = batch.incidents.get(incident_id)
        if earlier is not None and not record.complete:
            # monadic rows of one event that were not adjacent: keep every actor
            participants = earlier[-2] + [p for p in participants if p not in earlier[-2]]
        target = place.most_specific
        batch.incidents[incident_id] = incident_row(props, participants, target)
        if record.complete:
            batch.whole.add(incident_id)

    def take(self) -> _Batch:
        """Detach the current batch with the places and actors it introduced."""
        batch, self.batch = self.batch, _Batch()
        batch.places = self.gazetteer.drain()
        batch.actors = self.crosswalk.drain_actors()
        for child, parent in batch.places.region_parents:
            batch.edges.append(("PART_OF", [child, parent, None]))
        for child, parent in batch.places.location_parents:
            batch.edges.append(("LOCATED_IN", [child, parent, None]))
        self.incidents += len(batch.incidents)
        self.actors_upserted += len(batch.actors)
        self.relationships += len(batch.edges) + sum(
            len(row[-2]) + (row[-1] is not None) for row in batch.incidents.values()
        )
        return batch

    async def write(self, batch: _Batch) -> None:
        """Write one batch in one transaction: places, actors, incidents, then their edges."""
        if not (batch.incidents or batch.places or batch.actors or batch.edges):
            return
        existing = await existing_ids(self.store, batch.incidents) if batch.incidents else set()
        rewrite = sorted(existing & batch.whole)  # updated rows: their edges are rewritten
        partial = existing - batch.whole  # monadic parts of events already stored
        async with self.store.transaction() as tx:
            if not self._sources_written:
                await tx.write(create_missing_nodes_statement("Source"),
                               {"rows": list(node_rows([self.dataset.source]))})  # fmt: skip
                self._sources_written = True
            await self._write_places(tx, batch.places)
            if batch.actors:
                await tx.write(upsert_nodes_statement("Actor"),
                               {"rows": list(node_rows(batch.actors))})  # fmt: skip
            if rewrite:
                await tx.write(CLEAR_PARTICIPANTS, {"ids": rewrite})
                await tx.write(CLEAR_PLACES, {"ids": rewrite})
            groups: dict[tuple[bool, str | None], list[list[Any]]] = {}
            for incident_id, row in batch.incidents.items():
                if incident_id in partial:
                    row = [*row[:-2], [], None]  # the node only; edges are added below
                place = row[-1]
                key = (incident_id not in existing, label_of(place) if place else None)
                groups.setdefault(key, []).append(row)
            params = {"edge": self.shared, "shared": self.shared_incident}
            for (create, place_label), rows in groups.items():
                await tx.write(incidents_statement(create, place_label), {"rows": rows, **params})
            if partial:
                await self._add_missing(tx, [batch.incidents[i] for i in sorted(partial)])
            links: dict[tuple[str, str, str], list[list[Any]]] = {}
            for rel_type, row in batch.edges:
                links.setdefault((rel_type, label_of(row[0]), label_of(row[1])), []).append(row)
            for (rel_type, from_label, to_label), rows in links.items():
                await tx.write(link_statement(rel_type, from_label, to_label),
                               {"rows": rows, "edge": self.shared})  # fmt: skip

    async def _add_missing(self, tx: Transaction, rows: list[list[Any]]) -> None:
        """Edges of incidents stored in parts (monadic rows): add what each lacks."""
        await tx.write(add_missing_participants_statement(), {"rows": rows, "edge": self.shared})
        by_place: dict[str, list[list[Any]]] = {}
        for row in rows:
            if row[-1] is not None:
                by_place.setdefault(label_of(row[-1]), []).append(row)
        for label, place_rows in by_place.items():
            await tx.write(add_missing_place_statement(label),
                           {"rows": place_rows, "edge": self.shared})  # fmt: skip

    async def _write_places(self, tx: Transaction, places: NewPlaces) -> None:
        for label, model, rows in (
            ("Country", Country, places.countries),
            ("Region", Region, places.regions),
            ("Location", Location, places.locations),
        ):
            if rows:
                nodes = [model(**row) for row in rows]
                await tx.write(
                    create_missing_nodes_statement(label), {"rows": list(node_rows(nodes))}
                )


def _problem_list(path: Path, rejects: Sequence[Rejected], total: int) -> list[Problem]:
    problems = [Problem(str(path), r.line, r.field, r.reason) for r in rejects]
    if total > len(rejects):
        problems.append(Problem(str(path), None, None, f"… and {total - len(rejects)} more"))
    return problems


async def resolve_merges(store: GraphStore, crosswalk: Crosswalk, dry_run: bool) -> int:
    """Merge derived actors that canonical ones now claim; returns how many were merged."""
    merges = crosswalk.merge_plan()
    rows: list[dict[str, Any]] = []
    for merge in merges:
        target: KnownActor = crosswalk.apply_merge(merge)
        names = [target.name, *target.aliases, *target.acled_names]
        rows.append({"old": merge.old, "new": merge.new, "ucdp_id": target.ucdp_id,
                     "aliases": target.aliases, "acled_names": target.acled_names,
                     "search_text": " | ".join(dict.fromkeys(names))})  # fmt: skip
    if rows and not dry_run:
        async with store.transaction() as tx:
            await merge_actors(tx, rows)
    return len(merges)


async def load_event_files(
    store: GraphStore, paths: Sequence[Path], dataset: Dataset, options: LoadOptions
) -> LoadSummary:
    """Load each file in turn; every file's bad rows go to its own rejects file."""
    started = time.perf_counter()
    summary = LoadSummary(dataset=dataset.name, files=[str(p) for p in paths],
                          dry_run=options.dry_run)  # fmt: skip
    if options.strict:
        for path in paths:
            await _check_strict(path, dataset, options)
    if not options.dry_run:
        await store.ensure_schema()
    crosswalk = await Crosswalk.from_store(store)
    summary.actors_merged = await resolve_merges(store, crosswalk, options.dry_run)
    countries, regions, locations = await read_places(store)
    gazetteer = Gazetteer(countries, regions, (dataset.source.id,), locations)
    writer = IncidentWriter(store, dataset, crosswalk, gazetteer)
    for path in paths:
        await _load_file(path, writer, summary, options)
    summary.incidents_upserted = writer.incidents
    summary.actors_created = crosswalk.created_total
    summary.actors_upserted = writer.actors_upserted
    summary.relationships = writer.relationships
    summary.unresolved_names = len(crosswalk.unresolved_names)
    summary.warnings += [f"country not recognised (no regions made): {name}"
                         for name in sorted(gazetteer.unknown_countries)]  # fmt: skip
    summary.seconds = time.perf_counter() - started
    return summary


async def _check_strict(path: Path, dataset: Dataset, options: LoadOptions) -> None:
    """Strict mode's first pass: any bad row rejects the whole file before anything is written."""
    rejects_file = RejectsFile(rejects_path_for(path, options.rejects_dir))
    listed: list[Rejected] = []
    try:
        with CsvFile(path) as csv_file:
            for result in _parse_checked(csv_file, dataset, validate=True):
                if isinstance(result, Rejected):
                    rejects_file.add(path, result.line, result.field, result.reason, result.raw)
                    if len(listed) < MAX_LISTED_PROBLEMS:
                        listed.append(result)
    finally:
        rejects_file.close()
    if rejects_file.count:
        problems = _problem_list(path, listed, rejects_file.count)
        problems.append(Problem(str(path), None, None,
                                f"--strict: the whole file is rejected; see {rejects_file.path}"))  # fmt: skip
        raise ValidationFailed(problems)


def _parse_checked(csv_file: CsvFile, dataset: Dataset, validate: bool) -> Iterator[ParseResult]:
    """The parser's results; with `validate`, records are also checked against the model."""
    try:
        results = dataset.parse(csv_file)
        for result in results:
            if validate and isinstance(result, IncidentRecord):
                try:
                    Incident(**{**result.fields, "source_ids": [dataset.source.id]})
                except ValidationError as exc:
                    yield _model_reject(result, exc)
                    continue
            yield result
    except LayoutError as exc:
        yield Rejected(1, None, f"unknown layout: {exc}", raw_text(csv_file.header), rows=0)


def _model_reject(record: IncidentRecord, exc: ValidationError) -> Rejected:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or None
    message = error["msg"].removeprefix("Value error, ")
    return Rejected(record.line, where, message, raw_text(record.raw))


async def _load_file(
    path: Path, writer: IncidentWriter, summary: LoadSummary, options: LoadOptions
) -> None:
    """Parse and resolve on this task while the previous batch is written on another.

    The database server works in its own process, so parsing batch N+1 overlaps with
    writing batch N; at most one batch is in flight, and batches land in order.
    """
    rejects_file = RejectsFile(rejects_path_for(path, options.rejects_dir))
    in_flight: asyncio.Task[None] | None = None

    async def hand_over() -> None:
        nonlocal in_flight
        batch = writer.take()
        if in_flight is not None:
            await in_flight
            in_flight = None
        if not options.dry_run:
            in_flight = asyncio.create_task(writer.write(batch))
            await asyncio.sleep(0)

    try:
        with CsvFile(path) as csv_file:
            if csv_file.encoding.warning:
                summary.warnings.append(csv_file.encoding.warning)
            with LoadProgress(f"{writer.dataset.name} {path.name}", csv_file.size,
                              options.progress) as progress:  # fmt: skip
                for count, result in enumerate(_parse_checked(csv_file, writer.dataset, False)):
                    if count & 15 == 0:
                        await asyncio.sleep(0)  # let the in-flight write make progress
                        if count & 2047 == 0:
                            progress.update(csv_file.bytes_read, summary.rows_read)
                    summary.rows_read += result.rows
                    if isinstance(result, Rejected):
                        rejects_file.add(path, result.line, result.field, result.reason, result.raw)
                        continue
                    try:
                        writer.add(result)
                    except ValidationError as exc:
                        reject = _model_reject(result, exc)
                        rejects_file.add(path, reject.line, reject.field, reject.reason, reject.raw)
                        continue
                    if len(writer.batch) >= options.batch_size:
                        await hand_over()
                        progress.update(csv_file.bytes_read, summary.rows_read)
                await hand_over()
                if in_flight is not None:
                    await in_flight
                    in_flight = None
                progress.update(csv_file.bytes_read, summary.rows_read)
    finally:
        if in_flight is not None:
            in_flight.cancel()
        rejects_file.close()
    summary.rows_rejected += rejects_file.count
    if rejects_file.count:
        summary.rejects_files.append(str(rejects_file.path))
