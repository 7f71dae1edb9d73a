"""The load loop every event dataset shares: parse → resolve → batch → write, streaming.

A dataset parser (ACLED, UCDP GED) turns CSV records into `IncidentRecord`s or
`Rejected` rows; `loaders.filebatches` resolves them into batches (rejects go to the
file's rejects file) and `loaders.incidentwriter` writes each batch in one transaction,
one batch in flight. Large inputs are parsed in a child process (`loaders.parseworker`)
while this one writes; small ones here, between the writes' awaits. Before loading it
merges derived actors that the store's canonical actors now claim (an analyst added an
alias), so a re-load resolves them.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.model import Actor
from graph.store.base import GraphStore
from loaders.crosswalk import Crosswalk, KnownActor
from loaders.csvfile import CsvFile, RejectsFile
from loaders.decisions import SHIPPED_DECISIONS, DecisionBook, read_decision_actors
from loaders.filebatches import FileState, ResolvedTotals, checked_results, file_batches
from loaders.incidentwriter import IncidentWriter
from loaders.inflight import OneWriteInFlight
from loaders.older_stores import complete_older_store
from loaders.parseworker import load_in_worker, wants_worker
from loaders.problems import Problem, ValidationFailed
from loaders.progress import EventLoadSummary, LoadProgress, note_interruption
from loaders.records import Dataset, Rejected
from loaders.regions import PlaceResolver
from queries.eventdata.actor_merge import merge_actors
from queries.eventdata.indexes import read_places
from queries.eventdata.references import create_missing_actors

INCIDENTS_PER_TRANSACTION = 10_000
"""Incidents written per transaction by default. Larger than the store's generic
`graph.store.base.DEFAULT_BATCH_SIZE` (rows per upsert statement): an event batch is
sent as a few statements of positional rows, and fewer, larger transactions load faster."""
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
    parse_worker: bool | None = None
    """Parse in a child process while this one writes (`loaders.parseworker`); by default
    for inputs of `WORKER_MIN_BYTES` or more."""


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
        await complete_older_store(store)
    crosswalk = await open_crosswalk(store, options.decision_files, options.dry_run)
    summary.actors_merged = await resolve_merges(store, crosswalk, options.dry_run)
    countries, regions, locations = await read_places(store)
    gazetteer = PlaceResolver(countries, regions, (dataset.source.id,), locations)
    writer = IncidentWriter(store, dataset, crosswalk, gazetteer)
    try:
        if wants_worker(paths, options.parse_worker):
            totals = await load_in_worker(paths, writer, summary, options.dry_run,
                                          options.batch_size, options.progress, rejects)  # fmt: skip
        else:
            for path in paths:
                await _load_file(path, writer, summary, options, rejects[path])
            totals = ResolvedTotals.of(writer)
    except (asyncio.CancelledError, KeyboardInterrupt):
        note_interruption(
            f"{dataset.name} load interrupted after {summary.rows_read:,} rows read: "
            f"{writer.written:,} incidents were written (every acknowledged batch is on "
            "disk). Run the same command again to finish; rows already loaded are "
            "updated in place, not duplicated."
        )
        raise
    totals.fill(summary)
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
            for result in checked_results(csv_file, dataset):
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
    state = FileState()
    writes = OneWriteInFlight(writer, options.dry_run)
    base = summary.rows_read
    batches = file_batches(path, writer, options.batch_size, rejects_path, state)
    try:
        with closing(batches), LoadProgress(f"{writer.dataset.name} {path.name}",
                                            path.stat().st_size, options.progress) as bar:  # fmt: skip
            for ticks, batch in enumerate(batches):
                summary.rows_read = base + state.rows_read
                if batch is None:
                    await asyncio.sleep(0)  # let the in-flight write make progress
                    if ticks & 127 == 0:
                        bar.update(state.bytes_read, summary.rows_read)
                    continue
                await writes.hand_over(batch)
                bar.update(state.bytes_read, summary.rows_read)
            await writes.settle()
            summary.rows_read = base + state.rows_read
            bar.update(state.bytes_read, summary.rows_read)
    finally:
        await writes.abandon()
    state.fill(summary)
