"""Turn engine result values into plain Python: nodes and edges become property dicts.

Both engines' drivers return their own Node, Relationship and Path classes; converting
them in one place keeps every caller engine-agnostic and JSON-serialisable.
"""

from __future__ import annotations

import functools
import sys
from typing import Any

from falkordb.edge import Edge as FalkorEdge
from falkordb.node import Node as FalkorNode
from falkordb.path import Path as FalkorPath


def plain(value: Any) -> Any:
    """Recursively convert a result value to dicts, lists and scalars.

    The neo4j driver is imported only once something else has imported it: its values can
    only come from it, and a FalkorDB command should not pay for loading it.
    """
    if isinstance(value, FalkorNode):
        return {**value.properties, "_labels": list(value.labels or [])}
    if isinstance(value, FalkorEdge):
        return {**value.properties, "_type": value.relation}
    if isinstance(value, FalkorPath):
        return {
            "nodes": [plain(n) for n in value.nodes()],
            "relationships": [plain(e) for e in value.edges()],
        }
    if "neo4j" in sys.modules:
        converted = _neo4j_plain(value)
        if converted is not value:
            return converted
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


@functools.cache
def _neo4j_types() -> tuple[Any, tuple[type, ...]]:
    from neo4j import graph as neo4j_graph
    from neo4j.time import Date, DateTime

    return neo4j_graph, (Date, DateTime)


def _neo4j_plain(value: Any) -> Any:
    """A neo4j driver value converted, or `value` itself when it is none of them."""
    neo4j_graph, dates = _neo4j_types()
    if isinstance(value, neo4j_graph.Node):
        return {**dict(value), "_labels": sorted(value.labels)}
    if isinstance(value, neo4j_graph.Relationship):
        return {**dict(value), "_type": value.type}
    if isinstance(value, neo4j_graph.Path):
        return {
            "nodes": [plain(n) for n in value.nodes],
            "relationships": [plain(r) for r in value.relationships],
        }
    if isinstance(value, dates):
        return str(value.iso_format())  # type: ignore[attr-defined]
    return value
