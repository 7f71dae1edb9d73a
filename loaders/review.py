"""`sahelkg crosswalk review`: the names no actor matched, each with its close candidates.

For every unresolved actor the event data made, each of its spellings is scored against
the known actors in the country where its incidents happened (the same scoring a load
uses, `loaders.scoring`); candidates at `REVIEW_FLOOR` or above are listed with the
evidence for and against them. The analyst then records a decision
(`sahelkg crosswalk accept|reject`), which the next load follows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.store.base import GraphStore
from graph.vocab import ActorKind
from loaders.crosswalk import Crosswalk
from loaders.eventload import open_crosswalk
from loaders.scoring import REVIEW_FLOOR, UNRESOLVED, Candidate, Context
from queries.eventdata.indexes import read_unresolved_actors


@dataclass(frozen=True)
class ReviewItem:
    """One unresolved name, where it was seen, and the actors it may be."""

    name: str
    actor_id: str
    incidents: int
    country: str | None
    candidates: tuple[Candidate, ...]

    def rows(self) -> list[dict[str, object]]:
        """Flat rows for a table: one per candidate (or one saying there is none)."""
        base = {"name": self.name, "unresolved_actor": self.actor_id,
                "incidents": self.incidents, "country": self.country}  # fmt: skip
        if not self.candidates:
            return [{**base, "candidate": None, "score": None, "evidence": "no candidate"}]
        return [{**base, "candidate": c.actor_id, "score": c.score, "evidence": "; ".join(c.evidence)}
                for c in self.candidates]  # fmt: skip


def candidates_for(crosswalk: Crosswalk, name: str, actor_id: str, country: str | None,
                   kind: ActorKind) -> tuple[Candidate, ...]:  # fmt: skip
    """Known actors (not `actor_id` itself, nor other unresolved ones) `name` may denote."""
    return tuple(
        c
        for c in crosswalk.candidates(name, Context(country, kind), UNRESOLVED - 1)
        if c.actor_id != actor_id and c.score >= REVIEW_FLOOR
    )


async def review_items(
    store: GraphStore, decision_files: Sequence[Path], with_candidates_only: bool = False
) -> list[ReviewItem]:
    """Every unresolved spelling with its candidates, most-used first."""
    crosswalk = await open_crosswalk(store, decision_files, dry_run=True)
    items: list[ReviewItem] = []
    for row in await read_unresolved_actors(store):
        countries = Counter(c for c in row.get("countries") or [] if c)
        country = countries.most_common(1)[0][0] if countries else None
        kind = _kind(row.get("kind"))
        spellings = dict.fromkeys([str(row["name"]), *(row.get("acled_names") or []),
                                   *(row.get("aliases") or [])])  # fmt: skip
        for name in spellings:
            found = candidates_for(crosswalk, str(name), str(row["id"]), country, kind)
            if found or not with_candidates_only:
                items.append(ReviewItem(str(name), str(row["id"]), int(row["incidents"]),
                                        country, found))  # fmt: skip
    return items


def _kind(value: object) -> ActorKind:
    try:
        return ActorKind(str(value))
    except ValueError:
        return ActorKind.UNKNOWN
