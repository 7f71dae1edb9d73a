"""'What changed' for a briefing: links of an actor's network that began or ended in the
window (the same ego network read at the window's start and end), and the network's
biggest PageRank rank moves between the previous window and this one."""

from __future__ import annotations

from dataclasses import dataclass

from graph.store.base import GraphStore
from queries.analytics.shifts import RankMove
from queries.catalog import run_named
from queries.series import MonthWindow as Window
from queries.subgraph import Subgraph
from queries.types import Edge


@dataclass(frozen=True)
class Change:
    what: str
    """new_link, ended_link or rank_moved."""
    subject: str
    detail: str
    edge: Edge | None = None


def _key(edge: Edge) -> tuple[str, str, str]:
    return edge.source.id, edge.type, edge.target.id


def link_changes(before: Subgraph, after: Subgraph) -> list[Change]:
    old = {_key(e): e for e in before.edges}
    new = {_key(e): e for e in after.edges}
    out = []
    for key in sorted(new.keys() - old.keys()):
        e = new[key]
        out.append(Change("new_link", f"{e.source.name} → {e.target.name}", _edge_detail(e), e))
    for key in sorted(old.keys() - new.keys()):
        e = old[key]
        out.append(Change("ended_link", f"{e.source.name} → {e.target.name}", _edge_detail(e), e))
    return out


def _edge_detail(e: Edge) -> str:
    ev = e.evidence
    dates = f"{ev.valid_from or '…'} – {ev.valid_to or '…'}"
    return f"{e.type}, {ev.status}, credibility {ev.credibility}, {dates}"


async def rank_changes(
    store: GraphStore, subgraph: Subgraph, start: str, end: str, limit: int = 8
) -> list[Change]:
    """PageRank rank moves of the network's actors, previous window → this window."""
    window = Window.of(start, end)
    previous = window.previous()
    rows = await run_named(
        store, "influence_change", before_start=previous.first, before_end=previous.last,
        after_start=window.first, after_end=window.last, measure="pagerank", min_status="possible",
    )  # fmt: skip
    ids = {n.ref.id for n in subgraph.nodes}
    moves = [r for r in rows if isinstance(r, RankMove) and r.actor.id in ids and r.move]
    return [
        Change(
            "rank_moved",
            r.actor.name or r.actor.id,
            f"PageRank rank {r.rank_before} → {r.rank_after} ({r.move:+d}), "
            f"{previous.first}–{previous.last} vs {window.first}–{window.last}",
        )
        for r in moves[:limit]
    ]
