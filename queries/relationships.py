"""Relationship queries: who belongs to, allies with, or fights whom — as of a date.

"As of" semantics, shared by every entry here: a claim holds on date D when it started on
or before D (or has no start) and had not ended before D (or has no end). Partial dates
compare by their bounds (`2023-09` starts by `2023-09-31` and ends no earlier than
`2023-09-01`), which string comparison gives for free with the padding in graph.dates.
"""

from __future__ import annotations

from queries.catalog import CatalogQuery, Param, Row, register

AS_OF = Param("as_of", str, "Date (YYYY-MM-DD) the answer holds on; default: any time.", None)
MIN_STATUS = Param(
    "min_status",
    str,
    "Weakest claim status to include.",
    "possible",
    ("confirmed", "reported", "assessed", "possible"),
)
MIN_CREDIBILITY = Param("max_credibility", int, "Worst Admiralty credibility (1-6) to include.", 6)

STATUS_RANK_PARAM = (
    "CASE $min_status WHEN 'confirmed' THEN 4 WHEN 'reported' THEN 3 "
    "WHEN 'assessed' THEN 2 ELSE 1 END"
)


def valid_on(rel: str) -> str:
    """Cypher condition: relationship `rel` holds on `$as_of` and passes the grade filters."""
    return (
        f"($as_of IS NULL OR ({rel}.valid_from IS NULL OR {rel}.valid_from <= $as_of) "
        f"AND ({rel}.valid_to IS NULL OR {rel}.valid_to >= $as_of)) "
        f"AND {rel}.status_rank >= {STATUS_RANK_PARAM} "
        f"AND {rel}.credibility <= $max_credibility"
    )


class MemberRow(Row):
    alliance_id: str
    alliance: str
    member_id: str
    member: str
    valid_from: str | None
    valid_to: str | None
    status: str
    credibility: int
    source_ids: list[str]


register(
    CatalogQuery(
        name="alliance_members",
        description="Members of an alliance (and since when), as of a date.",
        row=MemberRow,
        params=(
            Param("alliance_id", str, "Alliance id, e.g. alliance:alliance-of-sahel-states."),
            AS_OF,
            MIN_STATUS,
            MIN_CREDIBILITY,
        ),
        cypher=(
            "MATCH (m)-[r:MEMBER_OF]->(a:Alliance {id: $alliance_id}) "
            f"WHERE {valid_on('r')} "
            "RETURN a.id AS alliance_id, a.name AS alliance, m.id AS member_id, "
            "m.name AS member, r.valid_from AS valid_from, r.valid_to AS valid_to, "
            "r.status AS status, r.credibility AS credibility, r.source_ids AS source_ids "
            "ORDER BY member"
        ),
        tags=("relationships",),
    )
)
