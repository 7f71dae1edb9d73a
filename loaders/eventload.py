"""The load loop every event dataset shares: parse → resolve → batch → write, streaming.

A dataset parser (ACLED, UCDP GED) turns CSV records into `IncidentRecord`s or
`Rejected` rows; `loaders.incidentwriter` resolves them and writes them in batches, each
batch in one transaction, while this module streams the file, keeps one batch in flight,
fills the rejects file and the summary. Before loading it merges derived actors that the
store's canonical actors now claim (an analyst added an alias), so a re-load resolves them.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graph.model import Actor, Incident
from graph.store.base import GraphStore
from loaders.crosswalk import Crosswalk, KnownActor
from loaders.csvfile import CsvFile, RejectsFile, SkippedRow, raw_text
from loaders.decisions import SHIPPED_DECISIONS, DecisionBook, read_decision_actors
from loaders.incidentwriter import IncidentWriter
from loaders.problems import Problem, ValidationFailed
from loaders.progress import EventLoadSummary, LoadProgress, note_interruption
from loaders.records import Dataset, IncidentRecord, LayoutError, ParseResult, Rejected
from loaders.regions import PlaceResolver
from queries.eventdata.actor_merge import merge_actors
from queries.eventdata.indexes import read_places
from queries.eventdata.references import create_missing_actors
from queries.place_rollup import refresh_place_rollup

INCIDENTS_PER_TRANSACTION = 10_000
"""Incidents written per transaction by default. Larger than the store's generic
`graph.store.base.DEFAULT_BATCH_SIZE` (rows per upsert statement): an event batch is
sent as a few statements of positional rows, and fewer, larger transactions load faster."""
FIRST_BATCH = 1_000
"""The first batch of a file is this small (then each is twice the last, up to the batch
size), so the store starts writing while the rest of the first batch is parsed."""
MAX_LISTED_PROBLEMS = 25


@dataclass
class LoadOptions:
    strict: bool = False
    dry_run: bool = False
    batch_size: int = INCIDENTS_PER_TRANSACTION
    rejects_dir: Path | None = None
    progress: bool | None = None
    decision_files: tuple[Path, ...] = (SHIPPED_DECISIONS,)
    """Crosswalk decisions in force, later files overriding earlier ones (see
    `loaders.decisions`); the shipped file's actors are created when the store lacks them."""


def rejects_path_for(path: Path, rejects_dir: Path | None) -> Path:
    """`data/acled.csv` → `data/acled.rejects.csv` (or the same name in `rejects_dir`)."""
    name = f"{path.stem}.rejects.csv"
    return (rejects_dir / name) if rejects_dir else path.with_name(name)


def rejects_paths(paths: Sequence[Path], rejects_dir: Path | None) -> dict[Path, Path]:
    """One rejects file per input, never shared: inputs with one name in different folders
    get their folder's name in front (`niger-2023.rejects.csv`), then a number."""
    chosen: dict[Path, Path] = {}
    taken: set[Path] = set()
    for path in paths:
        candidate = rejects_path_for(path, rejects_dir)
        if candidate in taken:
            prefixed = f"{path.absolute().parent.name}-{candidate.name}"
            candidate = candidate.with_name(prefixed)
        number = 2
        while candidate in taken:
            candidate = rejects_path_for(path, rejects_dir).with_name(
                f"{path.stem}-{number}.rejects.csv"
            )
            number += 1
        taken.add(candidate)
        chosen[path] = candidate
    return chosen


def _add_skipped(rejects_file: RejectsFile, path: Path, rows: list[SkippedRow]) -> None:
    for row in rows:
        rejects_file.add(path, row.line, row.field, row.reason, row.raw)


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


async def open_crosswalk(
    store: GraphStore, decision_files: Sequence[Path], dry_run: bool
) -> Crosswalk:
    """The store's actors and the decisions in force; shipped decisions' actors are created
    first when missing (a curated actor of the same id is never overwritten)."""
    book = DecisionBook.from_files(decision_files)
    extra: list[Actor] = []
    if SHIPPED_DECISIONS in decision_files:
        extra = read_decision_actors()
        if not dry_run:
            await create_missing_actors(store, extra)
    crosswalk = await Crosswalk.from_store(store, book)
    for actor in extra:
        if actor.id not in crosswalk.actors:  # a dry run: known for this load only
            crosswalk.add(KnownActor.from_row(actor.to_properties()))
    return crosswalk


