"""What-if scenarios: change the projected networks in memory and see what moves.

Nothing here touches the store: a scenario edits copies of the networkx graphs read by
projection.py. Adding an alliance links every pair of its members with one co-membership
item (as a real alliance would in the projection) unless the pair already counts it;
removing one takes that item away and drops edges left with no evidence. Hypothetical
edges weigh 1 unless given a weight.

Regional reach of an actor = the regions where it is present (an incident in the window
or an OPERATES_IN claim) together with those where any of its cooperation partners is
present: where it can act through others. A new alliance widens reach by exactly the
partners' regions it did not have.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import networkx as nx

from queries.analytics.measures import MEASURES, NetworkMeasures


@dataclass(frozen=True)
class EdgeEdit:
    """A hypothetical edge between two actors (weight used only when adding)."""

    a: str
    b: str
    weight: float = 1.0

    @classmethod
    def parse(cls, text: str) -> EdgeEdit:
        """`actor:jnim~actor:cma` or `actor:jnim~actor:cma~2`."""
        parts = text.split("~")
        if len(parts) not in (2, 3) or not all(parts[:2]):
            raise ValueError(f"edge {text!r}: expected ACTOR~ACTOR or ACTOR~ACTOR~WEIGHT")
        return cls(parts[0], parts[1], float(parts[2]) if len(parts) == 3 else 1.0)


@dataclass
class Scenario:
    """Edits to the cooperation and hostility networks."""

    add_alliances: dict[str, list[str]] = field(default_factory=dict)
    """alliance id → member actor ids."""
    remove_alliances: list[str] = field(default_factory=list)
    add_cooperation: list[EdgeEdit] = field(default_factory=list)
    remove_cooperation: list[EdgeEdit] = field(default_factory=list)
    add_hostility: list[EdgeEdit] = field(default_factory=list)
    remove_hostility: list[EdgeEdit] = field(default_factory=list)

    def actors(self) -> set[str]:
        found = {m for members in self.add_alliances.values() for m in members}
        for edit in (*self.add_cooperation, *self.add_hostility):
            found |= {edit.a, edit.b}
        return found

    def edits(self, network: str) -> bool:
        """Whether the scenario changes `network` at all (if not, its measures stand)."""
        if network == "cooperation":
            return bool(self.add_alliances or self.remove_alliances or self.add_cooperation
                        or self.remove_cooperation)  # fmt: skip
        return bool(self.add_hostility or self.remove_hostility)


def _add(graph: nx.Graph, a: str, b: str, weight: float, kind: str, alliance: str | None) -> None:
    for node in (a, b):
        if node not in graph:
            graph.add_node(node, name=None)
    if not graph.has_edge(a, b):
        graph.add_edge(a, b, weight=0.0, items=0, fatalities=0, kinds={}, alliances=[])
    data = graph.edges[a, b]
    if alliance is not None:
        if alliance in data["alliances"]:
            return
        data["alliances"] = [*data["alliances"], alliance]
    data["weight"] += weight
    data["items"] += 1
    data["kinds"] = {**data["kinds"], kind: data["kinds"].get(kind, 0) + 1}


def _drop_alliance(graph: nx.Graph, alliance: str) -> None:
    for u, v, data in list(graph.edges(data=True)):
        if alliance not in data["alliances"]:
            continue
        data["alliances"] = [x for x in data["alliances"] if x != alliance]
        data["weight"] -= 1.0
        data["items"] -= 1
        data["kinds"] = {**data["kinds"], "alliance": data["kinds"]["alliance"] - 1}
        if data["items"] <= 0:
            graph.remove_edge(u, v)


def apply(
    graph: nx.Graph, scenario: Scenario, network: str, names: Mapping[str, str | None]
) -> nx.Graph:
    """A copy of `graph` with the scenario's edits for `network` applied."""
    edited: nx.Graph = nx.Graph()
    edited.add_nodes_from(graph.nodes(data=True))
    for u, v, data in graph.edges(data=True):
        edited.add_edge(
            u, v, **{**data, "kinds": dict(data["kinds"]), "alliances": list(data["alliances"])}
        )
    if network == "cooperation":
        for alliance in scenario.remove_alliances:
            _drop_alliance(edited, alliance)
        for alliance, members in sorted(scenario.add_alliances.items()):
            for a, b in itertools.combinations(sorted(set(members)), 2):
                _add(edited, a, b, 1.0, "alliance", alliance)
        adds, removes = scenario.add_cooperation, scenario.remove_cooperation
    else:
        adds, removes = scenario.add_hostility, scenario.remove_hostility
    for edit in adds:
        _add(edited, edit.a, edit.b, edit.weight, "hypothetical", None)
    for edit in removes:
        if edited.has_edge(edit.a, edit.b):
            edited.remove_edge(edit.a, edit.b)
    for node in edited:
        if edited.nodes[node].get("name") is None:
            edited.nodes[node]["name"] = names.get(node)
    return _sorted_copy(edited)


