"""Ad-hoc Cypher from an analyst: read-only, values only as parameters.

The engines refuse writes on the read path anyway (FalkorDB's GRAPH.RO_QUERY, Neo4j's
read transactions); the check here exists to give a clear message before sending.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from graph.store.base import GraphStore, ReadOnlyViolation, Record

EXAMPLE = "MATCH (a:Actor {id: $id}) RETURN a.name AS name"
"""The example `sahelkg cypher --help` shows (with `-p id=actor:jnim`): Cypher lives here."""

_WRITE_CLAUSE = re.compile(
    r"\b(CREATE|MERGE|SET|DELETE|DETACH|REMOVE|DROP|LOAD\s+CSV|FOREACH)\b"
    r"|\bCALL\s+(db\.create|db\.idx\.fulltext\.(create|drop)|apoc\.(create|merge|refactor))",
    re.IGNORECASE,
)
_STRINGS_AND_COMMENTS = re.compile(
    r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S
)


def write_clause(cypher: str) -> str | None:
    """The first write clause in `cypher` (outside strings and comments), or None."""
    match = _WRITE_CLAUSE.search(_STRINGS_AND_COMMENTS.sub(" ", cypher))
    return match.group(0).upper() if match else None


def parse_param(text: str) -> tuple[str, Any]:
    """`k=v` → (k, v) with v read as int, float, true/false/null, or else a string."""
    key, sep, raw = text.partition("=")
    if not sep or not key.isidentifier():
        raise ValueError(f"--param {text!r}: expected NAME=VALUE")
    value: Any = raw
    lowered = raw.lower()
    if lowered in ("true", "false"):
        value = lowered == "true"
    elif lowered == "null":
        value = None
    else:
        for cast in (int, float):
            try:
                value = cast(raw)
                break
            except ValueError:
                continue
    return key, value


async def run_read_only(
    store: GraphStore, cypher: str, params: Mapping[str, Any] | None = None
) -> list[Record]:
    """Run an analyst's statement, refusing anything that writes."""
    clause = write_clause(cypher)
    if clause:
        raise ReadOnlyViolation(
            f"`sahelkg cypher` is read-only and this statement writes ({clause}); "
            "change the graph through `sahelkg load` with sourced data instead"
        )
    return await store.read(cypher, params)
