"""What-if scenarios: change the projected networks in memory and see what moves.

Nothing here touches the store, nor the networks read by projection.py: a scenario
lists the ties it touches (`edits`), which are then laid over a copy — a networkx one
(`apply`, for users and the tests' references) or the compiled arrays the measures run
on (`apply_compiled`: no copy of a 78,000-tie graph for three new ties). Adding an alliance links every pair of its members with one co-membership
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
from typing import Any

import networkx as nx

from queries.analytics.compiled import Compiled
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


Tie = dict[str, Any]
"""A tie's data as network.py builds it: weight, items, fatalities, kinds, alliances."""


class _Edits:
    """The ties a scenario touches, edited over a graph left untouched: pair (smaller id
    first) → new data, or None once removed."""

    def __init__(self, graph: nx.Graph) -> None:
        self.graph = graph
        self.ties: dict[tuple[str, str], Tie | None] = {}

    def get(self, a: str, b: str) -> Tie | None:
        pair = (a, b) if a <= b else (b, a)
        if pair not in self.ties:
            if not self.graph.has_edge(a, b):
                return None
            data = self.graph.edges[a, b]
            self.ties[pair] = {**data, "kinds": dict(data["kinds"]),
                               "alliances": list(data["alliances"])}  # fmt: skip
        return self.ties[pair]

    def add(self, a: str, b: str, weight: float, kind: str, alliance: str | None) -> None:
        data = self.get(a, b)
        if data is None:
            data = {"weight": 0.0, "items": 0, "fatalities": 0, "kinds": {}, "alliances": []}
            self.ties[(a, b) if a <= b else (b, a)] = data
        if alliance is not None:
            if alliance in data["alliances"]:
                return
            data["alliances"] = [*data["alliances"], alliance]
        data["weight"] += weight
        data["items"] += 1
        data["kinds"] = {**data["kinds"], kind: data["kinds"].get(kind, 0) + 1}

    def remove(self, a: str, b: str) -> None:
        if self.get(a, b) is not None:
            self.ties[(a, b) if a <= b else (b, a)] = None

    def drop_alliance(self, alliance: str) -> None:
        for u, v, alliances in self.graph.edges(data="alliances"):
            if alliance not in alliances:
                continue
            data = self.get(u, v)
            if data is None or alliance not in data["alliances"]:
                continue
            data["alliances"] = [x for x in data["alliances"] if x != alliance]
            data["weight"] -= 1.0
            data["items"] -= 1
            data["kinds"] = {**data["kinds"], "alliance": data["kinds"]["alliance"] - 1}
            if data["items"] <= 0:
                self.remove(u, v)


def edits(graph: nx.Graph, scenario: Scenario, network: str) -> dict[tuple[str, str], Tie | None]:
    """The scenario's edits of `network`: each tie it touches (pair with the smaller id
    first) with its data afterwards, None when removed. Alliances are removed first, then
    added, then single ties added, then removed."""
    found = _Edits(graph)
    if network == "cooperation":
        for alliance in scenario.remove_alliances:
            found.drop_alliance(alliance)
        for alliance, members in sorted(scenario.add_alliances.items()):
            for a, b in itertools.combinations(sorted(set(members)), 2):
                found.add(a, b, 1.0, "alliance", alliance)
        adds, removes = scenario.add_cooperation, scenario.remove_cooperation
    else:
        adds, removes = scenario.add_hostility, scenario.remove_hostility
    for edit in adds:
        found.add(edit.a, edit.b, edit.weight, "hypothetical", None)
    for edit in removes:
        found.remove(edit.a, edit.b)
    return found.ties


def edited_names(
    graph: nx.Graph, changed: Mapping[tuple[str, str], Tie | None], names: Mapping[str, str | None]
) -> dict[str, str | None]:
    """Names of the edited graph's nodes: the graph's, else from `names`."""
    found: dict[str, str | None] = dict(graph.nodes(data="name"))
    for node in {node for pair in changed for node in pair} - found.keys():
        found[node] = None
    return {node: name if name is not None else names.get(node) for node, name in found.items()}


def apply(
    graph: nx.Graph, scenario: Scenario, network: str, names: Mapping[str, str | None]
) -> nx.Graph:
    """A copy of `graph` with the scenario's edits for `network` applied, built in sorted
    order (nodes, then ties by smaller id) so seeded algorithms stay reproducible: the
    networkx form of what `apply_compiled` gives the measures."""
    changed = edits(graph, scenario, network)
    named = edited_names(graph, changed, names)
    ties = {(min(u, v), max(u, v)): data for u, v, data in graph.edges(data=True)}
    ties.update(changed)
    edited: nx.Graph = nx.Graph()
    edited.add_nodes_from((node, {"name": named[node]}) for node in sorted(named))
    edited.add_edges_from((u, v, data) for (u, v), data in sorted(ties.items()) if data is not None)
    return edited


@dataclass(frozen=True)
class Edited:
    """A scenario applied to a compiled network: the edited graph, its nodes' names, and
    the actors at either end of a tie it touched."""

    compiled: Compiled
    names: dict[str, str | None]
    touched: set[str]


def apply_compiled(
    graph: nx.Graph, compiled: Compiled, scenario: Scenario, network: str,
    names: Mapping[str, str | None],
) -> Edited:  # fmt: skip
    """`apply` on `compiled` (= `Compiled.of(graph)`) without copying the graph."""
    changed = edits(graph, scenario, network)
    weights = {
        pair: None if data is None else float(data["weight"]) for pair, data in changed.items()
    }
    return Edited(
        compiled.with_ties(weights),
        edited_names(graph, changed, names),
        {node for pair in changed for node in pair},
    )


def reach(
    compiled: Compiled, present: Mapping[str, set[str]], actors: Iterable[str]
) -> dict[str, set[str]]:
    """Each actor's own regions plus its cooperation partners' regions."""
    adjacency = compiled.adjacency
    row = {node: i for i, node in enumerate(compiled.nodes)}
    found = {}
    for actor in actors:
        regions = set(present.get(actor, set()))
        if actor in row:
            i = row[actor]
            for j in adjacency.indices[adjacency.indptr[i] : adjacency.indptr[i + 1]].tolist():
                regions |= present.get(compiled.nodes[j], set())
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
    groups_before = [frozenset(group) for group in before.communities]
    groups_after = [frozenset(group) for group in after.communities]
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
        peers_b = groups_before[b.community - 1] if b else frozenset()
        peers_a = groups_after[a.community - 1] if a else frozenset()
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
