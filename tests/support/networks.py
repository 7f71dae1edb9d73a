"""Reference values for the analytics tests: the fixture's cooperation edges and networkx's
own PageRank (scipy-backed when scipy is installed, else networkx's pure-Python reference)."""

from __future__ import annotations

import importlib
import importlib.util

import networkx as nx

COOPERATION_EDGES: list[tuple[str, str, float]] = [
    ("actor:ansar-dine", "actor:jnim", 1.0),
    ("actor:ansar-dine", "actor:katiba-macina", 1.0),
    ("actor:cma", "actor:fama", 1.0),
    ("actor:fama", "actor:government-of-mali", 1.0),
    ("actor:fama", "actor:wagner", 5.0),
    ("actor:government-of-mali", "actor:wagner", 1.0),
    ("actor:jnim", "actor:katiba-macina", 2.0),
]
"""The fixture's cooperation network, June–July 2023 (tests/queries/conftest.py)."""


def reference_pagerank(graph: nx.Graph) -> dict[str, float]:
    if importlib.util.find_spec("scipy") is not None:
        return dict(nx.pagerank(graph, weight="weight"))
    module = importlib.import_module("networkx.algorithms.link_analysis.pagerank_alg")
    return dict(module._pagerank_python(graph, weight="weight"))
