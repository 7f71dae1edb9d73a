"""One event file read into resolved batches: parse, check, resolve, cut into batches.

The producing half of a load, with no store in sight: it runs in the loading process, or
in a child process (`loaders.parseworker`) while the loading process writes. Bad rows go
to the file's rejects file as they are met; `FileState` counts what was read.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from graph.model import Incident
from loaders.csvfile import CsvFile, RejectsFile, SkippedRow, raw_text
from loaders.incidentwriter import Batch, IncidentWriter
from loaders.progress import EventLoadSummary
from loaders.records import Dataset, IncidentRecord, LayoutError, ParseResult, Rejected

FIRST_BATCH = 1_000
"""The first batch of a file is this small (then each is twice the last, up to the batch
size), so the store starts writing while the rest of the first batch is parsed."""
TICK_ROWS = 16
"""Records between two `None`s yielded: the in-process load lets its write run then."""


@dataclass
class FileState:
    """What one file's reading has come to (sent with each batch by a parse worker)."""

    rows_read: int = 0
    bytes_read: int = 0
    rejected: int = 0
    rejects_path: str | None = None
    warnings: list[str] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)

    def fill(self, summary: EventLoadSummary) -> None:
        """Add this finished file's rejects, warnings and errors to the load's summary."""
        summary.warnings += self.warnings
        summary.file_errors += self.file_errors
        summary.rows_rejected += self.rejected
        if self.rejects_path is not None:
            summary.rejects_files.append(self.rejects_path)


def file_batches(
    path: Path, writer: IncidentWriter, batch_size: int, rejects_path: Path, state: FileState
) -> Generator[Batch | None, None, None]:
    """The file's resolved batches, in order; `None` every `TICK_ROWS` records."""
    rejects_file = RejectsFile(rejects_path)
    limit = min(FIRST_BATCH, batch_size)
    try:
        with CsvFile(path) as csv_file:
            if csv_file.encoding.warning:
                state.warnings.append(csv_file.encoding.warning)
            for count, result in enumerate(_parse_checked(csv_file, writer.dataset, False)):
                if count % TICK_ROWS == 0:
                    state.bytes_read = csv_file.bytes_read
                    yield None
                state.rows_read += result.rows
                if csv_file.skipped:
                    _add_skipped(rejects_file, path, state, csv_file.drain_skipped())
                if isinstance(result, Rejected):
                    rejects_file.add(path, result.line, result.field, result.reason, result.raw)
                    if result.rows == 0:
                        state.file_errors.append(f"{path}: {result.reason}")
                    continue
                try:
                    writer.add(result)
                except ValidationError as exc:
                    reject = _model_reject(result, exc)
                    rejects_file.add(path, reject.line, reject.field, reject.reason, reject.raw)
                    continue
                if len(writer.batch) >= limit:
                    limit = min(2 * limit, batch_size)
                    state.bytes_read = csv_file.bytes_read
                    yield writer.take()
            _add_skipped(rejects_file, path, state, csv_file.drain_skipped())
            state.bytes_read = csv_file.bytes_read
            yield writer.take()
    finally:
        rejects_file.close()
    state.rejected = rejects_file.count
    state.rejects_path = str(rejects_file.path) if rejects_file.count else None


def _add_skipped(
    rejects_file: RejectsFile, path: Path, state: FileState, rows: list[SkippedRow]
) -> None:
    state.rows_read += len(rows)
    for row in rows:
        rejects_file.add(path, row.line, row.field, row.reason, row.raw)


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


def checked_results(csv_file: CsvFile, dataset: Dataset) -> Iterator[ParseResult]:
    """Every result with records also checked against the model (`--strict`'s first pass)."""
    return _parse_checked(csv_file, dataset, validate=True)


def _model_reject(record: IncidentRecord, exc: ValidationError) -> Rejected:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or None
    message = error["msg"].removeprefix("Value error, ")
    return Rejected(record.line, where, message, raw_text(record.raw))


@dataclass(frozen=True)
class ResolvedTotals:
    """What the producing side counted over a whole load, for the summary."""

    incidents: int
    actors_upserted: int
    relationships: int
    ambiguous: int
    actors_created: int
    unresolved_names: int
    names_for_review: int
    unknown_countries: tuple[str, ...]

    @classmethod
    def of(cls, writer: IncidentWriter) -> ResolvedTotals:
        crosswalk = writer.crosswalk
        return cls(writer.incidents, writer.actors_upserted, writer.relationships,
                   writer.ambiguous, crosswalk.created_total, len(crosswalk.unresolved_names),
                   len(crosswalk.below_threshold),
                   tuple(sorted(writer.gazetteer.unknown_countries)))  # fmt: skip

    def fill(self, summary: EventLoadSummary) -> None:
        summary.incidents_upserted = self.incidents
        summary.actors_created = self.actors_created
        summary.actors_upserted = self.actors_upserted
        summary.relationships = self.relationships
        summary.unresolved_names = self.unresolved_names
        summary.names_for_review = self.names_for_review
        summary.ambiguous_incidents = self.ambiguous
        summary.warnings += [f"country not recognised (no regions made): {name}"
                             for name in self.unknown_countries]  # fmt: skip
