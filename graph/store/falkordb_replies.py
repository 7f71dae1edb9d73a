"""What FalkorDB answers, read into plain records, a changed-or-not, or our own errors."""

from __future__ import annotations

from typing import Any

from graph.store.base import ConstraintViolation, Record, StoreError
from graph.store.values import plain

_CHANGES = ("created", "deleted", "set", "removed", "added")


def changed_graph(result: Any) -> bool:
    """Whether a write changed the graph (its statistics: "Nodes created: 3", …). One that
    did not leaves the version (and the journal: a bump is a journaled command) as it was,
    so reopening a store and re-asserting its schema does not grow the journal."""
    stats = getattr(result, "_raw_stats", None)
    if stats is None:  # a client that no longer keeps them: assume it did
        return True
    for raw in stats:
        text = raw.decode() if isinstance(raw, bytes) else str(raw)
        name, _, value = text.partition(": ")
        if name.split(" ")[-1] in _CHANGES and float(value.split(" ")[0] or 0) > 0:
            return True
    return False


def store_error(message: str) -> StoreError:
    """FalkorDB answers with words, not codes: a uniqueness failure is known by them."""
    if "unique constraint violation" in message:
        return ConstraintViolation(message)
    return StoreError(message)


def records(result: Any) -> list[Record]:
    columns = [text_of(column[1]) for column in result.header]
    return [dict(zip(columns, (plain(v) for v in row), strict=True)) for row in result.result_set]


def text_of(name: str | bytes) -> str:
    return name.decode() if isinstance(name, bytes) else name
