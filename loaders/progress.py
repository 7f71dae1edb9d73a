"""What every event-data load shows: a progress bar with rows/s, and a closing summary."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)


@dataclass
class EventLoadSummary:
    """What a load read, wrote (or would write, for a dry run) and turned away."""

    dataset: str
    files: list[str] = field(default_factory=list)
    dry_run: bool = False
    rows_read: int = 0
    incidents_upserted: int = 0
    actors_created: int = 0
    actors_upserted: int = 0
    actors_merged: int = 0
    actors_matched: int = 0
    relationships: int = 0
    unresolved_names: int = 0
    names_for_review: int = 0
    ambiguous_incidents: int = 0
    rows_rejected: int = 0
    rejects_files: list[str] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    """Files rejected as a whole (wrong kind of file): the command fails on these."""
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def failure(self) -> str | None:
        """Why the run counts as failed (wrong kind of file, every row rejected), or None."""
        if self.file_errors:
            return "; ".join(self.file_errors)
        if self.rows_read and self.rows_rejected >= self.rows_read:
            where = f" (see {', '.join(self.rejects_files)})" if self.rejects_files else ""
            return f"every one of the {self.rows_read:,} rows was rejected{where}"
        return None

    @property
    def rows_per_second(self) -> float:
        return self.rows_read / self.seconds if self.seconds > 0 else 0.0

    def lines(self) -> list[str]:
        """The summary as the CLI prints it."""
        would = "would be " if self.dry_run else ""
        lines = [
            f"{self.dataset}: {', '.join(self.files)}" + (" (dry run)" if self.dry_run else "")
        ]
        rows = [
            ("rows read", self.rows_read),
            (f"incidents {would}upserted", self.incidents_upserted),
            (f"actors {would}created", self.actors_created),
            (f"actors {would}upserted", self.actors_upserted),
            (f"actors {would}merged", self.actors_merged),
            ("actors matched in the graph", self.actors_matched),
            (f"relationships {would}upserted", self.relationships),
            ("unresolved names", self.unresolved_names),
            ("names to review (crosswalk)", self.names_for_review),
            ("incidents with A and/or B", self.ambiguous_incidents),
            ("rows rejected", self.rows_rejected),
        ]
        lines += [f"  {label:<28} {value:>10,}" for label, value in rows if value or label in (
            "rows read", "rows rejected", "unresolved names")]  # fmt: skip
        lines.append(f"  {'time':<28} {self.seconds:>9.1f}s ({self.rows_per_second:,.0f} rows/s)")
        lines += [f"  rejects written to {path}" for path in self.rejects_files]
        lines += [f"  warning: {warning}" for warning in self.warnings]
        return lines


_NOTES: list[str] = []


def note_interruption(text: str) -> None:
    """Say what an interrupted load had written; the CLI prints it before exiting 130."""
    _NOTES.append(text)


def interruption_notes() -> list[str]:
    """The notes of this process's interrupted loads, oldest first (then forgotten)."""
    notes = list(_NOTES)
    _NOTES.clear()
    return notes


class LoadProgress:
    """A rich progress bar over a file's bytes, showing rows and rows/s.

    Shown only on a terminal (stderr), so piped output and tests stay clean; updates are
    cheap enough to call once per batch.
    """

    def __init__(self, description: str, total_bytes: int, enabled: bool | None = None) -> None:
        console = Console(stderr=True)
        show = console.is_terminal if enabled is None else enabled
        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rows]:>10,} rows"),
            TextColumn("{task.fields[rate]:>8,.0f} rows/s"),
            TimeElapsedColumn(),
            console=console,
            disable=not show,
        )
        self._task: TaskID = self._progress.add_task(
            description, total=max(total_bytes, 1), rows=0, rate=0.0
        )
        self._started = time.perf_counter()

    def update(self, bytes_done: int, rows: int) -> None:
        elapsed = time.perf_counter() - self._started
        rate = rows / elapsed if elapsed > 0 else 0.0
        self._progress.update(self._task, completed=bytes_done, rows=rows, rate=rate)

    def __enter__(self) -> LoadProgress:
        self._progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._progress.stop()
