"""Names for ids: find nodes by name or alias, and accept an unambiguous name wherever an id
is expected.

Analysts know "JNIM" or "Kayes", not `actor:jnim` or `region:mli-kayes`. `find` searches
names and aliases through the dialect's full-text index (the same on both engines) and
ranks exact name or alias matches first. `resolve_names` turns names given for id
parameters into ids before the parameters are checked; an unknown or ambiguous name is
`NotFound` listing the candidates ("did you mean actor:jnim?").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from pydantic import Field

from graph.model import NODE_TYPE_BY_LABEL
from graph.schema import FULLTEXT_LABELS
from graph.store.base import GraphStore
from queries.errors import NotFound
from queries.types import NodeRef, Result

EXACT_STATEMENT = (
    "MATCH (n:{label}) WHERE toLower(n.name) = $text OR $text IN [a IN coalesce(n.aliases, []) "
    "| toLower(a)] RETURN n.id AS id, n.name AS name, n.kind AS kind, "
    "coalesce(n.aliases, []) AS aliases"
)


class FindKind(StrEnum):
    """What `find` searches: the labels with names and aliases in the full-text index."""

    ACTOR = "actor"
    ALLIANCE = "alliance"
    REGION = "region"
    LOCATION = "location"


LABEL_OF_KIND: dict[FindKind, str] = {kind: kind.value.title() for kind in FindKind}
assert set(LABEL_OF_KIND.values()) == set(FULLTEXT_LABELS)


class Found(Result):
    """One node whose name or aliases match the text searched."""

    node: NodeRef
    aliases: list[str]
    match: str = Field(description="exact (name or alias equals the text) or partial.")


def _exact_statement(label: str) -> str:
    return EXACT_STATEMENT.replace("{label}", label if label in NODE_TYPE_BY_LABEL else "_")


def _fulltext_query(text: str) -> str | None:
    """Word prefixes (`kat mac` → `kat* mac*`); no search syntax reaches the index."""
    words = re.findall(r"\w+", text, flags=re.UNICODE)
    return " ".join(f"{word}*" for word in words if len(word) >= 2) or None


async def find(
    store: GraphStore, text: str, kinds: Sequence[FindKind] | None = None, limit: int = 10
) -> list[Found]:
    """Nodes named `text` (exact name or alias first), then full-text matches by score."""
    wanted = [LABEL_OF_KIND[FindKind(k)] for k in (kinds or list(FindKind))]
    lowered = text.strip().lower()
    found: dict[str, tuple[float, Found]] = {}
    for label in wanted:
        for record in await store.read(_exact_statement(label), {"text": lowered}):
            node = NodeRef(id=record["id"], label=label, name=record["name"], kind=record["kind"])
            found[node.id] = (1e9, Found(node=node, aliases=record["aliases"], match="exact"))
    query = _fulltext_query(text)
    if query is not None:
        for label in wanted:
            statement = store.dialect.fulltext_search(label)
            for record in await store.read(statement, {"query": query, "limit": limit}):
                props = _properties(record["node"])
                node_id = props.get("id")
                if not node_id or node_id in found:
                    continue
                node = NodeRef(
                    id=node_id, label=label, name=props.get("name"), kind=props.get("kind")
                )
                aliases = list(props.get("aliases") or [])
                found[node_id] = (
                    float(record["score"]),
                    Found(node=node, aliases=aliases, match="partial"),
                )
    ranked = sorted(found.values(), key=lambda pair: (-pair[0], pair[1].node.id))
    return [item for _, item in ranked[:limit]]


def _properties(node: Any) -> dict[str, Any]:
    """A node's properties from either driver's node object (or a plain mapping)."""
    if isinstance(node, Mapping):
        return dict(node)
    props = getattr(node, "properties", None)
    return dict(props) if props is not None else dict(node.items())


def looks_like_id(value: str) -> bool:
    return ":" in value and " " not in value.partition(":")[0]


def _kinds_for(labels: Sequence[str]) -> list[FindKind]:
    return [kind for kind, label in LABEL_OF_KIND.items() if label in labels]


async def resolve_name(store: GraphStore, name: str, labels: Sequence[str], field: str) -> str:
    """The one id `name` stands for among `labels`; otherwise `NotFound` with candidates."""
    kinds = _kinds_for(labels)
    if not kinds:
        raise NotFound(f"{field}: {name!r} is not an id and names are not searched for it")
    found = await find(store, name, kinds, limit=5)
    exact = [f for f in found if f.match == "exact"]
    if len(exact) == 1:
        return exact[0].node.id
    candidates = exact or found
    what = " or ".join(kind.value for kind in kinds)
    if not candidates:
        raise NotFound(
            f"{field}: no {what} named {name!r}; `sahelkg find TEXT` searches names and aliases"
        )
    listed = ", ".join(f"{c.node.id} ({c.node.name})" for c in candidates)
    if len(exact) > 1:
        raise NotFound(f"{field}: {name!r} names several: {listed}; give the id")
    raise NotFound(f"{field}: no {what} named {name!r}; did you mean {listed}?")


async def resolve_names(
    store: GraphStore, values: Mapping[str, Any], id_params: Mapping[str, tuple[str, ...]]
) -> dict[str, Any]:
    """`values` with names given for id parameters replaced by the ids they stand for.

    Lists are resolved item by item (a comma-separated string counts as a list); values
    that already look like ids are left for the parameter check.
    """
    resolved = dict(values)
    for field, labels in id_params.items():
        value = resolved.get(field)
        if isinstance(value, str) and "," in value:
            value = [part.strip() for part in value.split(",") if part.strip()]
        if isinstance(value, str):
            if not looks_like_id(value) and _kinds_for(labels):
                resolved[field] = await resolve_name(store, value, labels, field)
        elif isinstance(value, (list, tuple)):
            items = []
            for item in value:
                if isinstance(item, str) and not looks_like_id(item) and _kinds_for(labels):
                    item = await resolve_name(store, item, labels, field)
                items.append(item)
            resolved[field] = items
    return resolved