def _sorted_copy(graph: nx.Graph) -> nx.Graph:
    """Same graph, nodes and edges in sorted order (seeded algorithms stay reproducible)."""
    ordered: nx.Graph = nx.Graph()
    ordered.add_nodes_from(sorted(graph.nodes(data=True), key=lambda item: item[0]))
    ordered.add_edges_from(sorted((min(u, v), max(u, v), d) for u, v, d in graph.edges(data=True)))
    return ordered


def reach(
    graph: nx.Graph, present: Mapping[str, set[str]], actors: Iterable[str]
) -> dict[str, set[str]]:
    """Each actor's own regions plus its cooperation partners' regions."""
    found = {}
    for actor in actors:
        regions = set(present.get(actor, set()))
        if actor in graph:
            for partner in graph.adj[actor]:
                regions |= present.get(partner, set())
        found[actor] = regions
    return found


@dataclass(frozen=True)
class MeasureChange:
    """One measure of one actor before and after the scenario."""

    network: str
    actor_id: str
    name: str | None
    measure: str
    before: float | None
    after: float | None
    change: float | None
    gained: tuple[str, ...] = ()
    lost: tuple[str, ...] = ()


def _delta(before: float | None, after: float | None) -> float | None:
    if before is None and after is None:
        return None
    return round((after or 0.0) - (before or 0.0), 9)


def measure_changes(
    network: str, before: NetworkMeasures, after: NetworkMeasures
) -> list[MeasureChange]:
    """Every measure for every actor in either graph; community as its member count."""
    changes = []
    for actor in sorted(before.nodes.keys() | after.nodes.keys()):
        b, a = before.nodes.get(actor), after.nodes.get(actor)
        node = a or b
        name = node.name if node else None
        for measure in MEASURES:
            vb = b.value(measure) if b else None
            va = a.value(measure) if a else None
            changes.append(MeasureChange(network, actor, name, measure, vb, va, _delta(vb, va)))
        for flag in ("articulation", "broker"):
            fb = float(getattr(b, flag)) if b else None
            fa = float(getattr(a, flag)) if a else None
            changes.append(MeasureChange(network, actor, name, flag, fb, fa, _delta(fb, fa)))
        peers_b = _peers(before, b.community) if b else set()
        peers_a = _peers(after, a.community) if a else set()
        changes.append(
            MeasureChange(
                network,
                actor,
                name,
                "community_size",
                float(len(peers_b)) if b else None,
                float(len(peers_a)) if a else None,
                _delta(float(len(peers_b)) if b else None, float(len(peers_a)) if a else None),
                tuple(sorted(peers_a - peers_b)),
                tuple(sorted(peers_b - peers_a)),
            )
        )
    return changes


def _peers(measures: NetworkMeasures, community: int) -> set[str]:
    return set(measures.communities[community - 1])


def reach_changes(
    before: Mapping[str, set[str]], after: Mapping[str, set[str]], names: Mapping[str, str | None]
) -> list[MeasureChange]:
    changes = []
    for actor in sorted(before.keys() | after.keys()):
        b, a = before.get(actor, set()), after.get(actor, set())
        changes.append(
            MeasureChange(
                "cooperation",
                actor,
                names.get(actor),
                "reach",
                float(len(b)),
                float(len(a)),
                float(len(a) - len(b)),
                tuple(sorted(a - b)),
                tuple(sorted(b - a)),
            )
        )
    return changes


def only_changed(changes: Sequence[MeasureChange]) -> list[MeasureChange]:
    return [c for c in changes if c.change not in (None, 0.0) or c.gained or c.lost]