async def load_event_files(
    store: GraphStore, paths: Sequence[Path], dataset: Dataset, options: LoadOptions
) -> EventLoadSummary:
    """Load each file in turn; every file's bad rows go to its own rejects file."""
    started = time.perf_counter()
    summary = EventLoadSummary(dataset=dataset.name, files=[str(p) for p in paths],
                          dry_run=options.dry_run)  # fmt: skip
    rejects = rejects_paths(paths, options.rejects_dir)
    for rejects_path in rejects.values():  # fail on an unwritable folder before any write
        probe = RejectsFile(rejects_path)
        probe.open()
        probe.close()
    if options.strict:
        for path in paths:
            await _check_strict(path, dataset, options, rejects[path])
    if not options.dry_run:
        await store.ensure_schema()
        await refresh_place_rollup(store, missing_only=True)
    crosswalk = await open_crosswalk(store, options.decision_files, options.dry_run)
    summary.actors_merged = await resolve_merges(store, crosswalk, options.dry_run)
    countries, regions, locations = await read_places(store)
    gazetteer = PlaceResolver(countries, regions, (dataset.source.id,), locations)
    writer = IncidentWriter(store, dataset, crosswalk, gazetteer)
    try:
        for path in paths:
            await _load_file(path, writer, summary, options, rejects[path])
    except (asyncio.CancelledError, KeyboardInterrupt):
        note_interruption(
            f"{dataset.name} load interrupted after {summary.rows_read:,} rows read: "
            f"{writer.written:,} incidents were written (every acknowledged batch is on "
            "disk). Run the same command again to finish; rows already loaded are "
            "updated in place, not duplicated."
        )
        raise
    summary.incidents_upserted = writer.incidents
    summary.actors_created = crosswalk.created_total
    summary.actors_upserted = writer.actors_upserted
    summary.relationships = writer.relationships
    summary.unresolved_names = len(crosswalk.unresolved_names)
    summary.names_for_review = len(crosswalk.below_threshold)
    summary.ambiguous_incidents = writer.ambiguous
    summary.warnings += [f"country not recognised (no regions made): {name}"
                         for name in sorted(gazetteer.unknown_countries)]  # fmt: skip
    summary.seconds = time.perf_counter() - started
    return summary


async def _check_strict(
    path: Path, dataset: Dataset, options: LoadOptions, rejects_path: Path
) -> None:
    """Strict mode's first pass: any bad row rejects the whole file before anything is written."""
    rejects_file = RejectsFile(rejects_path)
    listed: list[Rejected] = []
    try:
        with CsvFile(path) as csv_file:
            for result in _parse_checked(csv_file, dataset, validate=True):
                for row in csv_file.drain_skipped():
                    rejects_file.add(path, row.line, row.field, row.reason, row.raw)
                    if len(listed) < MAX_LISTED_PROBLEMS:
                        listed.append(Rejected(row.line, row.field, row.reason, row.raw))
                if isinstance(result, Rejected):
                    rejects_file.add(path, result.line, result.field, result.reason, result.raw)
                    if len(listed) < MAX_LISTED_PROBLEMS:
                        listed.append(result)
            for row in csv_file.drain_skipped():
                rejects_file.add(path, row.line, row.field, row.reason, row.raw)
                if len(listed) < MAX_LISTED_PROBLEMS:
                    listed.append(Rejected(row.line, row.field, row.reason, row.raw))
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


async def _finished(write: asyncio.Task[None]) -> None:
    """Wait for the batch being written, and stop at once if this load is interrupted.

    Awaiting the task directly would pass our cancellation (Ctrl-C, SIGTERM) into it, and
    a write that absorbs it (the redis client can) would then let the load carry on to its
    end as if no signal had come. Shielded, the interruption stops us here; the caller's
    `finally` then cancels the write and waits for it.
    """
    await asyncio.shield(write)


async def _load_file(
    path: Path,
    writer: IncidentWriter,
    summary: EventLoadSummary,
    options: LoadOptions,
    rejects_path: Path,
) -> None:
    """Parse and resolve on this task while the previous batch is written on another.

    The database server works in its own process, so parsing batch N+1 overlaps with
    writing batch N; at most one batch is in flight, and batches land in order.
    """
    rejects_file = RejectsFile(rejects_path)
    in_flight: asyncio.Task[None] | None = None
    limit = min(FIRST_BATCH, options.batch_size)

    async def hand_over() -> None:
        nonlocal in_flight, limit
        limit = min(2 * limit, options.batch_size)
        batch = writer.take()
        if in_flight is not None:
            await _finished(in_flight)
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
                    if csv_file.skipped:
                        skipped = csv_file.drain_skipped()
                        summary.rows_read += len(skipped)
                        _add_skipped(rejects_file, path, skipped)
                    if isinstance(result, Rejected):
                        rejects_file.add(path, result.line, result.field, result.reason, result.raw)
                        if result.rows == 0:
                            summary.file_errors.append(f"{path}: {result.reason}")
                        continue
                    try:
                        writer.add(result)
                    except ValidationError as exc:
                        reject = _model_reject(result, exc)
                        rejects_file.add(path, reject.line, reject.field, reject.reason, reject.raw)
                        continue
                    if len(writer.batch) >= limit:
                        await hand_over()
                        progress.update(csv_file.bytes_read, summary.rows_read)
                skipped = csv_file.drain_skipped()
                summary.rows_read += len(skipped)
                _add_skipped(rejects_file, path, skipped)
                await hand_over()
                if in_flight is not None:
                    await _finished(in_flight)
                    in_flight = None
                progress.update(csv_file.bytes_read, summary.rows_read)
    finally:
        if in_flight is not None:  # interrupted mid-write: that batch was not acknowledged
            in_flight.cancel()
            await asyncio.wait([in_flight])
            if not in_flight.cancelled():
                in_flight.exception()  # retrieved here: the interruption is what we report
        rejects_file.close()
    summary.rows_rejected += rejects_file.count
    if rejects_file.count:
        summary.rejects_files.append(str(rejects_file.path))
