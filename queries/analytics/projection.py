"""Projections: the statements reading the actor networks the analytics run on, one read
each, and the window and floors they are read with (graphs: network.py; presence:
presence.py).

Incident sides (one mapping for every source, used by both networks):
- side A: ACLED `actor1` and `assoc_actor_1`, UCDP `side_a`, curated `perpetrator`/`attacker`;
- side B: ACLED `actor2` and `assoc_actor_2`, UCDP `side_b`, curated `target`/`victim`;
- any other role (e.g. curated `participant`) has no side and makes no pair.
Two actors on the same side of an incident cooperated in it; on opposite sides, fought.

Cooperation evidence between two actors, each item weighing 1: co-membership of an
alliance, ALLIED_WITH, SUPPORTS (directly, or of an alliance the other belongs to), PART_OF
(a unit and its parent), a joint operation (both CONDUCTED it), an incident on the same
side. Hostility evidence: HOSTILE_TO (directly, or to an alliance the other belongs to) and
incidents on opposite sides, weighed per incident (`weight_by=incidents`) or per death
(`weight_by=fatalities`; a claim still weighs 1).

Claims count when they overlap the window and pass the status/credibility floor; an
alliance counts only while it exists, and a *possible* alliance only when the floor is
`possible` (so by default — floor `assessed` — the possible JNIM–CMA alignment is left
to the what-if). Incidents and operations count when their date, of any precision, can
fall inside the window (queries.claims.dated_within).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from queries.claims import (
    STATUS_RANK_PARAM,
    date_window,
    dated_within,
    overlaps,
    status_rank,
    valid_during,
)

SIDE_A_ROLES: tuple[str, ...] = ("actor1", "assoc_actor_1", "side_a", "perpetrator", "attacker")
SIDE_B_ROLES: tuple[str, ...] = ("actor2", "assoc_actor_2", "side_b", "target", "victim")
CLAIM_KINDS = frozenset(
    {"alliance", "allied_with", "supports", "part_of", "hostile_to", "hostile_to_alliance"}
)
"""Evidence that is a sourced claim rather than a counted incident or operation."""


def side_of(role: str | None) -> str | None:
    """`actor1` → "A", `side_b` → "B", anything else → None."""
    if role in SIDE_A_ROLES:
        return "A"
    if role in SIDE_B_ROLES:
        return "B"
    return None


IN_WINDOW = dated_within("i.date")
DATASET_FILTER = "($dataset IS NULL OR i.dataset = $dataset)"
_SAME_SIDE = (
    "((p.role IN $side_a AND q.role IN $side_a) OR (p.role IN $side_b AND q.role IN $side_b))"
)
_OPPOSITE = (
    "((p.role IN $side_a AND q.role IN $side_b) OR (p.role IN $side_b AND q.role IN $side_a))"
)
_ALLIANCE_OK = (
    f"{overlaps('al.formed', 'al.dissolved', '$start', '$end')} "
    f"AND CASE al.status WHEN 'possible' THEN 1 ELSE 4 END >= {STATUS_RANK_PARAM}"
)
PACK = "links AS packed"


def fast_graded(rel: str) -> str:
    """graded() with the floor precomputed (`$min_rank`): cheaper over many incidents."""
    return f"{rel}.status_rank >= $min_rank AND {rel}.credibility <= $max_credibility"


def _claims(pattern: str, where: str, kind: str, ref: str = "''") -> str:
    """One claim-backed item per (a, b), packed per source actor."""
    return (
        f"MATCH {pattern} WHERE {where} "
        f"WITH a, collect(b.id + ',1,0,' + {ref}) AS links "
        f"RETURN a.id AS source, a.name AS source_name, '{kind}' AS kind, {PACK}"
    )


def _counted(match: str, where: str, thing: str, deaths: str, kind: str) -> str:
    """Items counted per (a, b) — each `thing` once — packed per source actor."""
    return (
        f"{match} WHERE a.id < b.id AND {where} "
        f"WITH DISTINCT a, b, {thing} "
        f"WITH a, b, count({thing}) AS n, toInteger(sum(coalesce({deaths}, 0))) AS f "
        "WITH a, collect(b.id + ',' + toString(n) + ',' + toString(f) + ',') AS links "
        f"RETURN a.id AS source, a.name AS source_name, '{kind}' AS kind, {PACK}"
    )


_INCIDENT_PAIRS = (
    f"MATCH (i:Incident) WHERE {IN_WINDOW} AND {DATASET_FILTER} "
    "MATCH (a:Actor)-[p:PARTICIPATED_IN]->(i)<-[q:PARTICIPATED_IN]-(b:Actor)"
)
_PAIR_GRADES = f"{fast_graded('p')} AND {fast_graded('q')}"

COOPERATION = " UNION ALL ".join(
    [
        _counted(
            _INCIDENT_PAIRS, f"{_SAME_SIDE} AND {_PAIR_GRADES}", "i", "i.fatalities", "same_side"
        ),
        _claims(
            "(a:Actor)-[m1:MEMBER_OF]->(al:Alliance)<-[m2:MEMBER_OF]-(b:Actor)",
            f"a.id < b.id AND {valid_during('m1')} AND {valid_during('m2')} AND {_ALLIANCE_OK}",
            "alliance",
            "al.id",
        ),
        *(
            _claims(
                f"(a:Actor)-[r:{rel_type}]->(b:Actor)",
                f"a.id <> b.id AND {valid_during('r')}",
                rel_type.lower(),
            )
            for rel_type in ("ALLIED_WITH", "SUPPORTS", "PART_OF")
        ),
        _claims(
            "(a:Actor)-[r:SUPPORTS]->(al:Alliance)<-[m:MEMBER_OF]-(b:Actor)",
            f"a.id <> b.id AND {valid_during('r')} AND {valid_during('m')} AND {_ALLIANCE_OK}",
            "supports",
        ),
        _counted(
            f"MATCH (o:Operation) WHERE {dated_within('o.date')} "
            "MATCH (a:Actor)-[c1:CONDUCTED]->(o)<-[c2:CONDUCTED]-(b:Actor)",
            f"{fast_graded('c1')} AND {fast_graded('c2')}",
            "o",
            "o.casualties",
            "joint_operation",
        ),
    ]
)
"""Cooperation evidence between actor pairs in the window, one read (rows packed, below)."""

HOSTILITY = " UNION ALL ".join(
    [
        _counted(
            _INCIDENT_PAIRS,
            f"{_OPPOSITE} AND {_PAIR_GRADES}",
            "i",
            "i.fatalities",
            "opposite_sides",
        ),
        _claims(
            "(a:Actor)-[r:HOSTILE_TO]->(b:Actor)",
            f"a.id <> b.id AND {valid_during('r')}",
            "hostile_to",
        ),
        _claims(
            "(a:Actor)-[r:HOSTILE_TO]->(al:Alliance)<-[m:MEMBER_OF]-(b:Actor)",
            f"a.id <> b.id AND {valid_during('r')} AND {valid_during('m')} AND {_ALLIANCE_OK}",
            "hostile_to_alliance",
        ),
    ]
)
"""Hostility evidence between actor pairs in the window, one read (rows packed, below)."""

NETWORK_STATEMENTS = {"cooperation": COOPERATION, "hostility": HOSTILITY}

NETWORKS = ("cooperation", "hostility")


@dataclass(frozen=True)
class Filters:
    """The window and floors a projection is read with."""

    start: str | None = None
    end: str | None = None
    min_status: str = "assessed"
    max_credibility: int = 6
    dataset: str | None = None
    level: int = 1

    def params(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            **date_window(self.start, self.end),
            "min_status": self.min_status,
            "min_rank": status_rank(self.min_status),
            "max_credibility": self.max_credibility,
            "dataset": self.dataset,
            "level": self.level,
            "side_a": list(SIDE_A_ROLES),
            "side_b": list(SIDE_B_ROLES),
        }
