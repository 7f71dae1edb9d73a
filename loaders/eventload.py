"""The load loop every event dataset shares: parse → resolve → batch → write, streaming.

A dataset parser (ACLED, UCDP GED) turns CSV records into `IncidentRecord`s or
`Rejected` rows. This module resolves actor names through the crosswalk and places
through the gazetteer, builds the nodes and edges, and writes them in batches, each batch
in one transaction. Before loading it merges derived actors that the store's canonical
actors now claim (an analyst added an alias), so a re-load resolves them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graph.model import Country, Incident, Location, Region, Relationship, Source
from graph.store.base import GraphStore, Transaction
from graph.vocab import ActorKind
from loaders.crosswalk import Crosswalk, KnownActor
from loaders.csvfile import CsvFile, RejectsFile, raw_text
from loaders.problems import Problem, ValidationFailed
from loaders.progress import LoadProgress, LoadSummary
from loaders.regions import CountryInfo, Gazetteer, NewPlaces
from queries.eventdata import (
    PRUNE_PARTICIPANTS,
    PRUNE_PLACES,
    create_missing_nodes_statement,
    merge_actors,
    read_places,
)
from queries.writes import node_rows, upsert_nodes_statement, upsert_relationships_statement

DEFAULT_BATCH_SIZE = 5000
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
    prune: bool = True
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
    incidents: dict[str, dict[str, Any]] = field(default_factory=dict)
    prune: dict[str, list[str]] = field(default_factory=dict)
    prune_places: dict[str, list[str]] = field(default_factory=dict)
    participants: list[dict[str, Any]] = field(default_factory=list)
    places: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.incidents)


class IncidentWriter:
    """Resolves parsed records into rows and writes them batch by batch."""

    def __init__(
        self, store: GraphStore, dataset: Dataset, crosswalk: Crosswalk, gazetteer: Gazetteer
    ) -> None:
        self.store = store
        self.dataset = dataset
        self.crosswalk = crosswalk
        self.gazetteer = gazetteer
        self.source_id = dataset.source.id
        self.batch = _Batch()
        self.incidents = 0
        self.relationships = 0
        self.actors_upserted = 0
        self._edge_templates: dict[tuple[str, str], dict[str, Any]] = {}
        self._sources_written = False

    def _template(self, rel_type: str, role: str) -> dict[str, Any]:
        key = (rel_type, role)
        template = self._edge_templates.get(key)
        if template is None:
            model = Relationship(
                type=rel_type, from_id="actor:x", to_id="incident:x", role=role or None,
                status=EDGE_STATUS, credibility=EDGE_CREDIBILITY, source_ids=[self.source_id],
            )  # fmt: skip
            template = model.to_properties()
            self._edge_templates[key] = template
        return template

    def add(self, record: IncidentRecord) -> None:
        """Resolve one record into the current batch (raises ValidationError on bad fields)."""
        fields = record.fields
        info: CountryInfo | None = self.gazetteer.country(
            record.country, record.iso_numeric, record.gw
        )
        if info is not None:
            fields["country"] = info.iso3
        fields["source_ids"] = [self.source_id]
        props = Incident(**fields).to_properties()
        incident_id = props["id"]
        place = self.gazetteer.place(
            info, record.admins, record.location, fields.get("latitude"),
            fields.get("longitude"), fields.get("geo_precision"),
        )  # fmt: skip
        batch = self.batch
        batch.incidents[incident_id] = {"id": incident_id, "props": props}
        keep: list[str] = []
        for participant in record.participants:
            actor_id = self.crosswalk.actor_for(
                participant.name, participant.kind, self.source_id, participant.ucdp_id,
                acled=self.dataset.name == "ACLED",
            )  # fmt: skip
            edge_id = f"PARTICIPATED_IN|{actor_id}|{incident_id}|{participant.role}"
            props_edge = dict(self._template("PARTICIPATED_IN", participant.role))
            props_edge["id"] = edge_id
            keep.append(edge_id)
            batch.participants.append({"from_id": actor_id, "to_id": incident_id,
                                       "props": props_edge})  # fmt: skip
        target = place.most_specific
        place_keep: list[str] = []
        if target is not None:
            label = target.partition(":")[0].capitalize()
            edge_id = f"OCCURRED_IN|{incident_id}|{target}|"
            props_edge = dict(self._template("OCCURRED_IN", ""))
            props_edge["id"] = edge_id
            place_keep.append(edge_id)
            batch.places.setdefault(label, []).append(
                {"from_id": incident_id, "to_id": target, "props": props_edge}
            )
        if record.prune:
            batch.prune[incident_id] = keep
            batch.prune_places[incident_id] = place_keep

    async def flush(self, dry_run: bool) -> None:
        batch, self.batch = self.batch, _Batch()
        places = self.gazetteer.drain()
        actors = self.crosswalk.drain_actors()
        self.incidents += len(batch.incidents)
        self.actors_upserted += len(actors)
        edges = len(batch.participants) + sum(len(rows) for rows in batch.places.values())
        edges += len(places.region_parents) + len(places.location_parents)
        self.relationships += edges
        if dry_run or not (batch.incidents or places or actors):
            return
        async with self.store.transaction() as tx:
            if not self._sources_written:
                await tx.write(create_missing_nodes_statement("Source"),
                               {"rows": list(node_rows([self.dataset.source]))})  # fmt: skip
                self._sources_written = True
            await self._write_places(tx, places)
            if actors:
                await tx.write(upsert_nodes_statement("Actor"), {"rows": list(node_rows(actors))})
            if batch.incidents:
                await tx.write(upsert_nodes_statement("Incident"),
                               {"rows": list(batch.incidents.values())})  # fmt: skip
            if batch.prune:
                await tx.write(PRUNE_PARTICIPANTS,
                               {"rows": [{"id": k, "keep": v} for k, v in batch.prune.items()]})  # fmt: skip
                await tx.write(PRUNE_PLACES, {"rows": [{"id": k, "keep": v}
                                                       for k, v in batch.prune_places.items()]})  # fmt: skip
            if batch.participants:
                await tx.write(upsert_relationships_statement("PARTICIPATED_IN", "Actor", "Incident"),
                               {"rows": batch.participants})  # fmt: skip
            for label, rows in batch.places.items():
                await tx.write(upsert_relationships_statement("OCCURRED_IN", "Incident", label),
                               {"rows": rows})  # fmt: skip

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
        for rel_type, pairs in (("PART_OF", places.region_parents),
                                ("LOCATED_IN", places.location_parents)):  # fmt: skip
            groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
            for child, parent in pairs:
                rel = Relationship(type=rel_type, from_id=child, to_id=parent, status=EDGE_STATUS,
                                   credibility=EDGE_CREDIBILITY, source_ids=[self.source_id])  # fmt: skip
                from_label = child.partition(":")[0].capitalize()
                to_label = parent.partition(":")[0].capitalize()
                groups.setdefault((from_label, to_label), []).append(
                    {"from_id": child, "to_id": parent, "props": rel.to_properties()}
                )
            for (from_label, to_label), rows in groups.items():
                await tx.write(upsert_relationships_statement(rel_type, from_label, to_label),
                               {"rows": rows})  # fmt: skip


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
    countries, regions = await read_places(store)
    gazetteer = Gazetteer(countries, regions, source_ids=(dataset.source.id,))
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
    rejects_file = RejectsFile(rejects_path_for(path, options.rejects_dir))
    try:
        with CsvFile(path) as csv_file:
            if csv_file.encoding.warning:
                summary.warnings.append(csv_file.encoding.warning)
            with LoadProgress(f"{writer.dataset.name} {path.name}", csv_file.size,
                              options.progress) as progress:  # fmt: skip
                for result in _parse_checked(csv_file, writer.dataset, validate=False):
                    if isinstance(result, Rejected):
                        summary.rows_read += result.rows
                        rejects_file.add(path, result.line, result.field, result.reason, result.raw)
                        continue
                    summary.rows_read += result.rows
                    try:
                        writer.add(result)
                    except ValidationError as exc:
                        reject = _model_reject(result, exc)
                        rejects_file.add(path, reject.line, reject.field, reject.reason, reject.raw)
                        continue
                    if len(writer.batch) >= options.batch_size:
                        await writer.flush(options.dry_run)
                        progress.update(csv_file.bytes_read, summary.rows_read)
                await writer.flush(options.dry_run)
                progress.update(csv_file.bytes_read, summary.rows_read)
    finally:
        rejects_file.close()
    summary.rows_rejected += rejects_file.count
    if rejects_file.count:
        summary.rejects_files.append(str(rejects_file.path))
