"""'What changed' for a briefing: links of an actor's network that began or ended in the
window (the same ego network read at the window's start and end), and the network's
biggest PageRank rank moves between the previous window and this one."""

from __future__ import annotations

from dataclasses import dataclass

from api.export.i18n import Lang, relationship_word, status_word, t
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
    edge: Edge | None = None
    """The link that began or ended."""
    rank: tuple[int | None, int | None, int] | None = None
    """PageRank rank before, after, and the move."""
    windows: tuple[str, str, str, str] | None = None
    """The two windows a rank move compares (first, last month of each)."""

    def detail(self, lang: Lang) -> str:
        """What changed, in the language of the pack."""
        if self.edge is not None:
            return claim_text(self.edge, lang)
        assert self.rank is not None and self.windows is not None
        a, b, move = self.rank
        before = t("window", lang, start=self.windows[0], end=self.windows[1])
        after = t("window", lang, start=self.windows[2], end=self.windows[3])
        return t("rank_detail", lang, a=a or "—", b=b or "—", move=f"{move:+d}", before=before,
                 after=after)  # fmt: skip


def claim_text(edge: Edge, lang: Lang) -> str:
    """A claim's type, status, credibility and dates in one phrase."""
    ev = edge.evidence
    return t(
        "claim", lang, rel=relationship_word(edge.type, lang),
        status=status_word(str(ev.status), lang), cred=ev.credibility,
        start=ev.valid_from or "…", end=ev.valid_to or "…",
    )  # fmt: skip


def _key(edge: Edge) -> tuple[str, str, str]:
    return edge.source.id, edge.type, edge.target.id


def link_changes(before: Subgraph, after: Subgraph) -> list[Change]:
    old = {_key(e): e for e in before.edges}
    new = {_key(e): e for e in after.edges}
    out = []
    for key in sorted(new.keys() - old.keys()):
        e = new[key]
        out.append(Change("new_link", f"{e.source.name} → {e.target.name}", e))
    for key in sorted(old.keys() - new.keys()):
        e = old[key]
        out.append(Change("ended_link", f"{e.source.name} → {e.target.name}", e))
    return out


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
            rank=(r.rank_before, r.rank_after, r.move or 0),
            windows=(previous.first, previous.last, window.first, window.last),
        )
        for r in moves[:limit]
    ]
