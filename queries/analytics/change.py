"""Change between two windows: rank moves, brokers gained and lost, communities that split
or merged. Pure functions of two `NetworkMeasures`.

Ranks are competition ranks (1, 2, 2, 4) by value, highest first — except constraint,
where low constraint (more brokerage) ranks first. Values are rounded to 9 decimals
before ranking so floating-point noise never separates equal actors. An actor absent
from a window has no rank there.

A community of the earlier window *split* when its members (those still present) fall
into two or more communities of the later window; a later community *merged* when it
holds members of two or more earlier communities. Communities are matched by members,
never by number (Louvain numbers are arbitrary between runs).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from queries.analytics.measures import MEASURES, NetworkMeasures, membership

LOWER_IS_STRONGER = frozenset({"constraint"})


def ranks(values: Mapping[str, float | None], measure: str) -> dict[str, int]:
    """Competition ranks of the non-None values."""
    sign = 1.0 if measure in LOWER_IS_STRONGER else -1.0
    known = {n: round(v, 9) * sign for n, v in values.items() if v is not None}
    ordered = sorted(known.values())
    first_at: dict[float, int] = {}
    for position, value in enumerate(ordered, start=1):
        first_at.setdefault(value, position)
    return {n: first_at[v] for n, v in known.items()}


@dataclass(frozen=True)
class RankMove:
    """An actor's rank on one measure in both windows; `move` > 0 means it climbed."""

    measure: str
    actor_id: str
    name: str | None
    rank_before: int | None
    rank_after: int | None
    move: int | None
    value_before: float | None
    value_after: float | None


def rank_moves(before: NetworkMeasures, after: NetworkMeasures) -> list[RankMove]:
    """Every actor present in either window, for every measure."""
    moves = []
    actors = sorted(before.nodes.keys() | after.nodes.keys())
    for measure in MEASURES:
        old = {a: m.value(measure) for a, m in before.nodes.items()}
        new = {a: m.value(measure) for a, m in after.nodes.items()}
        old_rank, new_rank = ranks(old, measure), ranks(new, measure)
        for actor in actors:
            r0, r1 = old_rank.get(actor), new_rank.get(actor)
            node = after.nodes.get(actor) or before.nodes[actor]
            moves.append(
                RankMove(
                    measure=measure,
                    actor_id=actor,
                    name=node.name,
                    rank_before=r0,
                    rank_after=r1,
                    move=r0 - r1 if r0 is not None and r1 is not None else None,
                    value_before=old.get(actor),
                    value_after=new.get(actor),
                )
            )
    return moves


@dataclass(frozen=True)
class BrokerChange:
    actor_id: str
    name: str | None
    change: str
    """"new" (a broker only in the later window) or "lost"."""
    articulation_before: bool
    articulation_after: bool
    betweenness_before: float | None
    betweenness_after: float | None


def broker_changes(before: NetworkMeasures, after: NetworkMeasures) -> list[BrokerChange]:
    changes = []
    for change, actors in (
        ("new", after.brokers - before.brokers),
        ("lost", before.brokers - after.brokers),
    ):
        for actor in sorted(actors):
            b, a = before.nodes.get(actor), after.nodes.get(actor)
            changes.append(
                BrokerChange(
                    actor_id=actor,
                    name=a.name if a else (b.name if b else None),
                    change=change,
                    articulation_before=bool(b and b.articulation),
                    articulation_after=bool(a and a.articulation),
                    betweenness_before=b.betweenness if b else None,
                    betweenness_after=a.betweenness if a else None,
                )
            )
    return changes


@dataclass(frozen=True)
class CommunityChange:
    """A split (one earlier community → several later) or a merge (several → one)."""

    change: str
    before: tuple[tuple[str, ...], ...]
    after: tuple[tuple[str, ...], ...]


def community_changes(before: list[list[str]], after: list[list[str]]) -> list[CommunityChange]:
    """Splits and merges among actors present in both windows."""
    old_of, new_of = membership(before), membership(after)
    shared = old_of.keys() & new_of.keys()
    changes = []
    for group in before:
        kept = [n for n in group if n in shared]
        targets = sorted({new_of[n] for n in kept})
        if len(targets) >= 2:
            parts = tuple(sorted(tuple(n for n in kept if new_of[n] == t) for t in targets))
            changes.append(CommunityChange("split", (tuple(kept),), parts))
    for group in after:
        kept = [n for n in group if n in shared]
        sources = sorted({old_of[n] for n in kept})
        if len(sources) >= 2:
            parts = tuple(sorted(tuple(n for n in kept if old_of[n] == s) for s in sources))
            changes.append(CommunityChange("merged", parts, (tuple(kept),)))
    return changes
