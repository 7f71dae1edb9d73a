"""Shared claim predicates: "as of", "during", "at least this firm", "at most this doubtful".

"As of" semantics, shared by every entry: a claim holds during a window when its period
overlaps it — it started no later than the window ends and had not ended before the
window starts; a missing bound is open. Partial dates mean every day they can mean
(graph.dates start_bound/end_bound): a claim with `valid_to: 2023-09` still holds on
2023-09-15, and `as_of=2023-09` asks about any day of September. In Cypher that is a
comparison at the coarser precision of the two sides: `left(a, size(b)) <= b`, which both
engines run on plain strings. Grades: `$min_status` (claim status, weakest included) and
`$max_credibility` (Admiralty 1-6, worst included).
"""

from __future__ import annotations

from typing import Any

from graph.dates import end_bound, start_bound
from graph.vocab import CLAIM_STATUS_RANK, ClaimStatus

STATUS_RANK_PARAM = (
    "CASE $min_status WHEN 'confirmed' THEN 4 WHEN 'reported' THEN 3 "
    "WHEN 'assessed' THEN 2 ELSE 1 END"
)
POSSIBLE_RANK = CLAIM_STATUS_RANK[ClaimStatus.POSSIBLE]
STATUS_BY_RANK: dict[int, ClaimStatus] = {
    rank: status for status, rank in CLAIM_STATUS_RANK.items()
}


def overlaps(start_prop: str, end_prop: str, window_start: str, window_end: str) -> str:
    """Cypher condition: the period [start_prop, end_prop] overlaps [window_start, window_end].

    Any of the four may be NULL (open). Dates of any precision compare at the coarser
    precision of the two sides, which is exactly start_bound/end_bound comparison.
    (`coalesce` because FalkorDB evaluates every OR branch: `left(x, size(NULL))` fails.)
    """
    return (
        f"({window_start} IS NULL OR {end_prop} IS NULL "
        f"OR left({window_start}, size(coalesce({end_prop}, ''))) <= {end_prop}) "
        f"AND ({window_end} IS NULL OR {start_prop} IS NULL "
        f"OR left({start_prop}, size(coalesce({window_end}, ''))) <= {window_end})"
    )


def dated_within(prop: str) -> str:
    """Cypher condition: a node's date `prop` (any precision) can fall in the window of
    `date_window` — a range on the date index (from the start's year), then the exact test.

    A partial date that sorts before the window's first day yet overlaps it is a prefix of
    that day (`2023-06` for 2023-06-01), hence `$from_prefixes`.
    """
    return (
        f"{prop} >= $from_floor AND {prop} <= $to_date "
        f"AND ({prop} >= $from_date OR {prop} IN $from_prefixes)"
    )


def date_window(start: str | None, end: str | None) -> dict[str, Any]:
    """Parameters for `dated_within`: the window [start, end] (any precision; open if None)."""
    first = start_bound(start) if start else "0000"
    return {
        "from_date": first,
        "from_floor": first[:4],
        "from_prefixes": [first[:4], first[:7]] if start else [],
        "to_date": end_bound(end) if end else "9999",
    }


def graded(rel: str) -> str:
    """Cypher condition: `rel` is at least `$min_status` and at most `$max_credibility`."""
    return f"{rel}.status_rank >= {STATUS_RANK_PARAM} AND {rel}.credibility <= $max_credibility"


def valid_on(rel: str) -> str:
    """Cypher condition: relationship `rel` holds on `$as_of` and passes the grade filters."""
    period = overlaps(f"{rel}.valid_from", f"{rel}.valid_to", "$as_of", "$as_of")
    return f"{period} AND {graded(rel)}"


def valid_on_within(rel: str) -> str:
    """Cypher condition: `rel` holds on `$as_of`, overlaps [`$start`, `$end`] and passes the
    grades (every one of the three parameters may be NULL: open)."""
    window = overlaps(f"{rel}.valid_from", f"{rel}.valid_to", "$start", "$end")
    return f"{valid_on(rel)} AND {window}"


def valid_during(rel: str) -> str:
    """Cypher condition: `rel` overlaps the window [`$start`, `$end`] and passes the grades."""
    period = overlaps(f"{rel}.valid_from", f"{rel}.valid_to", "$start", "$end")
    return f"{period} AND {graded(rel)}"


def status_rank(name: str | ClaimStatus) -> int:
    """`"assessed"` → 2."""
    return CLAIM_STATUS_RANK[ClaimStatus(name)]


def alliance_cap(alliance_status: str | None) -> int:
    """The firmest a membership can be: nothing in a *possible* alliance is firmer than possible."""
    return POSSIBLE_RANK if alliance_status == "possible" else max(CLAIM_STATUS_RANK.values())


def node_map(var: str, optional: bool = False) -> str:
    """Cypher map of node `var` in the shape of `queries.types.NodeRef`."""
    found = f"{{id: {var}.id, label: labels({var})[0], name: {var}.name, kind: {var}.kind}}"
    return f"CASE WHEN {var} IS NULL THEN NULL ELSE {found} END" if optional else found


def claim_map(rel: str, optional: bool = False) -> str:
    """Cypher map of relationship `rel`'s evidence in the shape of `queries.types.Claim`."""
    found = (
        f"{{status: {rel}.status, credibility: {rel}.credibility, "
        f"valid_from: {rel}.valid_from, valid_to: {rel}.valid_to, source_ids: {rel}.source_ids}}"
    )
    return f"CASE WHEN {rel} IS NULL THEN NULL ELSE {found} END" if optional else found
