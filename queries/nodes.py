"""Node reads for clients that page through the graph: by ids, filtered lists, name search.

Lists use keyset pagination: a page is "the next `limit` nodes after (sort value, id)", so
a cursor stays valid and no node is skipped or repeated when others are inserted (an offset
would shift). Sort properties, labels and filter fragments are fixed text from this module
and the schema; every value a caller gives travels as a `$parameter`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from graph.dialect import Dialect
from graph.schema import LABELS, check_label, label_for_id
from graph.store.base import GraphStore, Record
from queries.claims import overlaps
from queries.statements import provider

SORT_PROPERTIES: dict[str, str] = {"name": "name", "id": "id", "date": "date"}
"""Orderings a list may ask for; the property always comes from here."""


@dataclass(frozen=True)
class NodeFilter:
    """Conditions a listed node must meet; None means "any"."""

    kinds: tuple[str, ...] | None = None
    name_contains: str | None = None
    region_id: str | None = None
    """Actors operating in, or incidents/operations that occurred in, this region (or a part)."""
    active_from: str | None = None
    active_to: str | None = None
    """Actors whose founded..dissolved overlaps this window; dated nodes dated in it."""
    country: str | None = None
    level: int | None = None
    actor_id: str | None = None
    """Incidents this actor took part in, operations it conducted."""
    dataset: str | None = None


@dataclass(frozen=True)
class Keyset:
    """Where a page starts: strictly after (or before) this sort value and id."""

    value: str
    id: str


def _conditions(label: str, where: NodeFilter) -> tuple[list[str], list[str], dict[str, Any]]:
    """MATCH clauses, WHERE conditions and parameters for a filter on `label` nodes `n`."""
    matches: list[str] = []
    conditions: list[str] = []
    params: dict[str, Any] = {}
    if where.kinds:
        conditions.append("n.kind IN $kinds")
        params["kinds"] = list(where.kinds)
    if where.name_contains:
        conditions.append(
            "(toLower(n.name) CONTAINS $name_q "
            "OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) CONTAINS $name_q))"
        )
        params["name_q"] = where.name_contains.lower()
    if where.country:
        conditions.append("n.country = $country")
        params["country"] = where.country
    if where.level is not None:
        conditions.append("n.level = $level")
        params["level"] = where.level
    if where.dataset:
        conditions.append("n.dataset = $dataset")
        params["dataset"] = where.dataset
    if where.active_from or where.active_to:
        params["active_from"], params["active_to"] = where.active_from, where.active_to
        if label == "Actor":
            conditions.append(overlaps("n.founded", "n.dissolved", "$active_from", "$active_to"))
        elif label == "Alliance":
            conditions.append(overlaps("n.formed", "n.dissolved", "$active_from", "$active_to"))
        elif label == "Region":  # units that exist on some day of the window
            conditions.append(overlaps("n.valid_from", "n.valid_to", "$active_from", "$active_to"))
        else:
            conditions.append(overlaps("n.date", "n.date", "$active_from", "$active_to"))
    if where.region_id:
        params["region_id"] = where.region_id
        rel = "OPERATES_IN" if label == "Actor" else "OCCURRED_IN"
        matches.append(
            f"MATCH (n)-[:{rel}]->(:Region)-[:PART_OF*0..2]->(:Region {{id: $region_id}})"
        )
    if where.actor_id:
        params["actor_id"] = where.actor_id
        rel = "PARTICIPATED_IN" if label == "Incident" else "CONDUCTED"
        matches.append(f"MATCH (:Actor {{id: $actor_id}})-[:{rel}]->(n)")
    return matches, conditions, params


def list_statement(
    label: str, where: NodeFilter, sort: str, backward: bool, keyed: bool
) -> tuple[str, dict[str, Any]]:
    """A page of `label` nodes matching `where`, ordered by (sort property, id)."""
    prop = SORT_PROPERTIES[sort]
    matches, conditions, params = _conditions(check_label(label), where)
    sort_value = f"coalesce(toString(n.{prop}), '')"
    if keyed:
        op = "<" if backward else ">"
        conditions.append(
            f"({sort_value} {op} $key_value OR ({sort_value} = $key_value AND n.id {op} $key_id))"
        )
    where_clause = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    direction = "DESC" if backward else "ASC"
    statement = (
        f"MATCH (n:{label}) {' '.join(matches)}{where_clause} "
        f"WITH DISTINCT n, {sort_value} AS sort_value "
        f"RETURN properties(n) AS props, sort_value "
        f"ORDER BY sort_value {direction}, n.id {direction} LIMIT $limit"
    )
    return statement, params


def count_statement(label: str, where: NodeFilter) -> tuple[str, dict[str, Any]]:
    """How many `label` nodes match `where`."""
    matches, conditions, params = _conditions(check_label(label), where)
    where_clause = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    return (
        f"MATCH (n:{label}) {' '.join(matches)}{where_clause} "
        "WITH DISTINCT n RETURN count(n) AS total"
    ), params


async def list_nodes(
    store: GraphStore,
    label: str,
    where: NodeFilter,
    *,
    sort: str = "name",
    limit: int,
    after: Keyset | None = None,
    before: Keyset | None = None,
) -> list[tuple[Record, str]]:
    """Up to `limit` nodes (properties, sort value) after `after` or before `before`.

    A backward page is read in reverse order and returned in forward order.
    """
    key = before or after
    statement, params = list_statement(
        label, where, sort, backward=before is not None, keyed=key is not None
    )
    params["limit"] = limit
    if key is not None:
        params["key_value"], params["key_id"] = key.value, key.id
    rows = [(r["props"], r["sort_value"]) for r in await store.read(statement, params)]
    return rows[::-1] if before is not None else rows


async def count_nodes(store: GraphStore, label: str, where: NodeFilter) -> int:
    statement, params = count_statement(label, where)
    rows = await store.read(statement, params)
    return int(rows[0]["total"]) if rows else 0


def nodes_by_ids_statement(labels: Iterable[str]) -> str:
    """Nodes of the given labels among `$ids`, one index lookup per label, one statement."""
    parts = [
        f"UNWIND $ids AS wanted MATCH (n:{check_label(label)} {{id: wanted}}) "
        f"RETURN '{label}' AS label, properties(n) AS props"
        for label in sorted(set(labels))
    ]
    return " UNION ALL ".join(parts)


async def nodes_by_ids(store: GraphStore, ids: Sequence[str]) -> dict[str, tuple[str, Record]]:
    """`id → (label, properties)` for the ids that exist, in one round trip."""
    labels = {label for i in ids if (label := label_for_id(i)) is not None}
    if not labels:
        return {}
    rows = await store.read(nodes_by_ids_statement(labels), {"ids": sorted(set(ids))})
    return {row["props"]["id"]: (row["label"], row["props"]) for row in rows}


SEARCH_LABELS: tuple[str, ...] = ("Actor", "Alliance", "Region", "Country", "Location")


def search_statement(labels: Iterable[str]) -> str:
    """Nodes whose name or an alias contains `$q`, exact names first, then prefixes."""
    parts = []
    for label in sorted(set(labels)):
        parts.append(
            f"MATCH (n:{check_label(label)}) "
            "WITH n, toLower(n.name) AS folded, "
            "[alias IN coalesce(n.aliases, []) | toLower(alias)] AS folded_aliases "
            "WHERE folded CONTAINS $q OR any(alias IN folded_aliases WHERE alias CONTAINS $q) "
            f"RETURN '{label}' AS label, properties(n) AS props, "
            "CASE WHEN folded = $q OR $q IN folded_aliases THEN 0 "
            "WHEN left(folded, size($q)) = $q THEN 1 ELSE 2 END AS rank"
        )
    return " UNION ALL ".join(parts)


async def search_nodes(
    store: GraphStore, text: str, labels: Sequence[str] | None, limit: int | None
) -> list[tuple[str, Record, int]]:
    """Name/alias search over `labels` (default: actors, alliances, places): best first
    (rank, then name, then id); `limit` None: every hit."""
    chosen = [check_label(label) for label in (labels or SEARCH_LABELS)]
    query = text.strip().lower()
    if not query:
        return []
    rows = await store.read(search_statement(chosen), {"q": query})
    ranked = sorted(rows, key=lambda r: (r["rank"], r["props"].get("name") or "", r["props"]["id"]))
    return [(r["label"], r["props"], int(r["rank"])) for r in ranked[:limit]]


@provider
def _node_statements(dialect: Dialect) -> dict[str, str]:
    """Representative shapes: every filter on, keyed both ways, each search label."""
    full = NodeFilter(
        kinds=("militia",), name_contains="x", region_id="region:x", active_from="2020",
        active_to="2021", country="MLI", level=1, actor_id="actor:x", dataset="acled",
    )  # fmt: skip
    found = {
        "nodes.by_ids": nodes_by_ids_statement(LABELS),
        "nodes.search": search_statement(SEARCH_LABELS),
    }
    for label in ("Actor", "Alliance", "Region", "Incident"):
        for backward in (False, True):
            found[f"nodes.list.{label}.{backward}"] = list_statement(
                label, full, "name", backward, True
            )[0]
        found[f"nodes.count.{label}"] = count_statement(label, full)[0]
    return found
