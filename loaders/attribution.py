"""Ambiguous attribution: ACLED's "A and/or B" actor names kept as candidates, not facts.

ACLED writes an attacker it cannot pin down as `JNIM: Group for Support of Islam and
Muslims and/or Islamic State (Sahel)`. Resolving that text to its first name would count
the event as certain for one group. Each candidate instead becomes a participant with the
text it came from; its edge gets status `possible`, which every count and measure leaves
out by default (they keep `status_rank >= reported`).
"""

from __future__ import annotations

import re

from graph.vocab import ActorKind, ClaimStatus
from loaders.records import Participant

AMBIGUOUS_STATUS = ClaimStatus.POSSIBLE
_AND_OR = re.compile(r"\s+and\s*/\s*or\s+", re.IGNORECASE)


def attribution_candidates(name: str) -> list[str]:
    """`A and/or B and/or C` → [A, B, C]; any other name → [name]."""
    if "/" not in name:
        return [name]
    parts = [part.strip() for part in _AND_OR.split(name) if part.strip()]
    return parts or [name]


def participants_for(
    name: str, role: str, kind: ActorKind = ActorKind.UNKNOWN
) -> list[Participant]:
    """One participant for a plain name; one candidate per name of an "A and/or B" text."""
    candidates = attribution_candidates(name)
    if len(candidates) == 1:
        return [Participant(name, role, kind)]
    return [Participant(candidate, role, kind, attribution=name) for candidate in candidates]
