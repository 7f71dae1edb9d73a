"""Ambiguous attribution on the read side: what counts leave out, and how much they leave out.

An ACLED "A and/or B" actor is stored as one `PARTICIPATED_IN` edge per candidate with
`status: possible` (`status_rank` 1) and the source text in `attribution`. Counts and
rankings keep only firmer edges (`NOT_ONLY_POSSIBLE`), as the influence measures do with
their `min_status` filter; `ambiguous_incidents` tells how many incidents an actor is only
a possible party to, to show beside its counts.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.dialect import Dialect
from graph.store.base import GraphStore
from graph.vocab import CLAIM_STATUS_RANK, ClaimStatus
from queries.statements import provider

POSSIBLE_RANK = CLAIM_STATUS_RANK[ClaimStatus.POSSIBLE]
NOT_ONLY_POSSIBLE = f"coalesce(p.status_rank, {POSSIBLE_RANK + 1}) > {POSSIBLE_RANK}"
"""Cypher condition on a `PARTICIPATED_IN` edge bound to `p`: firmer than `possible`."""

AMBIGUOUS_INCIDENTS = (
    "MATCH (a:Actor)-[p:PARTICIPATED_IN]->(i:Incident) "
    f"WHERE p.status_rank = {POSSIBLE_RANK} AND ($actor_ids IS NULL OR a.id IN $actor_ids) "
    "AND ($dataset IS NULL OR i.dataset = $dataset) "
    "WITH a, count(DISTINCT i) AS incidents "
    "RETURN a.id AS actor_id, a.name AS actor, incidents ORDER BY incidents DESC, actor_id"
)
"""Per actor: incidents it is named in only as a candidate of an ambiguous attribution."""


async def ambiguous_incidents(
    store: GraphStore, actor_ids: Sequence[str] | None = None, dataset: str | None = None
) -> dict[str, int]:
    """`{actor id: number of incidents it is only a possible party to}`."""
    rows = await store.read(AMBIGUOUS_INCIDENTS, {"actor_ids": list(actor_ids) if actor_ids
                                                  else None, "dataset": dataset})  # fmt: skip
    return {str(row["actor_id"]): int(row["incidents"]) for row in rows}


@provider
def _attribution(dialect: Dialect) -> dict[str, str]:
    return {"attribution.ambiguous_incidents": AMBIGUOUS_INCIDENTS}
