"""Small reads the loaders need: which ids already exist in the store."""

from __future__ import annotations

from collections.abc import Iterable

from graph.schema import check_label, label_for_id
from graph.store.base import GraphStore


def existing_ids_statement(label: str) -> str:
    """Ids of `label` nodes among `$ids` (uses the unique index on id)."""
    return f"UNWIND $ids AS wanted MATCH (n:{check_label(label)} {{id: wanted}}) RETURN n.id AS id"


async def existing_ids(store: GraphStore, ids: Iterable[str]) -> set[str]:
    """The subset of `ids` that name nodes already in the store (one read per label)."""
    by_label: dict[str, list[str]] = {}
    for node_id in set(ids):
        label = label_for_id(node_id)
        if label is not None:
            by_label.setdefault(label, []).append(node_id)
    found: set[str] = set()
    for label, wanted in sorted(by_label.items()):
        rows = await store.read(existing_ids_statement(label), {"ids": sorted(wanted)})
        found.update(row["id"] for row in rows)
    return found
