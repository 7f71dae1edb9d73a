"""How much of a curated newsletter file a draft recovers: counts and dated events.

The measure the extractor is held to (issue 3): for each seed newsletter, the share of
the curated counts — (place, actor, month, metric, value) — and of the curated events —
by date — that the draft also has. Ids and wording are ignored: a draft names things its
own way; the facts must match.

An event counts as recovered when some draft event has a compatible date: the same date,
or one is the other at a coarser precision ("2015" recovers 2015-05-15; "2023-06" from
"mid-June" recovers 2023-06; a curated 2023-07-01…2023-12-31 is recovered by the draft's
"by 31 December"). Events whose date the newsletter itself never writes (taken from a
reference chronology) are reported separately: no text-only extractor can find them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from loaders.newsletter.calendar import MONTH_NAMES

CountKey = tuple[str | None, str | None, str, str, int]


@dataclass(frozen=True)
class Recall:
    """Found out of total, and what was missed."""

    found: int
    total: int
    missing: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.found / self.total if self.total else 1.0

    def __str__(self) -> str:
        return f"{self.found}/{self.total} ({self.ratio:.0%})"


def count_key(record: Mapping[str, Any]) -> CountKey:
    """What a count is, regardless of id and wording."""
    return (record.get("region_id"), record.get("actor_id"), str(record["month"]),
            str(record["metric"]), int(record["value"]))  # fmt: skip


def counts(records: Iterable[Mapping[str, Any]]) -> list[CountKey]:
    """The keys of the activity reports that carry a value (not a direction)."""
    return [count_key(r) for r in records if r.get("value") is not None]


def count_recall(
    curated: Iterable[Mapping[str, Any]], draft: Iterable[Mapping[str, Any]]
) -> Recall:
    wanted = counts(curated)
    have = set(counts(draft))
    missing = [str(key) for key in wanted if key not in have]
    return Recall(len(wanted) - len(missing), len(wanted), missing)


def direction_recall(
    curated: Iterable[Mapping[str, Any]], draft: Iterable[Mapping[str, Any]]
) -> Recall:
    """Stated directions of change: (place, actor, month, metric, direction)."""

    def keys(records: Iterable[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
        return [
            (r.get("region_id"), r.get("actor_id"), r["month"], r["metric"], r["direction"])
            for r in records
            if r.get("direction") and r.get("value") is None
        ]

    wanted, have = keys(curated), set(keys(draft))
    missing = [str(key) for key in wanted if key not in have]
    return Recall(len(wanted) - len(missing), len(wanted), missing)


def _compatible(a: str, b: str) -> bool:
    """Dates that can mean the same day: equal, or one a prefix of the other."""
    return a.startswith(b) or b.startswith(a)


def _event_dates(event: Mapping[str, Any]) -> list[str]:
    return [str(event[key]) for key in ("date", "end_date") if event.get(key)]


def written_in(text: str, date: str) -> bool:
    """Whether the newsletter writes this date at its own precision (day, month or year)."""
    parts = date.split("-")
    if len(parts) == 1:
        return re.search(rf"\b{parts[0]}\b", text) is not None
    month = MONTH_NAMES[int(parts[1]) - 1]
    if len(parts) == 2:
        return re.search(rf"\b{month}\b", text) is not None
    day = int(parts[2])
    return re.search(rf"\b{day}(?:st|nd|rd|th)?\s+{month}\b|\b{month}\s+{day}\b", text) is not None


def event_recall(
    curated: Sequence[Mapping[str, Any]],
    draft: Sequence[Mapping[str, Any]],
    text: str,
    same_kind: bool = False,
) -> tuple[Recall, Recall]:
    """(recall over every curated event, recall over those whose date the text writes).

    `same_kind` also requires the event kinds to agree (stricter than the issue's "by date").
    """

    def recovered(event: Mapping[str, Any]) -> bool:
        return any(
            _compatible(mine, theirs)
            for other in draft
            if not same_kind or other.get("kind") == event.get("kind")
            for mine in _event_dates(other)
            for theirs in _event_dates(event)
        )

    def measure(events: Sequence[Mapping[str, Any]]) -> Recall:
        missing = [f"{e['id']} ({', '.join(_event_dates(e))})" for e in events if not recovered(e)]
        return Recall(len(events) - len(missing), len(events), missing)

    dated = [e for e in curated if any(written_in(text, d) for d in _event_dates(e))]
    return measure(curated), measure(dated)
