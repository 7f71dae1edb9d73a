"""The actor networks as networkx graphs: built from the packed projection rows
(projection.py), with every edge's evidence summed per kind, and actor names filled in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from graph.store.base import GraphStore
from queries.analytics.projection import NETWORK_STATEMENTS, NETWORKS, Filters
from queries.readcache import cached

CLAIM_KINDS = frozenset(
    {"alliance", "allied_with", "supports", "part_of", "hostile_to", "hostile_to_alliance"}
)
"""Evidence that is a sourced claim rather than a counted incident or operation: weighs 1
whatever `weight_by` says."""


def build_network(records: Iterable[Mapping[str, Any]], weight_by: str = "incidents") -> nx.Graph:
    """Undirected actor graph from projection rows. Edge data: `weight`, `items` and
    `fatalities` (totals), `kinds` (items per kind), `alliances` (ids of alliances the pair
    shares). Claims and cooperation items weigh 1 each; hostile incidents by count or, with
    `weight_by="fatalities"`, by deaths. Nodes and edges are added in sorted order so seeded
    algorithms give the same answer every run.

    Rows come packed, one per source actor and kind, with a list of `target,items,
    fatalities,ref` strings (ids never hold a comma), because each result value costs the
    Python client more to parse than the engine spends finding it: 40,000 pair rows of
    five values took ~2.3 s to arrive, the same pairs packed ~1 s. (Joining the list into
    one string with reduce() would be faster still, but crashed FalkorDB 4.16 when the
    statement ran a second time.) They are read here straight into per-edge totals: one
    object per piece of evidence cost more than the rest of the build.
    """
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    names: dict[str, str | None] = {}
    by_deaths = weight_by == "fatalities"
    for record in records:
        source, kind = record["source"], record["kind"]
        names[source] = record["source_name"] or names.get(source)
        counted_by_deaths = by_deaths and kind not in CLAIM_KINDS
        for entry in record["packed"]:
            target, items_text, fatalities_text, ref = entry.split(",", 3)
            items, fatalities = int(items_text), int(fatalities_text)
            names.setdefault(target, None)
            key = (source, target) if source < target else (target, source)
            data = edges.get(key)
            if data is None:
                data = edges[key] = {"weight": 0.0, "items": 0, "fatalities": 0, "kinds": {},
                                     "alliances": []}  # fmt: skip
            data["weight"] += float(fatalities if counted_by_deaths else items)
            data["items"] += items
            data["fatalities"] += fatalities
            kinds = data["kinds"]
            kinds[kind] = kinds.get(kind, 0) + items
            if kind == "alliance" and ref and ref not in data["alliances"]:
                data["alliances"].append(ref)
    graph = nx.Graph()
    graph.add_nodes_from((node, {"name": names[node]}) for node in sorted(names))
    for data in edges.values():
        if len(data["kinds"]) > 1:
            data["kinds"] = dict(sorted(data["kinds"].items()))
        data["alliances"].sort()
    graph.add_edges_from((u, v, edges[u, v]) for u, v in sorted(edges))
    return graph


async def read_network(
    store: GraphStore,
    network: str,
    filters: Filters,
    weight_by: str = "incidents",
    named: bool = True,
) -> nx.Graph:
    """The projection (one read), then the graph; names of second ends looked up after.
    Cached per store version (queries.readcache) and frozen: callers copy to edit."""
    if network not in NETWORKS:
        raise ValueError(f"network must be one of {', '.join(NETWORKS)}, got {network!r}")

    async def read() -> nx.Graph:
        records = await store.read(NETWORK_STATEMENTS[network], filters.params())
        graph = build_network(records, weight_by)
        if named:
            await name_nodes(store, graph)
        return nx.freeze(graph)

    return await cached(store, ("network", network, filters, weight_by, named), read)


NAMES = "UNWIND $ids AS id MATCH (a:Actor {id: id}) RETURN a.id AS id, a.name AS name"


async def name_nodes(store: GraphStore, graph: nx.Graph) -> None:
    """Fill in the names of actors that only ever appeared as a pair's second end."""
    missing = sorted(n for n, name in graph.nodes(data="name") if name is None)
    if missing:
        for row in await store.read(NAMES, {"ids": missing}):
            graph.nodes[row["id"]]["name"] = row["name"]
